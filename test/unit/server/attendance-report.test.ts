import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/contract';
import { attendanceEventsOf, buildAttendanceReport, type AttendanceEvent } from '../../../server/attendance-report';

const shift = defaultPolicy.shift; // UTC+8, late after 08:30, logout from 17:35
const at = (date: string, time: string, offset = '+08:00') => Date.parse(`${date}T${time}${offset}`);
const login = (at: number): AttendanceEvent => ({ event: 'login', at });
const logout = (at: number): AttendanceEvent => ({ event: 'logout', at });

describe('buildAttendanceReport', () => {
  it("takes the day's first login and last logout", () => {
    const events = [
      login(at('2026-11-02', '08:20')),
      logout(at('2026-11-02', '12:00')),
      login(at('2026-11-02', '13:00')),
      logout(at('2026-11-02', '17:00')),
    ];
    const report = buildAttendanceReport('1001', { from: '2026-11-02', to: '2026-11-02' }, events, shift);
    expect(report.days).toEqual([
      {
        date: '2026-11-02',
        firstLoginAt: at('2026-11-02', '08:20'),
        lastLogoutAt: at('2026-11-02', '17:00'),
        late: false,
        lateByMs: 0,
        leftEarly: true,
        earlyByMs: 35 * 60_000,
        absent: false,
      },
    ]);
  });

  it('lists only days of the range, but counts the whole month of `to`', () => {
    const events = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'].map((date) => login(at(date, '08:31')));
    const report = buildAttendanceReport('1001', { from: '2026-11-05', to: '2026-11-06' }, events, shift);
    expect(report.days.map((day) => day.date)).toEqual(['2026-11-05']);
    expect(report.month).toEqual({ lateCount: 4, earlyLeaveCount: 0, absentCount: 0, flagged: true });
  });

  it('flags more than the allowed early leaves, and uses the policy thresholds', () => {
    const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
    const events = days.flatMap((date) => [login(at(date, '08:00')), logout(at(date, '17:00'))]);
    const range = { from: '2026-11-01', to: '2026-11-30' };
    expect(buildAttendanceReport('1001', range, events, shift).month).toMatchObject({ earlyLeaveCount: 3, flagged: true });
    expect(buildAttendanceReport('1001', range, events, { ...shift, earlyLeavesAllowedPerMonth: 3 }).month.flagged).toBe(false);
  });

  it("cuts days at the center's midnight in a zone west of UTC too", () => {
    const newYork = { ...shift, utcOffsetMinutes: -300 };
    const lateEvening = at('2026-11-02', '23:30', '-05:00'); // 2026-11-03 04:30 UTC
    const report = buildAttendanceReport('1001', { from: '2026-11-02', to: '2026-11-03' }, [login(lateEvening)], newYork);
    expect(report.days.map((day) => [day.date, day.firstLoginAt, day.late])).toEqual([['2026-11-02', lateEvening, true]]);
  });
});

describe('attendanceEventsOf', () => {
  const session = (created_at: number, ended?: { at: number; reason: 'replaced' | 'admin' | 'expired' | 'logout'; lastSeenAt?: number }) => ({
    created_at,
    last_seen_at: ended?.lastSeenAt ?? created_at,
    ended_at: ended?.at ?? null,
    end_reason: ended?.reason ?? null,
  });

  it("takes each session's start and end, in time order, a live session only starting", () => {
    const events = attendanceEventsOf([session(at('2026-11-02', '13:00')), session(at('2026-11-02', '08:20'), { at: at('2026-11-02', '12:00'), reason: 'logout' })]);
    expect(events).toEqual([login(at('2026-11-02', '08:20')), logout(at('2026-11-02', '12:00')), login(at('2026-11-02', '13:00'))]);
  });

  it('ends a session that ran out when its desk was last seen, not when the server noticed', () => {
    const lastSeenAt = at('2026-11-02', '17:00');
    const events = attendanceEventsOf([session(at('2026-11-02', '08:00'), { at: lastSeenAt + 30 * 60_000, reason: 'expired', lastSeenAt })]);
    expect(events).toEqual([login(at('2026-11-02', '08:00')), logout(lastSeenAt)]);
    const report = buildAttendanceReport('1001', { from: '2026-11-02', to: '2026-11-02' }, events, shift);
    expect(report.days[0]).toMatchObject({ lastLogoutAt: lastSeenAt, leftEarly: true, earlyByMs: 35 * 60_000 });
  });

  it('puts the logout of a replaced session before the login that replaced it, so the day goes on', () => {
    const movedAt = at('2026-11-02', '10:00');
    const events = attendanceEventsOf([session(movedAt), session(at('2026-11-02', '08:00'), { at: movedAt, reason: 'replaced' })]);
    expect(events).toEqual([login(at('2026-11-02', '08:00')), logout(movedAt), login(movedAt)]);
    expect(buildAttendanceReport('1001', { from: '2026-11-02', to: '2026-11-02' }, events, shift).days[0]).toMatchObject({ leftEarly: false });
  });
});
