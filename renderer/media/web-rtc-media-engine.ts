import { systemClock, type Clock } from '../../src/domain/clock';
import type { MediaEngine, MediaOptions, MediaStats, SessionDescription } from '../../src/contract';
import { ConferenceMixer } from './conference-mixer';
import { DEFAULT_ICE_LIMITS, type IceGatheringLimits } from './ice-gathering';
import { MediaSession } from './media-session';
import { MediaSessionClosedError } from './media-session-closed-error';
import { RemoteAudioOutput } from './remote-audio';

export interface WebRtcMediaEngineOptions {
  /** No STUN/TURN by default: the lab and a call center's LAN reach the PBX directly. */
  rtcConfiguration?: RTCConfiguration;
  iceLimits?: IceGatheringLimits;
  clock?: Clock;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  playRemoteAudio?: (sessionId: string, stream: MediaStream) => () => void;
  /** Where three-way calls are mixed (an AudioContext is made on first use). */
  conferenceMixer?: ConferenceMixer;
  /** Resolves once the page has painted its next frame (work that must not delay a paint waits for it). */
  afterPaint?: () => Promise<void>;
}

/** How many closed session ids are remembered so late calls on them reject instead of reopening. */
const REMEMBERED_CLOSED_SESSIONS = 256;

const VOICE_PROCESSING: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/** The microphone the engine sends from, as the browser opened it. */
export interface MicrophoneInUse {
  /** The device asked for; null for the system default. */
  requestedId: string | null;
  /** The device really open (from the track's settings; '' where the browser does not say). */
  deviceId: string;
  label: string;
  /** The requested device could not be opened (unplugged, gone), so the system default stands in. */
  fellBack: boolean;
}

interface OpenedMicrophone {
  requestedId: string | null;
  track: Promise<MediaStreamTrack>;
}

/** Errors that mean "that device is not here", as opposed to "no microphone allowed at all". */
const DEVICE_GONE_ERRORS = new Set(['OverconstrainedError', 'NotFoundError', 'NotReadableError']);

/**
 * The renderer's MediaEngine: plain WebRTC, one RTCPeerConnection per session id, knowing nothing
 * of SIP. Main's RemoteSessionDescriptionHandler drives it over the RPC.
 */
export class WebRtcMediaEngine implements MediaEngine {
  private readonly sessions = new Map<string, MediaSession>();
  private readonly closedSessions = new Set<string>();
  private microphone: OpenedMicrophone | null = null;
  /** The agent's microphone (null: the system default); every new acquisition uses it. */
  private chosenMicrophone: string | null = null;
  /** Switches run one after another, so two quick choices cannot interleave their replaceTrack calls. */
  private switching: Promise<unknown> = Promise.resolve();
  private readonly options: Required<WebRtcMediaEngineOptions>;
  /** Conference changes run one after another (a close may rebuild the mix meanwhile). */
  private conferencing: Promise<unknown> = Promise.resolve();

