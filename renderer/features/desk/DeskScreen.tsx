import { useCallback, useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import { useDeskNow } from '../../state/use-desk-now';
import { CallPanel } from '../call/CallPanel';
import { DialPad } from '../dial/DialPad';
import { canDialFrom, useDial } from '../dial/use-dial';
import { RingingPrompt } from '../ringing/RingingPrompt';
import { useRingtone } from '../ringing/use-ringtone';
import { SessionEndNotice } from '../login/SessionEndNotice';
import { StatusHeader } from '../status/StatusHeader';
import { WrapUpForm, type WrapUpSaved } from '../wrap-up/WrapUpForm';
import { WrapUpResult } from '../wrap-up/WrapUpResult';
import { DeskShortcuts } from '../shortcuts/DeskShortcuts';
import { DeskSide } from './DeskSide';

/**
 * The logged-in desk. The only local state is which wrap-up form is open (UI, not business); the
 * ringtone follows main's snapshots from here, so it outlives the prompt only to be silenced.
 */
export function DeskScreen({ snapshot: latest }: { snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  // The ring prompt renders from the latest snapshot at once. Everything else renders from a
  // deferred copy, in slices that let other work through: the media requests of an answer must
  // not wait behind the render of the call panel, nor the prompt behind the side column.
  const snapshot = useDeferredValue(latest);
  const now = useDeskNow();
  const [wrapUpCallId, setWrapUpCallId] = useState<string | null>(null);
  const [saved, setSaved] = useState<WrapUpSaved | null>(null);
  const activeWrapUpCallId = snapshot.wrapUp?.callId ?? null;

  // A wrap-up main starts opens its form; the form outlives main's limit as a draft.
  useEffect(() => {
    if (activeWrapUpCallId) {
      setWrapUpCallId(activeWrapUpCallId);
      setSaved(null);
    }
  }, [activeWrapUpCallId]);

  // A wrap-up saved elsewhere (or by this form) closes the form; a mere draft keeps it open.
  const openCall = wrapUpCallId ? snapshot.recentCalls.find((call) => call.callId === wrapUpCallId) : undefined;
  const wrapUpDone = wrapUpCallId !== null && wrapUpCallId !== activeWrapUpCallId && (openCall?.wrapUp === 'pending' || openCall?.wrapUp === 'synced');
  const shownWrapUp = wrapUpDone ? null : wrapUpCallId;
  const { call } = snapshot;
  // Shown from the latest snapshot, and kept until the deferred one has moved on (no blank between prompt and call panel).
  const ringing = latest.call?.phase === 'ringing' ? latest.call : call?.phase === 'ringing' ? call : null;
  const ringCues = useRingtone(latest.call, latest.policy);
  const dialler = useDial();
  const canDial = canDialFrom(snapshot.state, call !== null);
  const { dial } = dialler;
  const openWrapUp = useCallback((callId: string) => {
    setSaved(null);
    setWrapUpCallId(callId);
  }, []);
  const callBack = useCallback((number: string) => void dial(number), [dial]);
  // The side column's clock ticks by the second, at low priority (DeskSide).
  const sideNow = useDeferredValue(Math.floor(now / 1_000) * 1_000);
  const sideCanCallBack = useDeferredValue(canDial && !dialler.dialling);

  return (
    <div className="desk-screen">
      <StatusHeader snapshot={snapshot} now={now} />
      <DeskShortcuts />
      {snapshot.sessionEnd && <SessionEndNotice end={snapshot.sessionEnd} finishing />}
      <main className="desk">
        <div className="desk__main">
          {ringing && <RingingPrompt key={ringing.id} call={ringing} now={now} cues={ringCues} />}
          {call && call.phase !== 'ringing' && !ringing && <CallPanel key={call.id} call={call} snapshot={snapshot} now={now} />}
          {saved && (!shownWrapUp || shownWrapUp === saved.callId) && <WrapUpResult result={saved} onClose={() => setSaved(null)} />}
          {shownWrapUp && saved?.callId !== shownWrapUp && (
            <WrapUpForm
              key={shownWrapUp}
              callId={shownWrapUp}
              snapshot={snapshot}
              now={now}
              onSaved={(result) => {
                setSaved(result);
                setWrapUpCallId(null);
              }}
              onClose={() => setWrapUpCallId(null)}
            />
          )}
          {!call && !ringing && !shownWrapUp && !saved && (
            <div className={`idle card idle--${snapshot.state}`} data-testid="idle">
              <p>{t(`idle.${snapshot.state === 'busy' ? 'busy' : snapshot.state === 'ready' ? 'ready' : 'other'}`)}</p>
            </div>
          )}
          {canDial && !ringing && <DialPad dialler={dialler} />}
        </div>
        <DeskSide snapshot={snapshot} now={sideNow} canCallBack={sideCanCallBack} onWrapUp={openWrapUp} onCallBack={callBack} />
      </main>
    </div>
  );
}
