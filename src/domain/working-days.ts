import type { CalendarEntryKind } from '../contract/calendar';
import { localInstant, type LocalDate } from './local-time';

/**
 * The center's exceptions to the Monday-to-Friday week, by date (src/contract/calendar.ts):
 * public holidays (节假日) and make-up working days (调休上班). Dates not in it follow the week.
 */
export type WorkingDayCalendar = ReadonlyMap<LocalDate, CalendarEntryKind>;

/** No exceptions: Monday to Friday. */
export const PLAIN_WEEK: WorkingDayCalendar = new Map();

/** The day of the week of a calendar date: 0 Sunday … 6 Saturday. Throws on a date that does not exist. */
export function weekdayOf(date: LocalDate): number {
  // The date's UTC midnight: neither the host's time zone nor DST can move it to another day.
  return new Date(localInstant(date, '00:00', 0)).getUTCDay();
}

/**
 * Whether `date` is a working day of the center (DOMAIN.md rule 6: the days attendance is judged on):
 *
 *                      no entry   holiday   workday
 *   Monday-Friday      working    off       working
 *   Saturday, Sunday   off        off       working
 *
 * An entry that agrees with the week (a Saturday holiday, a Tuesday workday) changes nothing.
 */
export function isWorkingDay(date: LocalDate, calendar: WorkingDayCalendar = PLAIN_WEEK): boolean {
  const kind = calendar.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}
