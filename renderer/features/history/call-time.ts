import { localClockOf, localDateOf } from '../../../src/domain/local-time';

/**
 * When a call was, as the history row shows it: the center's wall-clock time (the policy's
 * utcOffsetMinutes, never the machine's zone), with the date when it was not the center's today,
 * the year too when it was not this year.
 */
export function callTimeLabel(at: number, now: number, utcOffsetMinutes: number): { date: string | null; time: string } {
  const date = localDateOf(at, utcOffsetMinutes);
  const today = localDateOf(now, utcOffsetMinutes);
  const time = localClockOf(at, utcOffsetMinutes);
  if (date === today) return { date: null, time };
  return { date: date.slice(0, 4) === today.slice(0, 4) ? date.slice(5) : date, time };
}
