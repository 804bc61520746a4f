import { wallTimeLabel } from '../../../src/domain/local-time';

/** A time in the center's zone, with the date when it is not the center's today. */
export function centerTime(at: number, now: number, utcOffsetMinutes: number): string {
  const { date, time } = wallTimeLabel(at, now, utcOffsetMinutes);
  return date === null ? time : `${date} ${time}`;
}
