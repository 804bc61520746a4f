import type { Kysely } from 'kysely';
import type { AttendanceDay, AttendanceReport } from '../src/contract';
import { assessDay, assessMonth, type ShiftPolicy, type WorkDay } from '../src/domain/attendance';
import { localDateOf, type LocalDate } from '../src/domain/local-time';
import { isWorkingDay, PLAIN_WEEK, type WorkingDayCalendar } from '../src/domain/working-days';
import { workingDayCalendarOf } from './calendar/calendar-store';
import { datesIn, instantsOf, monthOf, type DateRange } from './calendar-days';
import type { Database, SessionRow } from './db/schema';

/** A login or logout at the server's time. */
export interface AttendanceEvent {
  event: 'login' | 'logout';
  at: number;
}

/** The days reports may cover at once: two months, so a supervisor can compare this month with the last. */
export const MAX_REPORT_DAYS = 62;

/**
 * One day's logins and logouts (in server-time order) as the attendance rules see them. The day
 * is judged by its last logout only when the agent ended the day logged out: after a logout at
 * lunch and a login at 13:00 the agent is still working, so nothing says they left early.
 */
function workDayOf(date: LocalDate, events: readonly AttendanceEvent[]): { workDay: WorkDay; lastLogoutAt: number | null } {
  const firstLoginAt = events.find((event) => event.event === 'login')?.at ?? null;
  const lastLogoutAt = events.findLast((event) => event.event === 'logout')?.at ?? null;
  const endedLoggedOut = events.at(-1)?.event === 'logout';
  return { workDay: { date, firstLoginAt, lastLogoutAt: endedLoggedOut ? lastLogoutAt : null }, lastLogoutAt };
}

const NOT_JUDGED = { late: false, lateByMs: 0, leftEarly: false, earlyByMs: 0, absent: false } as const;

/**
 * The attendance report of one agent: every day of `range` with a login or logout, and the counts
 * of the calendar month of `range.to`. Days are the center's calendar days (`shift.utcOffsetMinutes`)
 * and every time is the server's; `events` must be in time order and cover both the range and
 * that month (extra events are ignored). Only working days (`calendar`, src/domain/working-days.ts)
 * are judged: a login on a holiday or a weekend is listed with its times but is never late, early
 * or absent, and counts for nothing.
 */
export function buildAttendanceReport(
  agentId: string,
  range: DateRange,
  events: readonly AttendanceEvent[],
  shift: ShiftPolicy,
  calendar: WorkingDayCalendar = PLAIN_WEEK,
): AttendanceReport {
  // Node 20 has no Map.groupBy.
  const eventsByDate = new Map<LocalDate, AttendanceEvent[]>();
  for (const event of events) {
    const date = localDateOf(event.at, shift.utcOffsetMinutes);
    const sameDay = eventsByDate.get(date);
    if (sameDay) sameDay.push(event);
    else eventsByDate.set(date, [event]);
  }
  const assess = (date: LocalDate): AttendanceDay[] => {
    const dayEvents = eventsByDate.get(date);
    if (!dayEvents) return [];
    const { workDay, lastLogoutAt } = workDayOf(date, dayEvents);
    // Not a working day: nothing to judge, so nothing to count.
    const { late, lateByMs, leftEarly, earlyByMs, absent } = isWorkingDay(date, calendar) ? assessDay(workDay, shift) : NOT_JUDGED;
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

type AttendanceSession = Pick<SessionRow, 'created_at' | 'last_seen_at' | 'ended_at' | 'end_reason'>;

/**
 * The logins and logouts the server itself saw, in time order: each session's start, and its end.
 * A session that ran out ends, for attendance, when its desk was last seen: the agent was not
 * at a working desk for the idle limit after that. When one session replaces another the logout
 * comes first, so the day does not look ended.
 */
export function attendanceEventsOf(sessions: readonly AttendanceSession[]): AttendanceEvent[] {
  const events = sessions.flatMap((session): AttendanceEvent[] => {
    const login: AttendanceEvent = { event: 'login', at: session.created_at };
    if (session.ended_at === null) return [login];
    const logoutAt = session.end_reason === 'expired' ? Math.min(session.last_seen_at, session.ended_at) : session.ended_at;
    return [login, { event: 'logout', at: logoutAt }];
  });
  return events.sort((a, b) => a.at - b.at || (a.event === b.event ? 0 : a.event === 'logout' ? -1 : 1));
}

/**
 * Reads what `buildAttendanceReport` needs and builds the report: from the agent's sessions,
 * never from the times desks report (their attendance records are kept for audit only), and the
 * center's working-day calendar, read here unless the caller already has it for the range and
 * the month of `range.to` (a report over every agent reads it once).
 */
export async function readAttendanceReport(
  db: Kysely<Database>,
  agentId: string,
  range: DateRange,
  shift: ShiftPolicy,
  calendar?: WorkingDayCalendar,
): Promise<AttendanceReport> {
  const month = monthOf(range.to);
  const covered = { from: range.from < month.from ? range.from : month.from, to: range.to > month.to ? range.to : month.to };
  const { startMs, endMs } = instantsOf(covered, shift.utcOffsetMinutes);
  const sessions = await db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'ended_at', 'end_reason'])
    .where('agent_id', '=', agentId)
    // A supervisor's board is not a seat: only desk sessions count.
    .where('kind', '=', 'desk')
    .where('created_at', '<', endMs)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', startMs)]))
    .execute();
  return buildAttendanceReport(agentId, range, attendanceEventsOf(sessions), shift, calendar ?? (await workingDayCalendarOf(db, covered)));
}
