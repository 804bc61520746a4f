import type { DayFigures } from '../contract/board';
import type { DeskState } from '../contract/desk';
import type { CallPayload } from '../contract/sync';
import { localDateOf, localInstant, type LocalDate } from './local-time';

const HOUR_MS = 3_600_000;

/** One day of the center's calendar as instants: [startMs, endMs). */
export interface DayRange {
  date: LocalDate;
  startMs: number;
  endMs: number;
}

/** The center's day that `instant` falls in (a fixed UTC offset: every day has 24 hours). */
export function dayOf(instant: number, utcOffsetMinutes: number): DayRange {
  const date = localDateOf(instant, utcOffsetMinutes);
  const startMs = localInstant(date, '00:00', utcOffsetMinutes);
  return { date, startMs, endMs: startMs + 24 * HOUR_MS };
}

/** The agent entered `state` at `at` (a stateChange record, or the server ending the session: offline). */
export interface StateMark {
  at: number;
  state: DeskState;
}

/** What the day's figures are computed from: one agent's records, as the desk sent them. */
export interface DayActivity {
  day: DayRange;
  /** Figures count up to here (now, for today); later marks and calls are ignored. */
  asOf: number;
  /** Finished calls (call records). */
  calls: ReadonlyArray<Pick<CallPayload, 'direction' | 'offeredAt' | 'answeredAt' | 'endedAt'>>;
  /** Offers that rang out unanswered (missedRing records): when each was offered. */
  missedOfferedAt: readonly number[];
  /** Offers declined while not ready (declinedOffer records): when each was offered. */
  declinedOfferedAt: readonly number[];
  /** State marks in any order; the one in force when the day began should be among them. */
  marks: readonly StateMark[];
}

function perHour(day: DayRange, instants: Iterable<number>): number[] {
  const counts = new Array<number>(24).fill(0);
  for (const at of instants) {
    if (at < day.startMs || at >= day.endMs) continue;
    const hour = Math.floor((at - day.startMs) / HOUR_MS);
    counts[hour] = (counts[hour] ?? 0) + 1;
  }
  return counts;
}

/** How long the agent spent in `state` within [from, to), from marks sorted by time. */
function timeIn(state: DeskState, sorted: readonly StateMark[], from: number, to: number): number {
  let total = 0;
  sorted.forEach((mark, index) => {
    if (mark.state !== state) return;
    const start = Math.max(mark.at, from);
    const end = Math.min(sorted[index + 1]?.at ?? to, to);
    if (end > start) total += end - start;
  });
  return total;
}

/**
 * One agent's figures for one day: what the desk's "today" panel and the supervisor board both
 * show, so they cannot disagree. Calls and offers count on the day and hour they were offered.
 * Answered: inbound calls picked up. Missed: offers that rang out. Declined: offers refused with
 * 486 while not ready. Average handle time (AHT): (talk, hold included, + wrap-up) / answered
 * calls of the day. Busy: time in busy within the day, a running period counted up to `asOf`.
 */
export function dayFigures(activity: DayActivity): DayFigures {
  const { day } = activity;
  const to = Math.min(activity.asOf, day.endMs);
  const inDay = (at: number) => at >= day.startMs && at < to;

  const inbound = activity.calls.filter((call) => call.direction === 'inbound' && inDay(call.offeredAt));
  const answered = inbound.filter((call) => call.answeredAt !== null);
  const missed = activity.missedOfferedAt.filter(inDay);
  const declined = activity.declinedOfferedAt.filter(inDay);

  const marks = [...activity.marks].filter((mark) => mark.at < to).sort((a, b) => a.at - b.at);
  const talkMs = answered.reduce((sum, call) => sum + Math.max(0, call.endedAt - (call.answeredAt ?? call.endedAt)), 0);
  const wrapUpMs = timeIn('wrapUp', marks, day.startMs, to);

  return {
    answered: answered.length,
    missed: missed.length,
    declined: declined.length,
    averageHandleMs: answered.length === 0 ? null : (talkMs + wrapUpMs) / answered.length,
    busyMs: timeIn('busy', marks, day.startMs, to),
    offeredPerHour: perHour(day, [...inbound.map((call) => call.offeredAt), ...declined]),
    answeredPerHour: perHour(day, answered.map((call) => call.offeredAt)),
    missedPerHour: perHour(day, missed),
  };
}
