import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from './features/connection/ConnectionBanner';
import { DeskScreen } from './features/desk/DeskScreen';
import { LoginScreen } from './features/login/LoginScreen';
import { NoticeToasts } from './features/notices/NoticeToasts';
import { useAudioRouting } from './features/settings/use-audio-routing';
import { useDeskStore } from './state/desk-store';

/** A projection of main's DeskSnapshot: no snapshot yet, signed out, or the desk. */
export function App() {
  const { t } = useTranslation();
  // Everything renders from a deferred copy of main's state, in slices that let other work through
  // (the media requests of an answer, the next snapshot); only the ring prompt renders from the
  // latest at once (RingSlot), so an offer is painted without waiting for the desk around it.
  const desk = useDeferredValue(useDeskStore((state) => state.desk));
  const { snapshot } = desk;
  const connected = useDeskStore((state) => state.connection.status === 'connected');
  // The chosen devices apply from the first moment, signed in or not: the microphone is prepared before login.
  useAudioRouting();
  return (
    <div className={`app${connected ? '' : ' app--disconnected'}`}>
      <ConnectionBanner />
      {!snapshot ? (
        <div className="loading" data-testid="loading">
          <span className="spinner" aria-hidden="true" /> {t('app.loading')}
        </div>
      ) : snapshot.agent === null || snapshot.state === 'offline' ? (
        <LoginScreen loggingIn={snapshot.loggingIn} sessionEnd={snapshot.sessionEnd} serverReachable={snapshot.serverReachable} />
      ) : (
        <DeskScreen desk={desk} snapshot={snapshot} />
      )}
      <NoticeToasts />
    </div>
  );
}
