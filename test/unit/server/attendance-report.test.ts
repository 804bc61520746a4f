import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/contract';
import { buildAttendanceReport, type AttendanceEvent } from '../../../server/attendance-report';

const shift = defaultPolicy.shift; // UTC+8, late after 08:30, logout from 17:35
const at = (date: string, time: string, offset = '+08:00') => Date.parse(`${date}T${time}${offset}`);
const login = (server_time: number): AttendanceEvent => ({ event: 'login', server_time });
const logout = (server_time: number): AttendanceEvent => ({ event: 'logout', server_time });

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
