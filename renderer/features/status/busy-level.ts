import type { DeskSnapshot } from '../../../src/contract';

export type BusyLevel = 'normal' | 'warn' | 'over';

/** How far into the busy allowance the agent is. Display only: main raises the real events. */
export function busyLevel(snapshot: Pick<DeskSnapshot, 'state' | 'stateSince' | 'policy'>, now: number): BusyLevel {
  if (snapshot.state !== 'busy' || !snapshot.policy) return 'normal';
  const elapsed = now - snapshot.stateSince;
  if (elapsed >= snapshot.policy.busyLimitMs) return 'over';
  if (elapsed >= snapshot.policy.busyWarnAtMs) return 'warn';
  return 'normal';
}
