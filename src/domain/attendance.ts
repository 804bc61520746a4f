import type { Policy } from '../contract/policy';
import { localInstant, type LocalDate } from './local-time';

export type ShiftPolicy = Policy['shift'];

/** One working day of one agent: the first login and last logout the server confirmed. */
export interface WorkDay {
  date: LocalDate;
  /** Null: never logged in that day. */
  firstLoginAt: number | null;
  /** Null: no logout yet (still working, or the session was never closed): nothing to judge. */
  lastLogoutAt: number | null;
}

export interface DayAttendance {
  date: LocalDate;
  late: boolean;
  leftEarly: boolean;
  absent: boolean;
  /** After `lateAfter`; 0 when on time. */
  lateByMs: number;
  /** Before `logoutFrom`; 0 when not early. */
  earlyByMs: number;
}

/**
 * Attendance of one working day (考勤, DOMAIN.md rule 6, seed 000 第八条-第九条), defaults:
 *
 *   08:25 loginBy   08:30 lateAfter            17:35 logoutFrom
 *   login at 08:30:00.000 is on time, 08:30:00.001 is late (strictly after lateAfter);
 *   logout at 17:34:59.999 is leaving early, 17:35:00.000 is not (strictly before logoutFrom);
 *   more than `absentBeyondMs` (1 h) late or early is absent: 09:30:00.000 late, 09:30:00.001 absent.
 *
 * `loginBy` is the time the desk reminds the agent to be in by; it judges nothing. Call this for
 * working days only: a day without a login is an absence.
 */
export function assessDay(day: WorkDay, shift: ShiftPolicy): DayAttendance {
  if (day.firstLoginAt === null) return { date: day.date, late: false, leftEarly: false, absent: true, lateByMs: 0, earlyByMs: 0 };
  const lateAfter = localInstant(day.date, shift.lateAfter, shift.utcOffsetMinutes);
  const logoutFrom = localInstant(day.date, shift.logoutFrom, shift.utcOffsetMinutes);
  const lateByMs = Math.max(0, day.firstLoginAt - lateAfter);
  const earlyByMs = day.lastLogoutAt === null ? 0 : Math.max(0, logoutFrom - day.lastLogoutAt);
  return {
    date: day.date,
    late: lateByMs > 0,
    leftEarly: earlyByMs > 0,
    absent: lateByMs > shift.absentBeyondMs || earlyByMs > shift.absentBeyondMs,
    lateByMs,
    earlyByMs,
  };
}

export interface MonthAttendance {
  /** Late days that were not absences. */
  lateArrivals: number;
  /** Early-leave days that were not absences. */
  earlyLeaves: number;
  absences: number;
  /** More late arrivals than the shift allows (seed 001: more than 3). */
  tooManyLateArrivals: boolean;
  /** More early leaves than the shift allows (seed 001: more than 2). */
  tooManyEarlyLeaves: boolean;
}

/**
 * The monthly statistics a supervisor runs over one agent's assessed days of one month. A day
 * that counts as absent is counted once, as an absence, not also as late or early.
 */
export function assessMonth(days: readonly DayAttendance[], shift: ShiftPolicy): MonthAttendance {
  const counted = days.filter((day) => !day.absent);
  const lateArrivals = counted.filter((day) => day.late).length;
  const earlyLeaves = counted.filter((day) => day.leftEarly).length;
  return {
    lateArrivals,
    earlyLeaves,
    absences: days.length - counted.length,
    tooManyLateArrivals: lateArrivals > shift.lateArrivalsAllowedPerMonth,
    tooManyEarlyLeaves: earlyLeaves > shift.earlyLeavesAllowedPerMonth,
  };
}
