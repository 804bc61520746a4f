import type { RingCue } from '../../media/ringtone';

/**
 * Which cue a snapshot calls for. Main's clock says which ring an offer is on (one snapshot per
 * ring); the desk sounds each new ring once, ring 1 included, and the last ring (or any after it,
 * when policy lets an overdue call ring on) escalated. `previousRing` is the last ring already
 * sounded for this call, null for a call not heard yet. A repeated snapshot of the same ring, or
 * a stale one, sounds nothing; rings skipped while the page was away are not caught up.
 */
export function ringCueFor(previousRing: number | null, ring: number, maxRings: number): RingCue | null {
  if (ring < 1) return null;
  if (previousRing !== null && ring <= previousRing) return null;
  return ring >= maxRings ? 'lastRing' : 'ring';
}

/** The rings sounded for one call: what the prompt reports in `data-ring-cues`. */
export interface RingCueLog {
  callId: string | null;
  /** How many distinct rings have been sounded. */
  count: number;
  lastRing: number;
  lastCue: RingCue | null;
}

export const EMPTY_RING_CUE_LOG: RingCueLog = { callId: null, count: 0, lastRing: 0, lastCue: null };

/** Records a cue for `ring` of `callId`; a ring already counted (a replay) is not counted twice. */
export function logRingCue(log: RingCueLog, callId: string, ring: number, cue: RingCue): RingCueLog {
  if (log.callId !== callId) return { callId, count: 1, lastRing: ring, lastCue: cue };
  if (ring <= log.lastRing) return log;
  return { callId, count: log.count + 1, lastRing: ring, lastCue: cue };
}
