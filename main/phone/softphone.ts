import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  RequestPendingError,
  SessionState,
  SIPExtension,
  UserAgent,
  type Session,
} from 'sip.js';
import { v7 as uuidv7 } from 'uuid';
import type { RegistrationState } from '../../src/contract/desk';
import type { SipProvision } from '../../src/contract/sync';
import type { Clock, ClockTimer } from '../../src/domain/clock';
import { forgetLostInitialAck, resendReinviteAck } from './lost-ack';
import { NameAddrUri, sipfragStatus } from './refer-target';
import { RemoteSessionDescriptionHandler, type MediaEngineSource } from './remote-session-description-handler';
import { SipWebSocketTransport, type WebSocketConstructor } from './sip-websocket-transport';

export interface IncomingCall {
  callId: string;
  remoteNumber: string;
  remoteDisplayName: string;
}

export type CallEnd = 'remote-hangup' | 'local-hangup' | 'caller-cancelled' | 'rejected' | 'transferred' | 'no-answer' | 'failed';

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
  sipLogLevel?: 'debug' | 'log' | 'warn' | 'error';
}

const REINVITE_ATTEMPTS = 3;
const REINVITE_RETRY_MS = 200;
/** How long an attended transfer waits for the target to report the customer connected. */
const TRANSFER_CONFIRM_MS = 10_000;
/** How long a re-INVITE waits for the ACK of the call it changes (normally milliseconds). */
const ACK_WAIT_MS = 3_000;

interface CallEntry {
  session: Session;
  /** Set when we end the call, so the Terminated transition can say who ended it. */
  endingAs: CallEnd | undefined;
  established: boolean;
  /** The other side accepted our REFER and is calling the target: if it leaves now, it was transferred. */
  transferring: boolean;
  /** Resolves when the answered call's ACK arrived (at once for calls we placed: the ACK is ours). */
  acked: Promise<void>;
  markAcked(): void;
  /** The renderer's media session of this SIP session: the call id, or another for a replacement. */
  mediaSessionId: string;
  /** For a call taken over by INVITE with Replaces: the session it replaces, until it is answered. */
  replaces: CallEntry | undefined;
  /** CSeq of our last re-INVITE the other side accepted (its ACK may have to go again). */
  lastAcceptedReinvite: number | undefined;
}

/**
 * The desk's SIP user agent (SIP.js core API in the main process): registration that recovers,
 * incoming offers, answer / reject / hang up. Media is the renderer's, reached through
 * RemoteSessionDescriptionHandler.
 */
export class Softphone {
  private readonly userAgent: UserAgent;
  private registerer: Registerer;
  private readonly calls = new Map<string, CallEntry>();
  private reconnectTimer: ClockTimer | undefined;
  private reconnectAttempt = 0;
  private replacements = 0;
  private stopped = false;
  private registration: RegistrationState = 'unregistered';

