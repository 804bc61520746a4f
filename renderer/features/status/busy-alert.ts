import type { BusyView } from '../../../src/contract';
import { busyLevelAbove } from '../../../src/domain/busy-timer';

export type BusyAlertLevel = 'warning' | 'overLimit';

/** The busy level this page last saw, and for which busy period. */
export interface SeenBusyLevel {
  since: number;
  level: BusyView['level'];
}

/**
 * Whether a snapshot's busy level calls for a chime and an OS notification: only when main raised
 * it above what this page last saw for the same busy period. A new busy period starts from `ok`,
 * so a page (re)opened on a period already warned alerts once; a repeated snapshot never does.
 */
export function busyAlertFor(seen: SeenBusyLevel | null, busy: Pick<BusyView, 'since' | 'level'> | null): BusyAlertLevel | null {
  if (!busy || busy.level === 'ok') return null;
  const before = seen && seen.since === busy.since ? seen.level : 'ok';
  return busyLevelAbove(busy.level, before) ? busy.level : null;
}
