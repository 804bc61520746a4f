import { systemClock, type Clock } from '../../src/domain/clock';
import type { MediaEngine, MediaOptions, MediaStats, SessionDescription } from '../../src/contract';
import { DEFAULT_ICE_LIMITS, type IceGatheringLimits } from './ice-gathering';
import { MediaSession } from './media-session';
import { MediaSessionClosedError } from './media-session-closed-error';
import { playRemoteAudio } from './remote-audio';

export interface WebRtcMediaEngineOptions {
  /** No STUN/TURN by default: the lab and a call center's LAN reach the PBX directly. */
  rtcConfiguration?: RTCConfiguration;
  iceLimits?: IceGatheringLimits;
  clock?: Clock;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  playRemoteAudio?: (sessionId: string, stream: MediaStream) => () => void;
}

/** How many closed session ids are remembered so late calls on them reject instead of reopening. */
const REMEMBERED_CLOSED_SESSIONS = 256;

const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: false,
};

/**
 * The renderer's MediaEngine: plain WebRTC, one RTCPeerConnection per session id, knowing nothing
 * of SIP. Main's RemoteSessionDescriptionHandler drives it over the RPC.
 */
export class WebRtcMediaEngine implements MediaEngine {
  private readonly sessions = new Map<string, MediaSession>();
  private readonly closedSessions = new Set<string>();
  private microphone: Promise<MediaStreamTrack> | null = null;
  private readonly options: Required<WebRtcMediaEngineOptions>;

  constructor(options: WebRtcMediaEngineOptions = {}) {
    this.options = {
      rtcConfiguration: options.rtcConfiguration ?? { iceServers: [] },
      iceLimits: options.iceLimits ?? DEFAULT_ICE_LIMITS,
      clock: options.clock ?? systemClock,
      getUserMedia: options.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints)),
      playRemoteAudio: options.playRemoteAudio ?? playRemoteAudio,
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
  }

  async stats({ sessionId }: { sessionId: string }): Promise<MediaStats | null> {
    return this.sessions.get(sessionId)?.stats() ?? null;
  }

  async close({ sessionId }: { sessionId: string }): Promise<void> {
    this.sessions.get(sessionId)?.close();
    this.sessions.delete(sessionId);
    this.rememberClosed(sessionId);
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

  /** Acquires the microphone once; a failed or ended track is acquired again next time. */
  private microphoneTrack(): Promise<MediaStreamTrack> {
    const current = this.microphone;
    if (current) {
      return current.then(
        (track) => (track.readyState === 'live' ? track : this.acquireMicrophone()),
        () => this.acquireMicrophone(),
      );
    }
    return this.acquireMicrophone();
  }

  private acquireMicrophone(): Promise<MediaStreamTrack> {
    // Through a promise chain so a synchronous throw (no mediaDevices outside a secure context) rejects too.
    const acquiring = Promise.resolve(MICROPHONE_CONSTRAINTS).then(this.options.getUserMedia).then((stream) => {
      const track = stream.getAudioTracks()[0];
      if (!track) throw new Error('the microphone stream has no audio track');
      return track;
    });
    this.microphone = acquiring;
    return acquiring;
  }
}
