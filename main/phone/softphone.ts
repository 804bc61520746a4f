import { Invitation, Inviter, SessionState, SIPExtension, UserAgent, type Session } from 'sip.js';
import { v7 as uuidv7 } from 'uuid';
import type { RegistrationState } from '../../src/contract/desk';
import type { SipProvision } from '../../src/contract/sync';
import type { Clock } from '../../src/domain/clock';
import { CallSession, type CallEnd } from './call-session';
import { attendedTransfer, blindTransfer } from './call-transfer';
import { RemoteSessionDescriptionHandler, type MediaEngineSource, type PreparedAnswer } from './remote-session-description-handler';
import { displayNameForSip, remotePartyFromSip } from './sip-input';
import { SipRegistration } from './sip-registration';
import { SipWebSocketTransport, type WebSocketConstructor } from './sip-websocket-transport';

export interface IncomingCall {
  callId: string;
  remoteNumber: string;
  remoteDisplayName: string;
}

export type { CallEnd } from './call-session';

/** What the softphone tells its owner (the desk). It decides nothing about policy itself. */
export interface SoftphoneEvents {
  registration(state: RegistrationState, error: string | null): void;
  incoming(call: IncomingCall): void;
  /**
   * The call goes on with another party: an attended transfer to this desk replaced it (RFC 3891).
   * Its media is a new session from now on.
   */
  replaced(callId: string, party: { remoteNumber: string; remoteDisplayName: string; mediaSessionId: string }): void;
  established(callId: string): void;
  ended(callId: string, reason: CallEnd): void;
}

export interface SoftphoneOptions {
  sip: SipProvision;
  webSocket: WebSocketConstructor;
  media: MediaEngineSource;
  clock: Clock;
  events: SoftphoneEvents;
  /** RFC 5626 keepalive interval on the PBX connection (policy sipKeepAliveMs); 0 or absent: off. */
  keepAliveMs?: number;
  /** Reconnect backoff: first delay and cap (ms); full jitter on each step. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  random?: () => number;
  /**
   * A failure inside a SIP.js callback, which the phone went on without, and SIP.js's own error
   * log (it may quote SIP messages, with customer numbers and names): for the desk log, which scrubs them.
   */
  reportFault?(where: string, error: unknown): void;
}

/**
 * The desk's SIP user agent (SIP.js core API in the main process), as the desk drives it:
 * registration that recovers (SipRegistration), incoming offers, answer / reject / hang up, and
 * inside a call hold, keypad and transfers (CallSession, call-transfer). Media is the renderer's,
 * reached through RemoteSessionDescriptionHandler.
 */
export class Softphone {
  private readonly userAgent: UserAgent;
  private readonly registration: SipRegistration;
  private readonly calls = new Map<string, CallSession>();
  private replacements = 0;

