import { memo, useCallback, useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import type { DeskSlice } from '../../state/desk-slice';
import { useDeskNowOf } from '../../state/use-desk-now';
import { CallPanel } from '../call/CallPanel';
import { DialPad } from '../dial/DialPad';
import { canDialFrom, useDial } from '../dial/use-dial';
import { RingSlot } from '../ringing/RingSlot';
import { SessionEndNotice } from '../login/SessionEndNotice';
import { StatusHeader } from '../status/StatusHeader';
import { WrapUpForm, type WrapUpSaved } from '../wrap-up/WrapUpForm';
import { WrapUpResult } from '../wrap-up/WrapUpResult';
import { DeskShortcuts } from '../shortcuts/DeskShortcuts';
import { DeskSide } from './DeskSide';

/**
 * The logged-in desk, rendered from the deferred copy of main's snapshot that App hands it
 * (memoised: an urgent render passes it by). The ring prompt alone renders from the latest
 * snapshot (RingSlot). The only local state is which wrap-up form is open (UI, not business).
 */
export const DeskScreen = memo(function DeskScreen({ desk, snapshot }: { desk: DeskSlice['desk']; snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  const now = useDeskNowOf(desk);
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
  const ringing = call?.phase === 'ringing';
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
          <RingSlot shownCall={call} />
          {call && !ringing && <CallPanel key={call.id} call={call} snapshot={snapshot} now={now} />}
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
});
