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

/**
 * An instant as the desk shows it: the center's wall-clock time, with the date when it is not the
 * center's today (`MM-DD`), and the year too when it is not this year.
 */
export function wallTimeLabel(at: number, now: number, utcOffsetMinutes: number): { date: string | null; time: string } {
  const date = localDateOf(at, utcOffsetMinutes);
  const today = localDateOf(now, utcOffsetMinutes);
  const time = localClockOf(at, utcOffsetMinutes);
  if (date === today) return { date: null, time };
  return { date: date.slice(0, 4) === today.slice(0, 4) ? date.slice(5) : date, time };
}

/** The center's zone as people write it: UTC+8, UTC-3:30. */
export function utcOffsetLabel(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(utcOffsetMinutes);
  return `UTC${sign}${Math.floor(minutes / 60)}${minutes % 60 === 0 ? '' : `:${String(minutes % 60).padStart(2, '0')}`}`;
}

/** A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds ignored) read as the center's wall clock; NaN when empty or invalid. */
export function centerDateTimeToEpoch(value: string, utcOffsetMinutes: number): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value);
  if (!match?.[1] || !match[2]) return Number.NaN;
  try {
    return localInstant(match[1], match[2], utcOffsetMinutes);
  } catch {
    return Number.NaN;
  }
}

/** An instant as a `datetime-local` value on the center's wall clock (minutes, what the input shows). */
export function epochToCenterDateTime(instant: number, utcOffsetMinutes: number): string {
  return `${localDateOf(instant, utcOffsetMinutes)}T${localClockOf(instant, utcOffsetMinutes)}`;
}