  constructor(private readonly options: SoftphoneOptions) {
    const { sip } = options;
    const uri = UserAgent.makeURI(sip.aor);
    if (!uri) throw new Error(`invalid SIP address of record: ${sip.aor}`);
    this.userAgent = new UserAgent({
      uri,
      displayName: displayNameForSip(sip.displayName),
      authorizationUsername: sip.authorizationUsername,
      authorizationPassword: sip.authorizationPassword,
      transportConstructor: SipWebSocketTransport,
      transportOptions: {
        server: sip.wsServer,
        webSocket: options.webSocket,
        keepAliveIntervalMs: options.keepAliveMs ?? 0,
        clock: options.clock,
        ...(options.reportFault ? { reportFault: options.reportFault } : {}),
      },
      logLevel: 'error',
      logBuiltinEnabled: false,
      logConfiguration: false,
      // Never stderr: the desk log takes the customer's number and name out of what SIP.js quotes.
      // SIP.js calls the connector at every level, whatever logLevel says: its debug chatter (a
      // dozen lines per transaction) is not a fault, and building an error for each cost the ring path.
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || level === 'warn') options.reportFault?.(`sip ${category}`, new Error(content));
      },
      // SIP.js's own reconnection stays off (its default, reconnectionAttempts 0, which it warns
      // about when given): SipRegistration's has backoff with jitter and re-registers.
      // A colleague's attended transfer to this desk ends with INVITE + Replaces (RFC 3891).
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: (session) => {
        const call = this.callOf(session);
        return new RemoteSessionDescriptionHandler(options.media, call?.mediaSessionId ?? session.id, {}, call?.preparedAnswer ?? null);
      },
      delegate: {
        onInvite: (invitation) =>
          this.guard('invite', () => this.onInvite(invitation), () => void invitation.reject({ statusCode: 500 }).catch(() => {})),
        onConnect: () =>
          this.guard('connect', () => {
            this.registration.connected();
            for (const call of this.calls.values()) call.refreshTarget(this.userAgent.transport);
          }),
        onDisconnect: (error) => this.guard('disconnect', () => this.registration.disconnected(error)),
      },
    });
    this.registration = new SipRegistration({
      userAgent: this.userAgent,
      clock: options.clock,
      // A short cap: the agent must be reachable again within seconds of the PBX coming back.
      backoff: { baseMs: options.reconnectBaseMs ?? 250, maxMs: options.reconnectMaxMs ?? 2_000 },
      random: options.random ?? Math.random,
      onChange: (state, error) => options.events.registration(state, error),
    });
  }

  get registrationState(): RegistrationState {
    return this.registration.state;
  }

  /** Connects and registers; a failure is reported as state and retried, never thrown. */
  start(): Promise<void> {
    return this.registration.start();
  }

  /** Leaves the PBX at once (the session ended); a call in progress goes on until it ends. */
  unregister(): Promise<void> {
    return this.registration.withdraw();
  }

  async stop(): Promise<void> {
    this.registration.stopReconnecting();
    for (const callId of [...this.calls.keys()]) await this.hangup(callId).catch(() => {});
    await this.registration.stop();
  }

  renewCredentials(sip: SipProvision): Promise<void> {
    return this.registration.renewCredentials(sip);
  }

  /**
   * Sends 180 Ringing for an offer the desk has decided to present, and has the renderer take in
   * the caller's offer while it rings, so that answering only has to make the answer.
   */
  async ring(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!(call?.session instanceof Invitation)) return;
    this.prepareAnswer(call, call.session);
    await call.session.progress();
  }

  private prepareAnswer(call: CallSession, invitation: Invitation): void {
    const offer = invitation.body;
    const contentType = invitation.request.getHeader('Content-Type') ?? '';
    if (!offer || !/^application\/sdp\b/i.test(contentType.trim())) return;
    const prepared: PreparedAnswer = { sdp: offer, ready: Promise.resolve(false), prepared: false, answer: null };
    try {
      // Best effort: answering works the same without it, only slower.
      prepared.ready = this.options.media().prepareAnswer({ sessionId: call.mediaSessionId, sdp: offer }).then(
        () => (prepared.prepared = true),
        () => false,
      );
    } catch {
      // No desk window to carry the audio: the answer will say so.
      return;
    }
    call.preparedAnswer = prepared;
  }

  async answer(callId: string): Promise<void> {
    const call = this.requireCall(callId);
    if (!(call.session instanceof Invitation)) throw new Error('only an incoming call can be answered');
    const prepared = call.preparedAnswer;
    if (prepared?.prepared && !prepared.answer) {
      // Asked for now, ahead of SIP.js's accept() and of the snapshot this turn pushes: the
      // renderer hands over the answer it made while it rang before it renders the answered call.
      try {
        prepared.answer = this.options.media().getDescription({ sessionId: call.mediaSessionId, options: {} });
        // Awaited by the media handler; a call that ends before it is must not leave it unhandled.
        prepared.answer.catch(() => {});
      } catch {
        // No desk window: accept() asks again, and says so.
      }
    }
    await call.session.accept();
  }

  /** Declines an offer with a SIP status that makes the queue try elsewhere (480, 486, 603…). */
  async reject(callId: string, statusCode: number): Promise<void> {
    const call = this.requireCall(callId);
    if (!(call.session instanceof Invitation)) throw new Error('only an incoming call can be rejected');
    call.endingAs = 'rejected';
    await call.session.reject({ statusCode });
  }

  async hangup(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) return;
    call.endingAs = 'local-hangup';
    const session = call.session;
    switch (session.state) {
      case SessionState.Established:
        await call.hangUp();
        return;
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Invitation) await session.reject({ statusCode: 480 });
        else await session.dispose();
        return;
      default:
        return;
    }
  }

  hold(callId: string, held: boolean): Promise<void> {
    return this.requireCall(callId).hold(held);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.requireCall(callId).media.mute(muted);
  }

  sendDtmf(callId: string, tones: string, mode: 'rfc4733' | 'info'): Promise<'rfc4733' | 'info'> {
    return this.requireCall(callId).sendDtmf(tones, mode);
  }

  /** Blind transfer; `uriParams` ride on the Refer-To URI to the target. */
  transfer(callId: string, target: string, uriParams: Record<string, string> = {}): Promise<void> {
    return blindTransfer(this.requireCall(callId), target, this.domain, uriParams);
  }

  /** Attended transfer of the customer (`callId`) to the party consulted on `consultCallId`. */
  completeTransfer(callId: string, consultCallId: string): Promise<void> {
    return attendedTransfer(this.requireCall(callId), this.requireCall(consultCallId), this.domain, this.options.clock);
  }

  /** Three-way: the media of these calls is mixed so everyone hears everyone ([] ends it). */
  async conference(callIds: string[]): Promise<void> {
    const sessionIds = callIds.map((callId) => this.requireCall(callId).media.sessionId);
    await this.options.media().conference({ sessionIds });
  }

  /** Places an outbound call under the desk's call id; progress arrives as events. */
  dial(callId: string, target: string): void {
    const uri = UserAgent.makeURI(`sip:${target}@${this.domain}`);
    if (!uri) throw new Error(`not a dialable number: ${target}`);
    const inviter = new Inviter(this.userAgent, uri);
    const call = this.track(callId, inviter);
    void inviter
      .invite({
        requestDelegate: {
          onReject: (response) => {
            call.endingAs = response.message.statusCode === 408 || response.message.statusCode === 480 ? 'no-answer' : 'failed';
          },
        },
      })
      .catch(() => {
        call.endingAs ??= 'failed';
      });
  }

  private onInvite(invitation: Invitation): void {
    // SIP.js matched a Replaces header to one of our dialogs (and answers 481 when it matches none).
    const replaced = invitation.replacee ? this.callIdOf(invitation.replacee) : undefined;
    if (replaced !== undefined) {
      this.takeOver(replaced, invitation);
      return;
    }
    const callId = uuidv7();
    this.track(callId, invitation);
    this.options.events.incoming({ callId, ...remotePartyFromSip(invitation.remoteIdentity) });
  }

  /**
   * A colleague consulted us and completed the transfer: the customer's INVITE replaces their call
   * to this desk. The call goes on under the same desk call id, with the customer, answered at
   * once (SIP.js hangs up the replaced dialog when we answer). Its media is a new session.
   */
  private takeOver(callId: string, invitation: Invitation): void {
    const previous = this.requireCall(callId);
    const mediaSessionId = `${callId}.${++this.replacements}`;
    const call = this.track(callId, invitation, mediaSessionId);
    call.replaces = previous;
    this.options.events.replaced(callId, { ...remotePartyFromSip(invitation.remoteIdentity), mediaSessionId });
    void invitation.accept().catch(() => {});
  }

  /** Tracks a session under the desk's call id. */
  private track(callId: string, session: Session, mediaSessionId = callId): CallSession {
    const call = new CallSession(session, mediaSessionId, this.options.clock);
    this.calls.set(callId, call);
    session.stateChange.addListener((state) => this.guard('session state', () => this.follow(callId, call, state)));
    return call;
  }

  private closePreparedMedia(sessionId: string): void {
    try {
      void this.options.media().close({ sessionId }).catch(() => {});
    } catch {
      // No desk window: nothing was prepared there.
    }
  }

  /** Reports a session's life under the desk's call id. */
  private follow(callId: string, call: CallSession, state: SessionState): void {
    // A session replaced by another one is no longer the call: its end is not the call's.
    if (this.calls.get(callId) !== call) return;
    if (state === SessionState.Established) {
      call.established = true;
      call.replaces = undefined;
      this.options.events.established(callId);
    } else if (state === SessionState.Terminated) {
      // A take-over that failed before it was answered leaves the call as it was.
      const previous = call.replaces;
      if (previous && previous.session.state === SessionState.Established) {
        this.calls.set(callId, previous);
        return;
      }
      this.calls.delete(callId);
      // Never answered (declined, missed, cancelled): SIP.js made no handler to close the media prepared while it rang.
      if (call.preparedAnswer && !call.session.sessionDescriptionHandler) this.closePreparedMedia(call.mediaSessionId);
      this.options.events.ended(callId, call.endReason);
    }
  }

  /**
   * Runs our part of a SIP.js callback: a failure there is reported, never thrown back into
   * SIP.js (whose transport and timers would carry it to the process); `recover` tidies up.
   */
  private guard(where: string, work: () => void, recover?: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.reportFault?.(`sip ${where}`, error);
      recover?.();
    }
  }

  private get domain(): string {
    return this.userAgent.configuration.uri.host;
  }

  private callIdOf(session: Session): string | undefined {
    for (const [callId, call] of this.calls) if (call.session === session) return callId;
    return undefined;
  }

  private callOf(session: Session): CallSession | undefined {
    for (const call of this.calls.values()) if (call.session === session) return call;
    return undefined;
  }

  private requireCall(callId: string): CallSession {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`no call ${callId}`);
    return call;
  }
}
