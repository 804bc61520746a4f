import { Invitation, Inviter, Registerer, SessionState, SIPExtension, UserAgent, Web, type Core, type InviterInviteOptions, type Referral, type Session } from 'sip.js';
import { displayNameForSip, displayNameFromSip } from '../../main/phone/sip-input';
import { NO_AUDIO, readAudioStats, type AudioStats } from './audio-stats';
import type { CallerConfig } from './caller-config';
import type { CallState } from './lab-caller-api';
import { ToneProbe } from './tone-probe';

const AUDIO_ONLY = { constraints: { audio: true, video: false } };
const ICE_GATHERING_TIMEOUT_MS = 200;

/**
 * One SIP.js phone with real WebRTC audio (SIP.js's own web SessionDescriptionHandler), handling
 * one call at a time: the customer side of the lab's call center. When the agent transfers the
 * customer (REFER, blind transfer), the phone calls the transfer target and that becomes the call.
 */
export class CallerPhone {
  private readonly userAgent: UserAgent;
  private readonly listeners = new Set<() => void>();
  private session: Session | undefined;
  /** The call the current one was transferred from, while it is still up. */
  private referredFrom: Session | undefined;
  private transferTarget: string | null = null;
  private failure: string | null = null;
  private callState: CallState = 'idle';
  private finalStatus: number | null = null;
  private lastStats: AudioStats = NO_AUDIO;
  private answerAutomatically = false;
  private readonly tones = new ToneProbe();
  /** The tone sent instead of the microphone (null: the microphone), on this and later calls. */
  private toneHz: number | null = null;
  private toneTrack: MediaStreamTrack | null = null;

