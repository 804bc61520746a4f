import type { DeskState, Policy, SeatPresence } from '../../../src/contract';
import type { BusyLevel } from '../../../src/domain/agent-status';
/** The counts on top of the board, in the order a supervisor reads them (签入/示闲/振铃/通话/话后/示忙). */
export declare const COUNTED_STATES: readonly ["signedIn", "ready", "ringing", "talking", "wrapUp", "busy"];
export type CountedState = (typeof COUNTED_STATES)[number];
export declare function stateCounts(seats: readonly SeatPresence[]): Record<CountedState, number>;
export type SeatFilter = 'all' | 'signedIn' | DeskState;
export type SeatSort = 'agentId' | 'state' | 'timeInState';
export declare function visibleSeats(seats: readonly SeatPresence[], filter: SeatFilter, sort: SeatSort, now: number): SeatPresence[];
/** A busy seat's timer level by the policy the desks run on; null for a seat not busy. */
export declare function busyLevelOf(seat: SeatPresence, policy: Pick<Policy, 'busyWarnAtMs' | 'busyLimitMs'>, now: number): BusyLevel | null;
