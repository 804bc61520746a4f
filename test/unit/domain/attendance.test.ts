import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../../../src/contract/policy';
import { assessDay, assessMonth, type DayAttendance } from '../../../src/domain/attendance';
import { localDateOf, localInstant } from '../../../src/domain/local-time';

const shift = defaultPolicy.shift;
const date = '2026-11-23';
/** An instant on the test day, as the center's (UTC+8) clocks show it. */
const local = (hh: number, mm: number, ss = 0, ms = 0) => Date.UTC(2026, 10, 23, hh - 8, mm, ss, ms);
const onTimeLogout = local(17, 40);
const onTimeLogin = local(8, 20);

describe('local wall-clock time (UTC+8)', () => {
  it('08:30 in Beijing is 00:30 UTC', () => {
    expect(localInstant(date, '08:30', 480)).toBe(Date.UTC(2026, 10, 23, 0, 30));
    expect(localDateOf(Date.UTC(2026, 10, 22, 16, 0), 480)).toBe('2026-11-23');
    expect(localDateOf(Date.UTC(2026, 10, 22, 15, 59, 59, 999), 480)).toBe('2026-11-22');
  });

  it('refuses malformed or impossible dates and times with a clear error', () => {
    expect(() => localInstant('2026-02-30', '08:30', 480)).toThrow('no such date: 2026-02-30');
    expect(() => localInstant('23/11/2026', '08:30', 480)).toThrow('not a date');
    expect(() => localInstant(date, '8:30', 480)).toThrow('not a wall-clock time');
  });
});

describe('the shift policy', () => {
  it('a policy cached before the attendance fields existed still parses, with China defaults', () => {
    const older = { ...defaultPolicy, shift: { loginBy: '08:25', lateAfter: '08:30', logoutFrom: '17:35', absentBeyondMs: 3_600_000 } };
    expect(policySchema.parse(older).shift).toEqual(shift);
  });
});

describe('a working day', () => {
  const day = (firstLoginAt: number | null, lastLogoutAt: number | null = onTimeLogout) => assessDay({ date, firstLoginAt, lastLogoutAt }, shift);

  it('login at 08:30:00.000 is on time, at 08:30:00.001 late', () => {
    expect(day(local(8, 30))).toMatchObject({ late: false, lateByMs: 0, absent: false });
    expect(day(local(8, 30, 0, 1))).toMatchObject({ late: true, lateByMs: 1, absent: false });
  });

  it('exactly one hour late is late; one millisecond more is absent', () => {
    expect(day(local(9, 30))).toMatchObject({ late: true, lateByMs: 3_600_000, absent: false });
    expect(day(local(9, 30, 0, 1))).toMatchObject({ late: true, lateByMs: 3_600_001, absent: true });
  });

  it('logout at 17:34:59 is leaving early, at 17:35:00 it is not', () => {
    expect(day(onTimeLogin, local(17, 34, 59))).toMatchObject({ leftEarly: true, earlyByMs: 1_000, absent: false });
    expect(day(onTimeLogin, local(17, 35))).toMatchObject({ leftEarly: false, earlyByMs: 0, absent: false });
  });

  it('leaving more than an hour early is absent', () => {
    expect(day(onTimeLogin, local(16, 35))).toMatchObject({ leftEarly: true, absent: false });
    expect(day(onTimeLogin, local(16, 34, 59, 999))).toMatchObject({ leftEarly: true, absent: true });
  });

  it('a day without a login is an absence; a day without a logout is not judged early', () => {
    expect(day(null)).toEqual({ date, late: false, leftEarly: false, absent: true, lateByMs: 0, earlyByMs: 0 });
    expect(day(onTimeLogin, null)).toMatchObject({ leftEarly: false, absent: false });
  });

  it('follows the shift policy and its time zone', () => {
    const utcShift = { ...shift, lateAfter: '09:00', utcOffsetMinutes: 0 };
    expect(assessDay({ date, firstLoginAt: Date.UTC(2026, 10, 23, 9, 0), lastLogoutAt: null }, utcShift).late).toBe(false);
    expect(assessDay({ date, firstLoginAt: Date.UTC(2026, 10, 23, 9, 0, 0, 1), lastLogoutAt: null }, utcShift).late).toBe(true);
  });
});

describe('a month', () => {
  const onTime: DayAttendance = { date, late: false, leftEarly: false, absent: false, lateByMs: 0, earlyByMs: 0 };
  const late: DayAttendance = { ...onTime, late: true, lateByMs: 60_000 };
  const early: DayAttendance = { ...onTime, leftEarly: true, earlyByMs: 60_000 };
  const absent: DayAttendance = { ...onTime, late: true, lateByMs: 7_200_000, absent: true };
  const times = (n: number, d: DayAttendance) => Array.from({ length: n }, () => d);

  it('3 late arrivals pass, the 4th is flagged', () => {
    expect(assessMonth([...times(3, late), ...times(15, onTime)], shift)).toMatchObject({ lateArrivals: 3, tooManyLateArrivals: false });
    expect(assessMonth(times(4, late), shift)).toMatchObject({ lateArrivals: 4, tooManyLateArrivals: true });
  });

  it('2 early leaves pass, the 3rd is flagged', () => {
    expect(assessMonth(times(2, early), shift)).toMatchObject({ earlyLeaves: 2, tooManyEarlyLeaves: false });
    expect(assessMonth(times(3, early), shift)).toMatchObject({ earlyLeaves: 3, tooManyEarlyLeaves: true });
  });

  it('an absence counts once, as an absence, not also as a late arrival', () => {
    expect(assessMonth([...times(3, late), absent], shift)).toEqual({
      lateArrivals: 3,
      earlyLeaves: 0,
      absences: 1,
      tooManyLateArrivals: false,
      tooManyEarlyLeaves: false,
    });
  });
});
