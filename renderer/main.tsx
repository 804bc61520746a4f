import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as z from 'zod';
import { App } from './App';
import { DeskConnection } from './bridge/desk-connection';
import { pickCarrier } from './bridge/pick-carrier';
import { initI18n } from './i18n/i18n';
import { createAudioRouting } from './media/audio-routing';
import { createDeskSounds } from './media/desk-sounds';
import { RemoteAudioOutput } from './media/remote-audio';
import { WebRtcMediaEngine } from './media/web-rtc-media-engine';
import { DeskServicesProvider } from './shared/desk-services';
import { deskStore } from './state/desk-store';
import './styles.css';

// zod's JIT probes `new Function`, which our CSP (no 'unsafe-eval') refuses with a console error.
z.config({ jitless: true });
initI18n();

// The renderer owns WebRTC: main drives this engine over the RPC; the connection prepares the
// microphone as soon as the desk is reached, so answering never waits for getUserMedia.
const remoteAudio = new RemoteAudioOutput(document);
const media = new WebRtcMediaEngine({ playRemoteAudio: (sessionId, stream) => remoteAudio.play(sessionId, stream) });
const carrier = pickCarrier({ onWindowInUse: () => deskStore.getState().connectionRefusedForOtherWindow() });
const connection = new DeskConnection({ carrier, media, store: deskStore });
connection.start();
const sounds = createDeskSounds(document, window);
const audio = createAudioRouting({ mediaDevices: navigator.mediaDevices as MediaDevices | undefined, engine: media, remoteAudio, sounds });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DeskServicesProvider services={{ desk: connection.desk, media, sounds, audio }}>
      <App />
    </DeskServicesProvider>
  </StrictMode>,
);
