import { useEffect, useRef, useState } from 'react';
import { defaultPolicy, type CallView, type Policy } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { EMPTY_RING_CUE_LOG, logRingCue, ringCueFor, type RingCueLog } from './ring-cue';

/**
 * Sounds the ringtone as main's snapshots step through the rings of an offer, and silences it the
 * moment the call stops ringing (answered, rejected, gone) or the desk screen goes away.
 * Returns the cues sounded for the ringing call.
 */
export function useRingtone(call: CallView | null, policy: Policy | null): RingCueLog {
  const { sounds } = useDeskServices();
  const { ringtone } = sounds;
  const heard = useRef<{ callId: string; ring: number } | null>(null);
  const [log, setLog] = useState<RingCueLog>(EMPTY_RING_CUE_LOG);
  const ringingCallId = call?.phase === 'ringing' ? call.id : null;
  const ring = call?.ring ?? 0;
  const maxRings = call?.maxRings ?? 0;
  // Policy comes with login, so it is there while a call rings; its default only covers a gap.
  const { ringToneMs, ringCycleMs } = policy ?? defaultPolicy;
  const toneMs = Math.min(ringToneMs, ringCycleMs);

  useEffect(() => {
    if (!ringingCallId) {
      ringtone.stop();
      heard.current = null;
      return;
    }
    const previousRing = heard.current?.callId === ringingCallId ? heard.current.ring : null;
    const cue = ringCueFor(previousRing, ring, maxRings);
    if (!cue) return;
    heard.current = { callId: ringingCallId, ring };
    ringtone.play(cue, toneMs);
    setLog((current) => logRingCue(current, ringingCallId, ring, cue));
  }, [ringtone, ringingCallId, ring, maxRings, toneMs]);

  // Forgetting what was heard lets a remount (React StrictMode's rehearsal included) sound the
  // current ring again; the log does not count that replay twice.
  useEffect(
    () => () => {
      ringtone.stop();
      heard.current = null;
    },
    [ringtone],
  );

  return log;
}
