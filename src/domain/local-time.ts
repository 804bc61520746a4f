/**
 * Wall-clock times of the center's time zone, as a fixed offset from UTC (China: UTC+8, no DST).
 * A fixed offset keeps the rules free of the host's time-zone database and its settings.
 */

/** A calendar date in the center's time zone: `YYYY-MM-DD`. */
export type LocalDate = string;

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const wallClockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant at which the center's clocks show `time` (`HH:MM`) on `date`. */
export function localInstant(date: LocalDate, time: string, utcOffsetMinutes: number): number {
  const [, year, month, day] = localDatePattern.exec(date) ?? [];
  const [, hours, minutes] = wallClockPattern.exec(time) ?? [];
  if (!year || !month || !day) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  if (!hours || !minutes) throw new RangeError(`not a wall-clock time (HH:MM): ${time}`);
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes));
  // Date.UTC rolls 2026-02-30 over into March; a date that does not exist is an error, not a guess.
  if (localDateOf(utc, 0) !== date) throw new RangeError(`no such date: ${date}`);
  return utc - utcOffsetMinutes * 60_000;
}

/** The center's calendar date at `instant`. */
export function localDateOf(instant: number, utcOffsetMinutes: number): LocalDate {
  return new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The center's wall-clock time at `instant`, `HH:MM`. */
export function localClockOf(instant: number, utcOffsetMinutes: number): string {
  return new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(11, 16);
}