  constructor(
    private readonly config: CallerConfig,
    private readonly remoteAudio: HTMLAudioElement,
  ) {
    const uri = UserAgent.makeURI(`sip:${config.user}@${config.domain}`);
    if (!uri) throw new Error(`not a SIP address: ${config.user}@${config.domain}`);
    this.userAgent = new UserAgent({
      uri,
      // SIP.js writes the name between quotes as it is: a `"` in it must be escaped, or the PBX
      // cannot parse the From header and drops the call without an answer.
      displayName: displayNameForSip(config.displayName),
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.authorizationPassword,
      transportOptions: { server: config.wsServer },
      // Loopback only: no STUN, and the host candidates arrive within milliseconds; waiting for
      // gathering "complete" would add the late TCP candidate's delay to every offer and answer.
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS, peerConnectionConfiguration: { iceServers: [] } },
      delegate: { onInvite: (invitation) => this.offered(invitation) },
      // As a department's phone: an attended transfer's INVITE replaces the agent's consult call.
      sipExtensionReplaces: SIPExtension.Supported,
      logLevel: 'warn',
    });
  }

  /** Connects and registers; rejects with the status of a refused REGISTER. */
  async register(): Promise<void> {
    await this.userAgent.start();
    const registerer = new Registerer(this.userAgent);
    await new Promise<void>((resolve, reject) => {
      registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response: Core.IncomingResponse) =>
              reject(new Error(`REGISTER rejected: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch(reject);
    });
  }

  get state(): CallState {
    return this.callState;
  }

  get lastStatusCode(): number | null {
    return this.finalStatus;
  }

  /** The other party of the current or last call, as "Display Name <user>". */
  get remoteParty(): string | null {
    if (!this.session) return null;
    const { uri } = this.session.remoteIdentity;
    const displayName = displayNameFromSip(this.session.remoteIdentity.displayName);
    return displayName ? `${displayName} <${uri.user ?? ''}>` : (uri.user ?? null);
  }

  /** Why the last transfer could not be followed, if it could not. */
  get lastError(): string | null {
    return this.failure;
  }

  /** The user the current call was transferred to (e.g. '8001'); null unless it is a transfer. */
  get transferredTo(): string | null {
    return this.transferTarget;
  }

  get hasIncomingCall(): boolean {
    return this.session instanceof Invitation && this.session.state === SessionState.Initial;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setAutoAnswer(enabled: boolean): void {
    this.answerAutomatically = enabled;
    if (enabled && this.hasIncomingCall) void this.answer();
  }

  /** Resolves once the INVITE is sent (after the microphone is open and ICE candidates gathered). */
  async call(target: string, displayName?: string): Promise<void> {
    if (this.busy()) throw new Error('a call is already in progress');
    const targetUri = UserAgent.makeURI(`sip:${target.trim()}@${this.config.domain}`);
    if (!targetUri || !target.trim()) throw new Error(`not a number to call: "${target}"`);
    const fromDisplayName = displayNameForSip(displayName?.trim() || this.config.displayName);
    const inviter = new Inviter(this.userAgent, targetUri, {
      params: { fromDisplayName },
      sessionDescriptionHandlerOptions: AUDIO_ONLY,
    });
    this.begin(inviter, 'calling');
    await inviter.invite(this.outgoingCallProgress());
  }

  async answer(): Promise<void> {
    const session = this.session;
    if (!(session instanceof Invitation) || session.state !== SessionState.Initial) throw new Error('no incoming call to answer');
    await session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    this.setFinalStatus(200);
  }

  async hangup(): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (session.state === SessionState.Established) {
      await session.bye();
    } else if (session instanceof Inviter && session.state === SessionState.Establishing) {
      await session.cancel();
    } else if (session instanceof Invitation && session.state === SessionState.Initial) {
      await session.reject({ statusCode: 486 });
      this.setFinalStatus(486);
    }
  }

  /** Live counters while the call has media; afterwards the last ones read. */
  async audioStats(): Promise<AudioStats> {
    const peerConnection = this.peerConnection();
    if (peerConnection && peerConnection.signalingState !== 'closed') {
      this.lastStats = await readAudioStats(peerConnection);
    }
    return this.lastStats;
  }

  /** The SDP the other side sent for the current call (what it will send: codecs and payload types). */
  get remoteSdp(): string | null {
    return this.peerConnection()?.remoteDescription?.sdp ?? null;
  }

  /** Presses keys on the phone's keypad, sent as SIP INFO (application/dtmf-relay), as IVRs in the lab read them. */
  async pressKeys(keys: string): Promise<void> {
    const session = this.session;
    if (!session || session.state !== SessionState.Established) throw new Error('no call to press keys in');
    if (!/^[0-9*#]+$/.test(keys)) throw new Error(`not keypad keys: ${keys}`);
    for (const key of keys) {
      await session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${key}\r\nDuration=160\r\n` } } });
    }
  }

  /** Sends a sine wave at `frequencyHz` instead of the microphone (null: the microphone again). */
  async sendTone(frequencyHz: number | null): Promise<void> {
    this.toneHz = frequencyHz;
    await this.applyTone();
  }

  /** How far `frequencyHz` stands out (dB) in what this page hears now; 0 without a call. */
  async toneLevel(frequencyHz: number): Promise<number> {
    const handler = this.session?.sessionDescriptionHandler;
    if (!(handler instanceof Web.SessionDescriptionHandler) || this.callState !== 'established') return 0;
    return this.tones.level(handler.remoteMediaStream, frequencyHz);
  }

  private async applyTone(): Promise<void> {
    const sender = this.peerConnection()?.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
    if (!sender) return;
    this.toneTrack?.stop();
    this.toneTrack = this.toneHz === null ? null : this.tones.toneTrack(this.toneHz);
    const handler = this.session?.sessionDescriptionHandler;
    const microphone = handler instanceof Web.SessionDescriptionHandler ? (handler.localMediaStream.getAudioTracks()[0] ?? null) : null;
    await sender.replaceTrack(this.toneTrack ?? microphone);
  }

  private offered(invitation: Invitation): void {
    // The INVITE of an attended transfer replaces our current call: take it at once (RFC 3891);
    // SIP.js hangs up the replaced call when we answer.
    if (invitation.replacee && invitation.replacee === this.session) {
      this.begin(invitation, 'ringing');
      void this.answer();
      return;
    }
    if (this.busy()) {
      void invitation.reject({ statusCode: 486 });
      return;
    }
    this.begin(invitation, 'ringing');
    if (this.answerAutomatically) void this.answer();
  }

  /** Blind transfer: accept the REFER and call its target, which becomes the current call. */
  private async transferred(referral: Referral, from: Session): Promise<void> {
    await referral.accept();
    const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    this.begin(inviter, 'calling', referral.referTo.uri.user ?? null);
    // The agent normally hangs up the old call now; if not, it ends with the new one.
    this.referredFrom = from;
    await inviter.invite(this.outgoingCallProgress());
  }

  private outgoingCallProgress(): InviterInviteOptions {
    return {
      requestDelegate: {
        onProgress: (response) => {
          if (response.message.statusCode === 180 || response.message.statusCode === 183) this.setState('ringing');
        },
        onAccept: (response) => this.setFinalStatus(response.message.statusCode),
        onReject: (response) => this.setFinalStatus(response.message.statusCode),
      },
    };
  }

  private begin(session: Session, state: CallState, transferredTo: string | null = null): void {
    this.session = session;
    this.referredFrom = undefined;
    this.transferTarget = transferredTo;
    this.failure = null;
    this.finalStatus = null;
    this.lastStats = NO_AUDIO;
    session.delegate = {
      ...session.delegate,
      onRefer: (referral) => {
        // Only the current call can be transferred; an old one still up just refuses.
        if (this.session !== session) {
          void referral.reject();
          return;
        }
        this.transferred(referral, session).catch((error: unknown) => this.failed(error));
      },
    };
    session.stateChange.addListener((sessionState) => {
      if (this.session !== session) return;
      if (sessionState === SessionState.Established) {
        this.playRemoteAudio();
        if (this.toneHz !== null) void this.applyTone().catch((error: unknown) => this.failed(error));
        this.setState('established');
      }
      if (sessionState === SessionState.Terminated) {
        // SIP.js closes the peer connection right after this event: keep the last counters.
        this.setState('terminated');
        void this.audioStats().finally(() => this.changed());
        if (this.referredFrom?.state === SessionState.Established) void this.referredFrom.bye().catch(() => undefined);
      }
    });
    this.setState(state);
  }

  private busy(): boolean {
    return this.callState === 'calling' || this.callState === 'ringing' || this.callState === 'established';
  }

  private peerConnection(): RTCPeerConnection | undefined {
    const handler = this.session?.sessionDescriptionHandler;
    return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
  }

  private playRemoteAudio(): void {
    const handler = this.session?.sessionDescriptionHandler;
    if (!(handler instanceof Web.SessionDescriptionHandler)) return;
    this.remoteAudio.srcObject = handler.remoteMediaStream;
    // Autoplay may be refused until the user touches the page; the stats still show the audio.
    this.remoteAudio.play().catch(() => undefined);
  }

  private failed(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.changed();
  }

  private setFinalStatus(statusCode: number | undefined): void {
    this.finalStatus = statusCode ?? null;
    this.changed();
  }

  private setState(state: CallState): void {
    this.callState = state;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
