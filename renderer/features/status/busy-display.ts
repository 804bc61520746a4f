import type { BusyView } from '../../../src/contract';

/** `mm:ss`, minutes not wrapped into hours (a busy timer reads "75:03", not "1:15:03"); negative shows 00:00. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export interface BusyDisplay {
  /** Busy for so long, e.g. `12:04`. */
  elapsed: string;
  /** The allowance (limitAt − since: 15:00 by default, longer once a supervisor approved more). */
  limit: string;
  /** Until the limit while under it, e.g. `02:56`; null once over. */
  left: string | null;
  /** Past the limit by so long; null while under it. */
  over: string | null;
}

/**
 * What the busy timer shows at `now` (main's clock, extrapolated). Display only: the level, and
 * so the warning and the supervisor's notice, come from main (`busy.level`).
 */
export function busyDisplay(busy: Pick<BusyView, 'since' | 'limitAt' | 'level'>, now: number): BusyDisplay {
  const overLimit = busy.level === 'overLimit';
  return {
    elapsed: formatClock(now - busy.since),
    limit: formatClock(busy.limitAt - busy.since),
    // Rounded up, like the other countdowns, so 00:00 appears only when the limit is really reached.
    left: overLimit ? null : formatClock(Math.max(0, busy.limitAt - now) + 999),
    over: overLimit ? formatClock(now - busy.limitAt) : null,
  };
}
