import { localDateOf, localInstant, type LocalDate } from '../src/domain/local-time';

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates. A date is mapped to its UTC midnight and back, so
 * every day has exactly 24 h and neither the host's time zone nor DST can shift a date.
 */

const DAY_MS = 24 * 60 * 60_000;

/** An inclusive range of calendar dates, `from` ≤ `to`. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

const midnightUtc = (date: LocalDate) => localInstant(date, '00:00', 0);

export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOf(midnightUtc(date) + days * DAY_MS, 0);
}

/** How many dates `range` holds, both ends counted (a one-day range holds 1). */
export function daysIn(range: DateRange): number {
  return Math.round((midnightUtc(range.to) - midnightUtc(range.from)) / DAY_MS) + 1;
}

export function datesIn(range: DateRange): LocalDate[] {
  return Array.from({ length: Math.max(0, daysIn(range)) }, (_, index) => addDays(range.from, index));
}

/** The whole calendar month `date` falls in. */
export function monthOf(date: LocalDate): DateRange {
  const from = `${date.slice(0, 7)}-01`;
  const nextMonth = addDays(from, 31).slice(0, 7);
  return { from, to: addDays(`${nextMonth}-01`, -1) };
}

/** The instants the center's clocks spend inside `range`: [start of `from`, start of the day after `to`). */
export function instantsOf(range: DateRange, utcOffsetMinutes: number): { startMs: number; endMs: number } {
  return {
    startMs: localInstant(range.from, '00:00', utcOffsetMinutes),
    endMs: localInstant(addDays(range.to, 1), '00:00', utcOffsetMinutes),
  };
}