  constructor(options: WebRtcMediaEngineOptions = {}) {
    this.options = {
      // A candidate pool: gathering starts when the peer connection is made (while the call rings),
      // so answering does not wait for the first candidate.
      rtcConfiguration: options.rtcConfiguration ?? { iceServers: [], iceCandidatePoolSize: 1 },
      iceLimits: options.iceLimits ?? DEFAULT_ICE_LIMITS,
      clock: options.clock ?? systemClock,
      getUserMedia: options.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints)),
      playRemoteAudio: options.playRemoteAudio ?? defaultRemoteAudio(),
      conferenceMixer: options.conferenceMixer ?? new ConferenceMixer(),
      afterPaint: options.afterPaint ?? afterNextPaint,
    };
  }

  async prepare(_params: null): Promise<{ ready: boolean; error?: string }> {
    try {
      await this.microphoneTrack();
      return { ready: true };
    } catch (error) {
      return { ready: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  async open({ sessionId }: { sessionId: string }): Promise<void> {
    return this.session(sessionId).open();
  }

  async prepareAnswer({ sessionId, sdp }: { sessionId: string; sdp: string }): Promise<void> {
    // After the ring prompt's frame: the prompt is painted first, the peer connection follows.
    await this.options.afterPaint();
    if (this.closedSessions.has(sessionId)) return;
    return this.session(sessionId).prepareAnswer(sdp);
  }

  async getDescription({ sessionId, options }: { sessionId: string; options: MediaOptions }): Promise<SessionDescription> {
    return this.session(sessionId).getDescription(options);
  }

  async setDescription({ sessionId, sdp, options }: { sessionId: string; sdp: string; options: MediaOptions }): Promise<void> {
    return this.session(sessionId).setDescription(sdp, options);
  }

  async rollback({ sessionId }: { sessionId: string }): Promise<void> {
    await this.existingSession(sessionId)?.rollback();
  }

  async sendDtmf(params: { sessionId: string; tones: string; duration?: number; interToneGap?: number }): Promise<boolean> {
    const session = this.existingSession(params.sessionId);
    return session ? session.sendDtmf(params.tones, params.duration, params.interToneGap) : false;
  }

  async mute({ sessionId, muted }: { sessionId: string; muted: boolean }): Promise<void> {
    await this.existingSession(sessionId)?.mute(muted);
    if (this.options.conferenceMixer.has(sessionId)) this.options.conferenceMixer.setMicMuted(muted);
  }

  conference({ sessionIds }: { sessionIds: string[] }): Promise<void> {
    const run = this.conferencing.then(() => this.mixSessions(sessionIds));
    this.conferencing = run.catch(() => {});
    return run;
  }

  async stats({ sessionId }: { sessionId: string }): Promise<MediaStats | null> {
    return this.sessions.get(sessionId)?.stats() ?? null;
  }

  async close({ sessionId }: { sessionId: string }): Promise<void> {
    this.sessions.get(sessionId)?.close();
    this.sessions.delete(sessionId);
    this.rememberClosed(sessionId);
    // A call leaving a conference: the others go on without it (alone, back to the microphone).
    const mixer = this.options.conferenceMixer;
    if (mixer.has(sessionId)) await this.conference({ sessionIds: mixer.members.filter((member) => member !== sessionId) });
  }

  /** Rebuilds the mix for `sessionIds`; the calls that leave it send the microphone again. */
  private async mixSessions(sessionIds: string[]): Promise<void> {
    const mixer = this.options.conferenceMixer;
    const leaving = mixer.members.filter((member) => !sessionIds.includes(member));
    mixer.stop();
    const members = sessionIds.map((id) => this.sessions.get(id)).filter((session): session is MediaSession => session !== undefined);
    if (members.length < 2) {
      await Promise.all([...leaving, ...sessionIds].map((id) => this.sessions.get(id)?.useSendTrack(null).catch(() => {})));
      return;
    }
    const withAudio = members.map((session) => ({ sessionId: session.sessionId, remote: session.remoteStream ?? new MediaStream() }));
    const microphone = await this.microphoneTrack().catch(() => null);
    mixer.setMicMuted(members.some((session) => session.isMuted));
    const tracks = mixer.start(microphone, withAudio);
    await Promise.all(leaving.map((id) => this.sessions.get(id)?.useSendTrack(null).catch(() => {})));
    await Promise.all(members.map((session) => session.useSendTrack(tracks.get(session.sessionId) ?? null)));
  }

  /** The session for an id, created on first use; a closed id stays closed. */
  private session(sessionId: string): MediaSession {
    if (this.closedSessions.has(sessionId)) throw new MediaSessionClosedError(sessionId);
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = new MediaSession(sessionId, {
        createPeerConnection: () => new RTCPeerConnection(this.options.rtcConfiguration),
        microphone: () => this.microphoneTrack().catch(() => null),
        playRemoteAudio: (stream) => this.options.playRemoteAudio(sessionId, stream),
        iceLimits: this.options.iceLimits,
        clock: this.options.clock,
      });
      this.sessions.set(sessionId, session);
    }
    return session;
  }

  /** For operations that only make sense on an open session: unknown is a no-op, closed rejects. */
  private existingSession(sessionId: string): MediaSession | undefined {
    if (this.closedSessions.has(sessionId)) throw new MediaSessionClosedError(sessionId);
    return this.sessions.get(sessionId);
  }

  private rememberClosed(sessionId: string): void {
    this.closedSessions.delete(sessionId);
    this.closedSessions.add(sessionId);
    if (this.closedSessions.size > REMEMBERED_CLOSED_SESSIONS) {
      const oldest = this.closedSessions.values().next().value;
      if (oldest !== undefined) this.closedSessions.delete(oldest);
    }
  }

  /**
   * Sends from another microphone from now on, in every live call too: the new track replaces the
   * old one on each session's sender (replaceTrack, no renegotiation), then the old one is
   * released. `deviceId` null means the system default; a device that cannot be opened any more
   * gives the default (`fellBack`). Rejects only when no microphone can be opened at all, and then
   * the calls keep the one they had.
   */
  useMicrophone(deviceId: string | null): Promise<MicrophoneInUse> {
    const run = this.switching.then(() => this.switchMicrophone(deviceId));
    this.switching = run.catch(() => {});
    return run;
  }

  private async switchMicrophone(deviceId: string | null): Promise<MicrophoneInUse> {
    const previous = this.microphone;
    const previousTrack = previous ? await previous.track.catch(() => null) : null;
    if (previous && previousTrack && previous.requestedId === deviceId && previousTrack.readyState === 'live') {
      return describeMicrophone(deviceId, previousTrack);
    }
    this.chosenMicrophone = deviceId;
    let track: MediaStreamTrack;
    try {
      track = await this.acquireMicrophone();
    } catch (error) {
      this.microphone = previous;
      throw error;
    }
    await Promise.all([...this.sessions.values()].map((session) => session.replaceMicrophone(track).catch(() => {})));
    // A conference mixes the microphone itself: mix the new one in.
    const members = this.options.conferenceMixer.members;
    if (members.length > 0) await this.conference({ sessionIds: members });
    if (previousTrack && previousTrack !== track) previousTrack.stop();
    return describeMicrophone(deviceId, track);
  }

  /** Acquires the chosen microphone once; a failed or ended track (or another choice) is acquired again next time. */
  private microphoneTrack(): Promise<MediaStreamTrack> {
    const current = this.microphone;
    if (current && current.requestedId === this.chosenMicrophone) {
      return current.track.then(
        (track) => (track.readyState === 'live' ? track : this.acquireMicrophone()),
        () => this.acquireMicrophone(),
      );
    }
    return this.acquireMicrophone();
  }

  private acquireMicrophone(): Promise<MediaStreamTrack> {
    const requestedId = this.chosenMicrophone;
    const acquiring = this.openMicrophone(requestedId).then((stream) => {
      const track = stream.getAudioTracks()[0];
      if (!track) throw new Error('the microphone stream has no audio track');
      return track;
    });
    this.microphone = { requestedId, track: acquiring };
    return acquiring;
  }

  /** The chosen device exactly, or the default when it is gone: a call without a microphone helps nobody. */
  private async openMicrophone(deviceId: string | null): Promise<MediaStream> {
    const { getUserMedia } = this.options;
    // Awaited inside the async function so a synchronous throw (no mediaDevices outside a secure context) rejects too.
    if (deviceId === null) return await getUserMedia({ audio: VOICE_PROCESSING, video: false });
    try {
      return await getUserMedia({ audio: { ...VOICE_PROCESSING, deviceId: { exact: deviceId } }, video: false });
    } catch (error) {
      if (!(error instanceof Error) || !DEVICE_GONE_ERRORS.has(error.name)) throw error;
      return await getUserMedia({ audio: VOICE_PROCESSING, video: false });
    }
  }
}

function describeMicrophone(requestedId: string | null, track: MediaStreamTrack): MicrophoneInUse {
  const deviceId = track.getSettings().deviceId ?? '';
  return { requestedId, deviceId, label: track.label, fellBack: requestedId !== null && deviceId !== '' && deviceId !== requestedId };
}

/** Remote audio on the default output, for an engine built without the page's routed output. */
function defaultRemoteAudio(): (sessionId: string, stream: MediaStream) => () => void {
  let output: RemoteAudioOutput | null = null;
  return (sessionId, stream) => (output ??= new RemoteAudioOutput(document)).play(sessionId, stream);
}

/**
 * The next frame painted: a requestAnimationFrame callback runs before the paint, a task after
 * it. A hidden window paints no frames: then after 50 ms.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}
