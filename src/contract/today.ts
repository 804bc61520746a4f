import type { DayFigures } from './board';

/**
 * The agent's own "today" (我的今日, DOMAIN.md small things: agents should know how they are
 * measured), asked for with the desk command `getToday`.
 *
 * `figures` is the one computation of the day's figures (src/domain/day-figures.ts) over the
 * records this desk made today: the same the supervisor board shows for the agent's seat. The
 * rest is the desk's own: the ring each call was answered on, and the survey results of today's
 * calls as the IVR reported them.
 */
export interface TodayFigures {
  /** The center's date (policy.shift.utcOffsetMinutes), YYYY-MM-DD. */
  date: string;
  /** The figures count up to here (main's clock). */
  asOf: number;
  figures: DayFigures;
  /** Answered calls by the ring they were answered on: index 0 is ring 1; the last counts ring maxRings and later. */
  answeredOnRing: number[];
  /** Today's calls the customer was transferred to the survey: each rating the IVR reported, and those not reported yet. */
  survey: { satisfied: number; neutral: number; dissatisfied: number; notRated: number; awaited: number };
  /** policy.busyAllowancePerDayMs: 0 when the center sets none. */
  busyAllowanceMs: number;
  /** The first-contact promises the agent owns that are not kept yet, and how many of them are past due, at `asOf`. */
  promises: { open: number; overdue: number };
}
