import { memo } from 'react';
import type { CallView } from '../../../src/contract';
import { useDeskStore } from '../../state/desk-store';
import { useDeskNow } from '../../state/use-desk-now';
import { RingingPrompt } from './RingingPrompt';
import { useRingtone } from './use-ringtone';

/**
 * The one part of the desk that renders from the latest snapshot, straight from the store: the
 * ring prompt and its ringtone. The rest of the desk renders from a deferred copy (App), so when
 * an offer arrives React's urgent render is this slot alone, and the prompt is painted without
 * waiting for the desk around it. `shownCall` is the call of that deferred copy: its prompt stays
 * until the desk around has moved on (no blank between the prompt and the call panel).
 */
export const RingSlot = memo(function RingSlot({ shownCall }: { shownCall: CallView | null }) {
  const latest = useDeskStore((state) => state.desk.snapshot?.call ?? null);
  const policy = useDeskStore((state) => state.desk.snapshot?.policy ?? null);
  const now = useDeskNow();
  const cues = useRingtone(latest, policy);
  const ringing = latest?.phase === 'ringing' ? latest : shownCall?.phase === 'ringing' ? shownCall : null;
  return ringing ? <RingingPrompt key={ringing.id} call={ringing} now={now} cues={cues} /> : null;
});
