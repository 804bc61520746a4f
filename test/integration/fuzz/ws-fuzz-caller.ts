import { Inviter, SessionState, UserAgent, type BodyAndContentType, type Core, type SessionDescriptionHandler } from 'sip.js';
import { startRegisteredUserAgent, type RegisteredUserAgent } from '../../../lab/endpoints/registered-user-agent';
import type { Credentials } from '../../support/raw-sip-udp';
import { sessionReaches } from '../../support/sip-node';
import { DROP_MS, type FuzzCaller } from './fuzz-caller';
import { bodyText, escapeQuoted, type HostileOffer, type OfferBody, type Step } from './hostile-offer';

/**
 * SIP.js cannot send a lone surrogate (its length count throws and leaves the transaction's timer
 * behind to throw later); on the wire it would be U+FFFD anyway, as the UDP caller's bytes are.
 */
function wellFormed(offer: HostileOffer): HostileOffer {
  // In a `u` regexp only an unpaired surrogate is \p{Cs}.
  const text = (value: string) => value.replace(/\p{Cs}/gu, '\uFFFD');
  const body = (value: OfferBody): OfferBody => (value.kind === 'text' ? { ...value, text: text(value.text) } : value);
  return {
    ...offer,
    displayName: text(offer.displayName),
    headers: offer.headers.map(([name, value]) => [name, text(value)]),
    body: body(offer.body),
    script: offer.script.map((step) => (step.actor === 'caller' && step.action === 'reinvite' ? { ...step, body: body(step.body) } : step)),
  };
}

/**
 * Offers this caller makes carry the case's body, however broken; answers (to the desk's offer in
 * a 2xx or a hold re-INVITE) are always plain audio, so the call can go on.
 */
class FuzzSdpHandler implements SessionDescriptionHandler {
  offer: OfferBody;
  private offered = false;
  private offeredTo = false;

  constructor(offer: OfferBody) {
    this.offer = offer;
  }

  async getDescription(): Promise<BodyAndContentType> {
    const answering = this.offeredTo;
    this.offeredTo = false;
    this.offered = !answering;
    const body = bodyText(answering ? { kind: 'sdp' } : this.offer) ?? bodyText({ kind: 'sdp' });
    return { body: body?.text ?? '', contentType: body?.contentType ?? 'application/sdp' };
  }

  /** The answer to our offer, or else the desk's offer (in its 2xx or a re-INVITE). */
  async setDescription(): Promise<void> {
    if (this.offered) this.offered = false;
    else this.offeredTo = true;
  }

  hasDescription(contentType: string): boolean {
    return /^application\/sdp/i.test(contentType);
  }

  async rollbackDescription(): Promise<void> {
    this.offered = false;
    this.offeredTo = false;
  }

  sendDtmf(): boolean {
    return true;
  }

  close(): void {}
}

/**
 * A customer calling over WebSocket with SIP.js, the stack of the caller page and of the desks
 * themselves: it writes the display name between quotes as given, adds the case's headers as
 * they are, and sends the case's body; SIP.js keeps the dialog and ACKs.
 */
export class WsFuzzCaller implements FuzzCaller {
  readonly final: Promise<number>;
  readonly dropped: Promise<void>;
  private settle: (status: number) => void = () => {};
  private dropTimer: NodeJS.Timeout | undefined;
  private answeredAtAll: () => void = () => {};

  private constructor(
    private readonly agent: RegisteredUserAgent,
    private readonly inviter: Inviter,
    private readonly media: FuzzSdpHandler,
  ) {
    this.final = new Promise((resolve) => (this.settle = resolve));
    this.dropped = new Promise((resolve) => {
      this.dropTimer = setTimeout(resolve, DROP_MS);
      this.answeredAtAll = () => clearTimeout(this.dropTimer);
    });
  }

