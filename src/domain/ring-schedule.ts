import type { Policy } from '../contract/policy';

type RingPolicy = Pick<Policy, 'ringCycleMs' | 'ringToneMs' | 'maxRings'>;

/**
 * Where an offer stands in its ring cadence (DOMAIN.md rule 1), from main's clock.
 *
 * Ring n (1-based) is the half-open interval [offeredAt + (n−1)·cycle, offeredAt + n·cycle): tone
 * for `ringToneMs`, then silence. The deadline is offeredAt + maxRings·cycle and belongs to the
 * *timeout* side: an answer at deadline − 1 ms is on the last ring and in time, an answer at the
 * deadline is late (ring maxRings + 1). With the defaults (5 s cycle, 1 s tone, 3 rings):
 *
 *   offeredAt  +5 s       +10 s      +15 s = deadline
 *   |#---------|#---------|#---------|
 *     ring 1     ring 2     ring 3     timeout (ring 4 if policy lets it ring on)
 *   # tone (1 s)   - silence (4 s)
 */
export interface RingSchedule {
  /** 1-based; exceeds maxRings only when policy lets an overdue offer ring on. */
  ring: number;
  /** Inside the tone part of the current cycle. */
  toneOn: boolean;
  isLastRing: boolean;
  /** The deadline has passed (now ≥ deadline). */
  overdue: boolean;
  deadline: number;
  /** Until the deadline, never negative. */
  msLeft: number;
  /** When `ring` or `toneOn` next changes: the cadence goes on past the deadline. */
  nextChangeAt: number;
}

/** The instant from which an unanswered offer has timed out. */
export function ringDeadline(offeredAt: number, policy: RingPolicy): number {
  return offeredAt + policy.maxRings * policy.ringCycleMs;
}

export function ringSchedule(offeredAt: number, policy: RingPolicy, now: number): RingSchedule {
  const cycle = policy.ringCycleMs;
  const toneMs = Math.min(policy.ringToneMs, cycle);
  const elapsed = Math.max(0, now - offeredAt);
  const cycleIndex = Math.floor(elapsed / cycle);
  const cycleStart = offeredAt + cycleIndex * cycle;
  const toneOn = elapsed - cycleIndex * cycle < toneMs;
  const ring = cycleIndex + 1;
  const deadline = ringDeadline(offeredAt, policy);
  return {
    ring,
    toneOn,
    isLastRing: ring === policy.maxRings,
    overdue: now >= deadline,
    deadline,
    msLeft: Math.max(0, deadline - now),
    // A tone filling the whole cycle never switches off: the next change is the next ring.
    nextChangeAt: toneOn && toneMs < cycle ? cycleStart + toneMs : cycleStart + cycle,
  };
}

/** The ring an answer came on, as stored with the call. */
export function ringsAtAnswer(offeredAt: number, answeredAt: number, policy: RingPolicy): number {
  return ringSchedule(offeredAt, policy, answeredAt).ring;
}

/** Whether an answer at `answeredAt` keeps the three-rings rule (strictly before the deadline). */
export function answeredInTime(offeredAt: number, answeredAt: number, policy: RingPolicy): boolean {
  return answeredAt < ringDeadline(offeredAt, policy);
}
