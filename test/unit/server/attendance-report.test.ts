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

  it('judges working days only: a holiday or weekend login is listed but never late, early or absent; a make-up day is judged', () => {
    // 2026-10-01 (Thursday, 国庆) holiday; 2026-10-10 a Saturday; 2026-10-11 (Sunday) a make-up working day.
    const calendar = new Map([
      ['2026-10-01', 'holiday'],
      ['2026-10-11', 'workday'],
    ] as const);
    const overtime = (date: string) => [login(at(date, '10:00')), logout(at(date, '15:00'))];
    const events = [...overtime('2026-10-01'), ...overtime('2026-10-10'), ...overtime('2026-10-11'), login(at('2026-10-12', '08:40')), logout(at('2026-10-12', '17:40'))];
    const report = buildAttendanceReport('1001', { from: '2026-10-01', to: '2026-10-12' }, events, shift, calendar);
    expect(report.days.map((day) => [day.date, day.firstLoginAt, day.late, day.leftEarly, day.absent])).toEqual([
      ['2026-10-01', at('2026-10-01', '10:00'), false, false, false],
      ['2026-10-10', at('2026-10-10', '10:00'), false, false, false],
      ['2026-10-11', at('2026-10-11', '10:00'), true, true, true],
      ['2026-10-12', at('2026-10-12', '08:40'), true, false, false],
    ]);
    expect(report.month).toEqual({ lateCount: 1, earlyLeaveCount: 0, absentCount: 1, flagged: false });
    // Without the calendar the holiday is a Thursday like any other (1.5 h late: absent), and the Sunday is off.
    const plainWeek = buildAttendanceReport('1001', { from: '2026-10-01', to: '2026-10-12' }, events, shift);
    expect(plainWeek.days.filter((day) => day.absent).map((day) => day.date)).toEqual(['2026-10-01']);
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