  constructor(private readonly options: SoftphoneOptions) {
    const { sip } = options;
    const uri = UserAgent.makeURI(sip.aor);
    if (!uri) throw new Error(`invalid SIP address of record: ${sip.aor}`);
    this.userAgent = new UserAgent({
      uri,
      displayName: sip.displayName,
      authorizationUsername: sip.authorizationUsername,
      authorizationPassword: sip.authorizationPassword,
      transportConstructor: SipWebSocketTransport,
      transportOptions: { server: sip.wsServer, webSocket: options.webSocket, keepAliveIntervalMs: options.keepAliveMs ?? 0, clock: options.clock },
      logLevel: options.sipLogLevel ?? 'error',
      logBuiltinEnabled: false,
      logConnector: (level, category, _label, content) => {
        if (level === 'error' || (options.sipLogLevel === 'debug' && level !== 'debug')) {
          console.error(`[sip ${level}] ${category}: ${content}`);
        }
      },
      // SIP.js's own reconnection is off: ours has backoff with jitter and re-registers.
      reconnectionAttempts: 0,
      // A colleague's attended transfer to this desk ends with INVITE + Replaces (RFC 3891).
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: (session) => new RemoteSessionDescriptionHandler(options.media, this.entryOf(session)?.mediaSessionId ?? session.id),
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onConnect: () => {
          this.reconnectAttempt = 0;
          void this.register();
          this.refreshCallTargets();
        },
        onDisconnect: (error) => {
          if (this.stopped) return;
          this.setRegistration('connecting', error ? error.message : null);
          this.scheduleReconnect();
        },
      },
    });
    this.registerer = this.createRegisterer();
  }

  get registrationState(): RegistrationState {
    return this.registration;
  }

  /** Connects and registers; a failure is reported as state and retried, never thrown. */
  async start(): Promise<void> {
    this.setRegistration('connecting', null);
    try {
      await this.userAgent.start();
    } catch (error) {
      this.setRegistration('connecting', errorMessage(error));
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.reconnectTimer);
    for (const callId of [...this.calls.keys()]) await this.hangup(callId).catch(() => {});
    try {
      if (this.registerer.state === RegistererState.Registered) await this.registerer.unregister();
    } catch {
      // Unregistering is a courtesy; the registration expires anyway.
    }
    await this.userAgent.stop().catch(() => {});
    this.setRegistration('unregistered', null);
  }

  /**
   * Fresh credentials from the server: SIP.js reads them at every challenge, so the next REGISTER,
   * INVITE or refresh uses them; a REGISTER right away proves them (a refusal shows as 'failed').
   */
  async renewCredentials(sip: SipProvision): Promise<void> {
    const configuration = this.userAgent.configuration;
    configuration.authorizationUsername = sip.authorizationUsername;
    configuration.authorizationPassword = sip.authorizationPassword;
    if (this.userAgent.isConnected()) await this.register();
  }

  /** Sends 180 Ringing for an offer the desk has decided to present. */
  async ring(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call?.session instanceof Invitation) await call.session.progress();
  }

  async answer(callId: string): Promise<void> {
    const call = this.requireCall(callId);
    if (!(call.session instanceof Invitation)) throw new Error('only an incoming call can be answered');
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
        await session.bye();
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

  /**
   * Hold or resume with a re-INVITE. Our media side makes hold silent for the customer
   * (`inactive`, no packets), and `hold: false` is passed explicitly because SIP.js keeps the
   * options of the last re-INVITE. Resolves once the other side accepted; a refusal rolls back.
   * A 491 (glare) or 500 (our previous ACK overtaken in the proxy) is retried after a short wait.
   */
  async hold(callId: string, held: boolean): Promise<void> {
    const refused = await this.reinviteWithRetries(callId, held);
    if (refused) throw new Error(`re-INVITE refused: ${refused.statusCode} ${refused.reasonPhrase}`);
  }

  /**
   * After a reconnect Kamailio reaches us on a new WebSocket, but the other side of each call still
   * sends its in-dialog requests (its BYE) to our Contact as aliased to the old, dead connection.
   * A target-refresh re-INVITE over the new connection gets our Contact aliased anew. A 481 or 408
   * means the other side ended the call while we could not hear it (RFC 3261 12.2.1.2): end it too.
   * An ACK lost with the old connection is repaired first, or after (see lost-ack.ts).
   */
  private refreshCallTargets(): void {
    for (const [callId, call] of this.calls) {
      if (call.session.state !== SessionState.Established) continue;
      this.resendLastAck(call);
      this.reinviteWithRetries(callId, undefined).then(
        (refused) => {
          const gone = refused?.statusCode === 481 || refused?.statusCode === 408;
          // Accepted: they hold a confirmed dialog. Gone: there is nothing left to wait for.
          if (refused === null || gone) {
            forgetLostInitialAck(call.session);
            call.markAcked();
          }
          if (gone) void call.session.bye().catch(() => {});
        },
        // Another re-INVITE (a hold) in progress refreshes the target just as well.
        () => {},
      );
    }
  }

  private resendLastAck(call: CallEntry): void {
    if (call.lastAcceptedReinvite !== undefined) resendReinviteAck(call.session, call.lastAcceptedReinvite, this.userAgent.transport);
  }

  /**
   * A re-INVITE; a 491 (glare) or 500 (our previous ACK overtaken in the proxy) is retried after a
   * short wait. Resolves null when accepted, or with the last refusal.
   */
  private async reinviteWithRetries(callId: string, held: boolean | undefined): Promise<{ statusCode: number; reasonPhrase: string } | null> {
    for (let attempt = 1; ; attempt++) {
      const refused = await this.reinvite(callId, held);
      if (refused === null || (refused.statusCode !== 491 && refused.statusCode !== 500) || attempt >= REINVITE_ATTEMPTS) return refused;
      await new Promise<void>((resolve) => this.options.clock.setTimeout(resolve, REINVITE_RETRY_MS * attempt));
    }
  }

  /**
   * One re-INVITE; `held` undefined keeps the hold flag of the last one (SIP.js reuses its options).
   * It waits for the ACK of the answered call first (RFC 3261 14.1): an ACK arriving while our
   * re-INVITE offer is out reads to SIP.js as "ACK without answer" and it ends the call (BYE 488).
   * A target refresh after a reconnect does not wait: that ACK was lost with the old connection.
   */
  private async reinvite(callId: string, held: boolean | undefined, waitForAck = held !== undefined): Promise<{ statusCode: number; reasonPhrase: string } | null> {
    const call = this.requireCall(callId);
    if (waitForAck) await this.ackOrTimeout(call);
    return new Promise((resolve, reject) => {
      call.session
        .invite({
          ...(held === undefined ? {} : { sessionDescriptionHandlerOptions: { hold: held } as object }),
          requestDelegate: {
            onAccept: (response) => {
              call.lastAcceptedReinvite = response.message.cseq;
              resolve(null);
            },
            onReject: (response) => resolve({ statusCode: response.message.statusCode ?? 0, reasonPhrase: response.message.reasonPhrase ?? '' }),
          },
        })
        .catch(reject);
    });
  }

  private ackOrTimeout(call: CallEntry): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.options.clock.setTimeout(resolve, ACK_WAIT_MS);
      void call.acked.then(() => {
        this.options.clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.requireMedia(callId).mute(muted);
  }

  /**
   * Keypad digits: RFC 4733 through the media sender by default, SIP INFO (application/dtmf-relay)
   * when policy asks for it or when the media cannot send them (no telephone-event negotiated).
   */
  async sendDtmf(callId: string, tones: string, mode: 'rfc4733' | 'info'): Promise<'rfc4733' | 'info'> {
    const call = this.requireCall(callId);
    if (mode === 'rfc4733' && (await this.requireMedia(callId).sendDtmfTones(tones))) return 'rfc4733';
    for (const tone of tones) {
      await call.session.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160\r\n` } },
      });
    }
    return 'info';
  }

  /**
   * Blind transfer: REFER the other side to `target`, and leave the call once it is accepted.
   * `uriParams` go on the Refer-To URI, which the other side's INVITE carries in its To header.
   */
  transfer(callId: string, target: string, uriParams: Record<string, string> = {}): Promise<void> {
    const call = this.requireCall(callId);
    if (!UserAgent.makeURI(`sip:${target}@${this.domain}`)) return Promise.reject(new Error(`not a dialable target: ${target}`));
    // Name-addr form: bare, `;param` would be read as a parameter of the Refer-To header instead.
    const uri = new NameAddrUri('sip', target, this.domain);
    for (const [name, value] of Object.entries(uriParams)) uri.setParam(name, value);
    return new Promise((resolve, reject) => {
      call.session
        .refer(uri, {
          requestDelegate: {
            onAccept: () => {
              call.endingAs = 'transferred';
              void call.session.bye().catch(() => {});
              resolve();
            },
            onReject: (response) => reject(new Error(`transfer refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch(reject);
    });
  }

  /**
   * Attended transfer: REFER the customer (`callId`) to the party of `consultCallId`, with a
   * Replaces header naming our dialog with them, so their phone swaps our consult call for the
   * customer. Addressed to their AOR rather than their Contact: any proxy routes an AOR, while a
   * WebSocket client's Contact (*.invalid) is reachable only through the proxy's aliases.
   * Resolves once the target reports the customer connected (NOTIFY 200), then leaves the call;
   * a refusal or silence leaves both calls as they were.
   */
  completeTransfer(callId: string, consultCallId: string): Promise<void> {
    const call = this.requireCall(callId);
    const consult = this.requireCall(consultCallId).session;
    const dialog = consult.dialog;
    const user = consult.remoteIdentity.uri.user;
    if (!dialog || consult.state !== SessionState.Established || !user) return Promise.reject(new Error('the consulted party is not connected'));
    const target = new NameAddrUri('sip', user, this.domain);
    target.setHeader('Replaces', encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`));
    const { clock } = this.options;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        call.transferring = false;
        if (error) {
          reject(error);
          return;
        }
        call.endingAs = 'transferred';
        void call.session.bye().catch(() => {});
        resolve();
      };
      const timer = clock.setTimeout(() => finish(new Error('the transfer target did not confirm the transfer')), TRANSFER_CONFIRM_MS);
      call.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => {
              call.transferring = true;
            },
            onReject: (response) => finish(new Error(`transfer refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
          onNotify: (notification) => {
            void notification.accept().catch(() => {});
            const status = sipfragStatus(notification.request.body);
            if (status === null || status < 200) return;
            finish(status < 300 ? undefined : new Error(`the transfer target answered ${status}`));
          },
        })
        .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
      // The customer may leave our call as soon as the target answered, before any NOTIFY.
      call.session.stateChange.addListener((state) => {
        if (state === SessionState.Terminated && call.transferring) finish();
      });
    });
  }

  /** Three-way: the media of these calls is mixed so everyone hears everyone ([] ends it). */
  async conference(callIds: string[]): Promise<void> {
    const sessionIds = callIds.map((callId) => this.requireMedia(callId).sessionId);
    await this.options.media().conference({ sessionIds });
  }

  /** Places an outbound call under the desk's call id; progress arrives as events. */
  dial(callId: string, target: string): void {
    const uri = UserAgent.makeURI(`sip:${target}@${this.domain}`);
    if (!uri) throw new Error(`not a dialable number: ${target}`);
    const inviter = new Inviter(this.userAgent, uri);
    const entry = this.track(callId, inviter);
    void inviter
      .invite({
        requestDelegate: {
          onReject: (response) => {
            entry.endingAs = response.message.statusCode === 408 || response.message.statusCode === 480 ? 'no-answer' : 'failed';
          },
        },
      })
      .catch(() => {
        entry.endingAs ??= 'failed';
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
    const identity = invitation.remoteIdentity;
    this.options.events.incoming({
      callId,
      remoteNumber: identity.uri.user ?? '',
      remoteDisplayName: identity.displayName ?? '',
    });
  }

  /**
   * A colleague consulted us and completed the transfer: the customer's INVITE replaces their call
   * to this desk. The call goes on under the same desk call id, with the customer, answered at
   * once (SIP.js hangs up the replaced dialog when we answer). Its media is a new session.
   */
  private takeOver(callId: string, invitation: Invitation): void {
    const previous = this.requireCall(callId);
    const mediaSessionId = `${callId}.${++this.replacements}`;
    const entry = this.track(callId, invitation, mediaSessionId);
    entry.replaces = previous;
    const identity = invitation.remoteIdentity;
    this.options.events.replaced(callId, { remoteNumber: identity.uri.user ?? '', remoteDisplayName: identity.displayName ?? '', mediaSessionId });
    void invitation.accept().catch(() => {});
  }

  /** Follows a session's life and reports it under the desk's call id. */
  private track(callId: string, session: Session, mediaSessionId = callId): CallEntry {
    let markAcked = () => {};
    const acked = session instanceof Invitation ? new Promise<void>((resolve) => (markAcked = resolve)) : Promise.resolve();
    const entry: CallEntry = {
      session,
      endingAs: undefined,
      established: false,
      transferring: false,
      acked,
      markAcked,
      mediaSessionId,
      replaces: undefined,
      lastAcceptedReinvite: undefined,
    };
    if (session instanceof Invitation) session.delegate = { ...session.delegate, onAck: () => entry.markAcked() };
    this.calls.set(callId, entry);
    session.stateChange.addListener((state) => {
      // A session replaced by another one is no longer the call: its end is not the call's.
      if (this.calls.get(callId) !== entry) return;
      if (state === SessionState.Established) {
        entry.established = true;
        entry.replaces = undefined;
        this.options.events.established(callId);
      } else if (state === SessionState.Terminated) {
        // A take-over that failed before it was answered leaves the call as it was.
        const previous = entry.replaces;
        if (previous && previous.session.state === SessionState.Established) {
          this.calls.set(callId, previous);
          return;
        }
        this.calls.delete(callId);
        this.options.events.ended(callId, this.endReason(entry));
      }
    });
    return entry;
  }

  private requireMedia(callId: string): RemoteSessionDescriptionHandler {
    const handler = this.requireCall(callId).session.sessionDescriptionHandler;
    if (!(handler instanceof RemoteSessionDescriptionHandler)) throw new Error('the call has no media yet');
    return handler;
  }

  private get domain(): string {
    return this.userAgent.configuration.uri.host;
  }

  private endReason(entry: CallEntry): CallEnd {
    if (entry.endingAs) return entry.endingAs;
    if (entry.transferring) return 'transferred';
    return entry.established ? 'remote-hangup' : 'caller-cancelled';
  }

  private callIdOf(session: Session): string | undefined {
    for (const [callId, entry] of this.calls) if (entry.session === session) return callId;
    return undefined;
  }

  private entryOf(session: Session): CallEntry | undefined {
    for (const entry of this.calls.values()) if (entry.session === session) return entry;
    return undefined;
  }

  private requireCall(callId: string): CallEntry {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`no call ${callId}`);
    return call;
  }

  private createRegisterer(): Registerer {
    const registerer = new Registerer(this.userAgent, { expires: 300 });
    registerer.stateChange.addListener((state) => {
      // A replaced registerer's late outcome says nothing about the registration we have now.
      if (registerer !== this.registerer) return;
      if (state === RegistererState.Registered) this.setRegistration('registered', null);
      else if (state === RegistererState.Unregistered && !this.stopped) this.setRegistration('unregistered', null);
    });
    return registerer;
  }

  /** Called on every (re)connect. */
  private async register(): Promise<void> {
    try {
      await this.sendRegister(this.registerer);
    } catch (error) {
      if (!(error instanceof RequestPendingError)) {
        this.setRegistration('failed', errorMessage(error));
        return;
      }
      // A REGISTER went out on a connection that is gone, so its answer never comes, and SIP.js
      // refuses a new one until that times out (32 s), then never retries. Start afresh.
      const stale = this.registerer;
      this.registerer = this.createRegisterer();
      void stale.dispose().catch(() => {});
      await this.sendRegister(this.registerer).catch((retryError: unknown) => this.setRegistration('failed', errorMessage(retryError)));
    }
  }

  /** Sends REGISTER; only the current registerer's answer changes the state shown. */
  private sendRegister(registerer: Registerer): Promise<unknown> {
    const current = () => registerer === this.registerer;
    return registerer.register({
      requestDelegate: {
        // A re-REGISTER after a reconnect leaves SIP.js's state at Registered: no change event.
        onAccept: () => {
          if (current()) this.setRegistration('registered', null);
        },
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          if (current()) this.setRegistration('failed', `${statusCode} ${reasonPhrase}`);
        },
      },
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    const base = this.options.reconnectBaseMs ?? 250;
    // A short cap: the agent must be reachable again within seconds of the PBX coming back.
    const cap = this.options.reconnectMaxMs ?? 2_000;
    const ceiling = Math.min(cap, base * 2 ** this.reconnectAttempt);
    const delay = Math.round((this.options.random ?? Math.random)() * ceiling);
    this.reconnectAttempt++;
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      this.userAgent.reconnect().catch(() => this.scheduleReconnect());
    }, delay);
  }

  private setRegistration(state: RegistrationState, error: string | null): void {
    this.registration = state;
    this.options.events.registration(state, error);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
