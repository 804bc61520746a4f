import type { DeskState, Policy, SeatPresence } from '../../../src/contract';
import type { BusyLevel } from '../../../src/domain/agent-status';
import { busyTimer } from '../../../src/domain/busy-timer';

/** The counts on top of the board, in the order a supervisor reads them (签入/示闲/振铃/通话/话后/示忙). */
export const COUNTED_STATES = ['signedIn', 'ready', 'ringing', 'talking', 'wrapUp', 'busy'] as const;
export type CountedState = (typeof COUNTED_STATES)[number];

export function stateCounts(seats: readonly SeatPresence[]): Record<CountedState, number> {
  const counts: Record<CountedState, number> = { signedIn: 0, ready: 0, ringing: 0, talking: 0, wrapUp: 0, busy: 0 };
  for (const seat of seats) {
    if (seat.state === 'offline') continue;
    counts.signedIn += 1;
    counts[seat.state] += 1;
  }
  return counts;
}

export type SeatFilter = 'all' | 'signedIn' | DeskState;
export type SeatSort = 'agentId' | 'state' | 'timeInState';

/** Busiest first when sorting by state: what needs a supervisor's eye comes to the top. */
const stateRank: Record<DeskState, number> = { busy: 0, ringing: 1, talking: 2, wrapUp: 3, ready: 4, offline: 5 };

/** One collator for every comparison: localeCompare with options builds one per call (too slow for 2,000 rows). */
const byNumber = new Intl.Collator('en', { numeric: true }).compare;

export function visibleSeats(seats: readonly SeatPresence[], filter: SeatFilter, sort: SeatSort, now: number): SeatPresence[] {
  const shown = seats.filter((seat) => (filter === 'all' ? true : filter === 'signedIn' ? seat.state !== 'offline' : seat.state === filter));
  const byId = (a: SeatPresence, b: SeatPresence) => byNumber(a.agentId, b.agentId);
  const elapsed = (seat: SeatPresence) => (seat.since === null ? -1 : now - seat.since);
  const compare: Record<SeatSort, (a: SeatPresence, b: SeatPresence) => number> = {
    agentId: byId,
    state: (a, b) => stateRank[a.state] - stateRank[b.state] || elapsed(b) - elapsed(a) || byId(a, b),
    timeInState: (a, b) => elapsed(b) - elapsed(a) || byId(a, b),
  };
  return [...shown].sort(compare[sort]);
}

/** A busy seat's timer level by the policy the desks run on; null for a seat not busy. */
export function busyLevelOf(seat: SeatPresence, policy: Pick<Policy, 'busyWarnAtMs' | 'busyLimitMs'>, now: number): BusyLevel | null {
  if (seat.state !== 'busy' || seat.since === null) return null;
  return busyTimer({ since: seat.since, approvedUntil: null }, policy, now).level;
}
