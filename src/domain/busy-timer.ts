import type { Policy } from '../contract/policy';
import type { BusyLevel, BusyStatus } from './agent-status';

/**
 * The busy clock (示忙不超过15分钟, DOMAIN.md rule 2). Levels by elapsed busy time, defaults:
 *
 *   since          +12 min (warnAt)      +15 min (limitAt)
 *   |---- ok ------|------ warning ------|------ overLimit ------>
 *
 * Each threshold belongs to the level it starts: at limitAt − 1 ms still `warning`, at limitAt
 * `overLimit`. A supervisor's approval moves limitAt out to `approvedUntil` (never in), and the
 * warning keeps its lead before it (3 min by default), so the agent is warned before the
 * approved absence runs out too.
 */
export interface BusyTimer {
  elapsedMs: number;
  level: BusyLevel;
  warnAt: number;
  limitAt: number;
  /** When `level` next rises; null once over the limit. */
  nextChangeAt: number | null;
}

type BusyPolicy = Pick<Policy, 'busyWarnAtMs' | 'busyLimitMs'>;

export function busyTimer(busy: Pick<BusyStatus, 'since' | 'approvedUntil'>, policy: BusyPolicy, now: number): BusyTimer {
  const limitAt = Math.max(busy.since + policy.busyLimitMs, busy.approvedUntil ?? -Infinity);
  const warningLead = Math.max(0, policy.busyLimitMs - policy.busyWarnAtMs);
  const warnAt = Math.max(busy.since, limitAt - warningLead);
  const level: BusyLevel = now >= limitAt ? 'overLimit' : now >= warnAt ? 'warning' : 'ok';
  return {
    elapsedMs: Math.max(0, now - busy.since),
    level,
    warnAt,
    limitAt,
    nextChangeAt: level === 'ok' ? warnAt : level === 'warning' ? limitAt : null,
  };
}

const levelRank: Record<BusyLevel, number> = { ok: 0, warning: 1, overLimit: 2 };

/** Whether `level` is more serious than `than`. */
export function busyLevelAbove(level: BusyLevel, than: BusyLevel): boolean {
  return levelRank[level] > levelRank[than];
}
