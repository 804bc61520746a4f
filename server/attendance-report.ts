import type { Kysely } from 'kysely';
import type { AttendanceDay, AttendanceReport } from '../src/contract';
import { assessDay, assessMonth, type ShiftPolicy, type WorkDay } from '../src/domain/attendance';
import { localDateOf, type LocalDate } from '../src/domain/local-time';
import { listAttendance } from './attendance-store';
import { datesIn, instantsOf, monthOf, type DateRange } from './calendar-days';
import type { AttendanceRow, Database } from './db/schema';

/** A login or logout at the server's time. */
export type AttendanceEvent = Pick<AttendanceRow, 'event' | 'server_time'>;

/** The days reports may cover at once: two months, so a supervisor can compare this month with the last. */
export const MAX_REPORT_DAYS = 62;

/**
 * One day's logins and logouts (in server-time order) as the attendance rules see them. The day
 * is judged by its last logout only when the agent ended the day logged out: after a logout at
 * lunch and a login at 13:00 the agent is still working, so nothing says they left early.
 */
function workDayOf(date: LocalDate, events: readonly AttendanceEvent[]): { workDay: WorkDay; lastLogoutAt: number | null } {
  const firstLoginAt = events.find((event) => event.event === 'login')?.server_time ?? null;
  const lastLogoutAt = events.findLast((event) => event.event === 'logout')?.server_time ?? null;
  const endedLoggedOut = events.at(-1)?.event === 'logout';
  return { workDay: { date, firstLoginAt, lastLogoutAt: endedLoggedOut ? lastLogoutAt : null }, lastLogoutAt };
}

/**
 * The attendance report of one agent: every day of `range` with a login or logout, and the counts
 * of the calendar month of `range.to`. Days are the center's calendar days (`shift.utcOffsetMinutes`)
 * and every time is the server's; `events` must be in server-time order and cover both the range
 * and that month (extra events are ignored).
 */
export function buildAttendanceReport(agentId: string, range: DateRange, events: readonly AttendanceEvent[], shift: ShiftPolicy): AttendanceReport {
  // Node 20 has no Map.groupBy.
  const eventsByDate = new Map<LocalDate, AttendanceEvent[]>();
  for (const event of events) {
    const date = localDateOf(event.server_time, shift.utcOffsetMinutes);
    const sameDay = eventsByDate.get(date);
    if (sameDay) sameDay.push(event);
    else eventsByDate.set(date, [event]);
  }
  const assess = (date: LocalDate): AttendanceDay[] => {
    const dayEvents = eventsByDate.get(date);
    if (!dayEvents) return [];
    const { workDay, lastLogoutAt } = workDayOf(date, dayEvents);
    const { late, lateByMs, leftEarly, earlyByMs, absent } = assessDay(workDay, shift);
    return [{ date, firstLoginAt: workDay.firstLoginAt, lastLogoutAt, late, lateByMs, leftEarly, earlyByMs, absent }];
  };

  const month = assessMonth(datesIn(monthOf(range.to)).flatMap(assess), shift);
  return {
    agentId,
    days: datesIn(range).flatMap(assess),
    month: {
      lateCount: month.lateArrivals,
      earlyLeaveCount: month.earlyLeaves,
      absentCount: month.absences,
      flagged: month.tooManyLateArrivals || month.tooManyEarlyLeaves,
    },
  };
}

/** Reads what `buildAttendanceReport` needs from the database and builds the report. */
export async function readAttendanceReport(db: Kysely<Database>, agentId: string, range: DateRange, shift: ShiftPolicy): Promise<AttendanceReport> {
  const month = monthOf(range.to);
  const covered = { from: range.from < month.from ? range.from : month.from, to: range.to > month.to ? range.to : month.to };
  const { startMs, endMs } = instantsOf(covered, shift.utcOffsetMinutes);
  const events = await listAttendance(db, agentId, startMs, endMs);
  return buildAttendanceReport(agentId, range, events, shift);
}