  static async open(hostile: HostileOffer, target: { wsUrl: string; domain: string; agentUri: string }, credentials: Credentials): Promise<WsFuzzCaller> {
    const offer = wellFormed(hostile);
    const media = new FuzzSdpHandler(offer.body);
    const agent = await startRegisteredUserAgent({
      wsUrl: target.wsUrl,
      domain: target.domain,
      user: offer.fromUser,
      credentials,
      sessionDescriptionHandlerFactory: () => media,
      register: false,
    });
    const uri = UserAgent.makeURI(target.agentUri);
    if (!uri) throw new Error(`not a SIP URI: ${target.agentUri}`);
    const displayName = offer.nameForm === 'absent' ? undefined : offer.nameForm === 'quoted' ? escapeQuoted(offer.displayName) : offer.displayName;
    const inviter = new Inviter(agent.userAgent, uri, {
      ...(displayName !== undefined ? { params: { fromDisplayName: displayName } } : {}),
      extraHeaders: offer.headers.map(([name, value]) => `${name}: ${value}`),
      inviteWithoutSdp: offer.body.kind === 'none',
    });
    return new WsFuzzCaller(agent, inviter, media);
  }

  start(): void {
    const done = (response: Core.IncomingResponse) => {
      this.answeredAtAll();
      this.settle(response.message.statusCode ?? 0);
    };
    const heard = () => this.answeredAtAll();
    // A 2xx that crosses our CANCEL is ACKed and hung up by SIP.js without telling the delegate.
    this.inviter.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) this.settle(0);
    });
    this.inviter.invite({ requestDelegate: { onAccept: done, onReject: done, onTrying: heard, onProgress: heard } }).catch(() => this.settle(0));
  }

  async step(step: Extract<Step, { actor: 'caller' }>): Promise<void> {
    const state = this.inviter.state;
    switch (step.action) {
      case 'cancel':
        if (state === SessionState.Initial || state === SessionState.Establishing) await attempt(() => this.inviter.cancel());
        return;
      case 'bye':
        if (state === SessionState.Established) await this.request((requestDelegate) => this.inviter.bye({ requestDelegate }));
        return;
      case 'info':
        if (state === SessionState.Established) {
          const body = { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=5\r\nDuration=160\r\n' };
          await this.request((requestDelegate) => this.inviter.info({ requestDelegate, requestOptions: { body } }));
        }
        return;
      case 'update':
        // SIP.js has no UPDATE: the UDP caller covers it.
        return;
      case 'reinvite':
        if (state === SessionState.Established) {
          this.media.offer = step.body;
          await this.request((requestDelegate) => this.inviter.invite({ requestDelegate, withoutSdp: step.body.kind === 'none' }));
        }
        return;
    }
  }

  async finish(): Promise<void> {
    const state = this.inviter.state;
    if (state === SessionState.Initial || state === SessionState.Establishing) await attempt(() => this.inviter.cancel());
    else if (state === SessionState.Established) await attempt(() => this.inviter.bye());
    await this.final;
    if (this.inviter.state === SessionState.Established) await attempt(() => this.inviter.bye());
    await sessionReaches(this.inviter, SessionState.Terminated);
  }

  /**
   * Stops the user agent once the offer is over: SIP.js keeps the timers of a pending INVITE after
   * a stop and throws from them later (an offer the PBX dropped waits out its 32 s Timer B).
   */
  async close(): Promise<void> {
    clearTimeout(this.dropTimer);
    if (this.inviter.state === SessionState.Terminated) return this.agent.stop();
    void sessionReaches(this.inviter, SessionState.Terminated).then(() => this.agent.stop());
  }

  /**
   * Sends a request and resolves on its final response; one SIP.js refuses to send (by throwing,
   * or rejecting: a re-INVITE while the desk's own is in progress, say) resolves at once.
   */
  private request(send: (delegate: { onAccept: () => void; onReject: () => void }) => Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      try {
        send({ onAccept: () => resolve(), onReject: () => resolve() }).catch(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/** A SIP.js call that throws or rejects when the session is past it: either way it did not happen, which is fine here. */
async function attempt(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch {
    // Refused.
  }
}
