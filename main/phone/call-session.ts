import { Invitation, SessionState, type Session, type Transport } from 'sip.js';
import type { Clock } from '../../src/domain/clock';
import { forgetLostInitialAck, ignoreAckTimeoutOnceEnded, resendReinviteAck } from './lost-ack';
import { RemoteSessionDescriptionHandler, type PreparedAnswer } from './remote-session-description-handler';

export type CallEnd = 'remote-hangup' | 'local-hangup' | 'caller-cancelled' | 'rejected' | 'transferred' | 'no-answer' | 'failed';

/** A re-INVITE the other side refused. */
export interface Refusal {
  statusCode: number;
  reasonPhrase: string;
}

const REINVITE_ATTEMPTS = 3;
const REINVITE_RETRY_MS = 200;
/** How long a hang-up, hold or transfer waits for the ACK of the answered call (normally milliseconds). */
const ACK_WAIT_MS = 3_000;

/**
 * One SIP dialog of a desk call and what the desk must remember about it: who ended it, whether
 * it was answered, its ACK, its media session. Changes inside the call (hold, target refresh,
 * keypad) are re-INVITEs and INFOs on this dialog.
 */
export class CallSession {
  /** The caller's offer the renderer took in while it rang (Softphone.ring). */
  preparedAnswer: PreparedAnswer | null = null;
  /** Set when we end the call, so the Terminated transition can say who ended it. */
  endingAs: CallEnd | undefined;
  established = false;
  /** The other side accepted our REFER and is calling the target: if it leaves now, it was transferred. */
  transferring = false;
  /** For a call taken over by INVITE with Replaces: the session it replaces, until it is answered. */
  replaces: CallSession | undefined;
  /** Resolves when the answered call's ACK arrived (at once for calls we placed: the ACK is ours). */
  private readonly acked: Promise<void>;
  private markAcked: () => void = () => {};
  /** CSeq of our last re-INVITE the other side accepted (its ACK may have to go again). */
  private lastAcceptedReinvite: number | undefined;

  constructor(
    readonly session: Session,
    /** The renderer's media session of this SIP session: the call id, or another for a replacement. */
    readonly mediaSessionId: string,
    private readonly clock: Clock,
  ) {
    this.acked = session instanceof Invitation ? new Promise<void>((resolve) => (this.markAcked = resolve)) : Promise.resolve();
    if (session instanceof Invitation) {
      session.delegate = { ...session.delegate, onAck: () => this.markAcked() };
      ignoreAckTimeoutOnceEnded(session);
    }
  }

  /** Who ended the call, as far as this side can tell. */
  get endReason(): CallEnd {
    if (this.endingAs) return this.endingAs;
    if (this.transferring) return 'transferred';
    return this.established ? 'remote-hangup' : 'caller-cancelled';
  }

  /** The media of the call, once SIP.js made it. */
  get media(): RemoteSessionDescriptionHandler {
    const handler = this.session.sessionDescriptionHandler;
    if (!(handler instanceof RemoteSessionDescriptionHandler)) throw new Error('the call has no media yet');
    return handler;
  }

  /**
   * The agent hangs up. SIP.js refuses a BYE before the ACK of our 200 (RFC 3261 §15) and would
   * keep the call up to 32 s waiting for it: wait at most ACK_WAIT_MS, then end the call anyway.
   */
  async hangUp(): Promise<void> {
    await this.confirmed();
    if (this.session.state === SessionState.Established) await this.session.bye();
  }

  /**
   * Resolves once the other side confirmed the answered call (its ACK came), or after ACK_WAIT_MS
   * without it: then the ACK is given up on, so a late one is dropped as a stray instead of
   * meeting our next request. Requests in the call go only after this: a caller that has not seen
   * our 200 yet drops a REFER unanswered (SIP.js does), and an ACK arriving while our re-INVITE
   * offer is out reads to SIP.js as "ACK without answer" and it ends the call (BYE 488).
   */
  async confirmed(): Promise<void> {
    await this.ackOrTimeout();
    forgetLostInitialAck(this.session);
  }

  /**
   * Hold or resume with a re-INVITE. Our media side makes hold silent for the customer
   * (`inactive`, no packets), and `hold: false` is passed explicitly because SIP.js keeps the
   * options of the last re-INVITE. Resolves once the other side accepted; a refusal rolls back.
   */
  async hold(held: boolean): Promise<void> {
    const refused = await this.reinviteWithRetries(held);
    if (refused) throw new Error(`re-INVITE refused: ${refused.statusCode} ${refused.reasonPhrase}`);
  }

  /**
   * After a reconnect Kamailio reaches us on a new WebSocket, but the other side still sends its
   * in-dialog requests (its BYE) to our Contact as aliased to the old, dead connection. A
   * target-refresh re-INVITE over the new connection gets our Contact aliased anew. A 481 or 408
   * means the other side ended the call while we could not hear it (RFC 3261 12.2.1.2): end it too.
   * An ACK lost with the old connection is repaired first, or after (see lost-ack.ts).
   */
  refreshTarget(transport: Transport): void {
    if (this.session.state !== SessionState.Established) return;
    if (this.lastAcceptedReinvite !== undefined) resendReinviteAck(this.session, this.lastAcceptedReinvite, transport);
    this.reinviteWithRetries(undefined).then(
      (refused) => {
        const gone = refused?.statusCode === 481 || refused?.statusCode === 408;
        // Accepted: they hold a confirmed dialog. Gone: there is nothing left to wait for.
        if (refused === null || gone) {
          forgetLostInitialAck(this.session);
          this.markAcked();
        }
        if (gone) void this.session.bye().catch(() => {});
      },
      // Another re-INVITE (a hold) in progress refreshes the target just as well.
      () => {},
    );
  }

  /**
   * Keypad digits: RFC 4733 through the media sender by default, SIP INFO (application/dtmf-relay)
   * when policy asks for it or when the media cannot send them (no telephone-event negotiated).
   */
  async sendDtmf(tones: string, mode: 'rfc4733' | 'info'): Promise<'rfc4733' | 'info'> {
    if (mode === 'rfc4733' && (await this.media.sendDtmfTones(tones))) return 'rfc4733';
    for (const tone of tones) {
      await this.session.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160\r\n` } },
      });
    }
    return 'info';
  }

  /**
   * A re-INVITE; a 491 (glare) or 500 (our previous ACK overtaken in the proxy) is retried after a
   * short wait. Resolves null when accepted, or with the last refusal.
   */
  private async reinviteWithRetries(held: boolean | undefined): Promise<Refusal | null> {
    for (let attempt = 1; ; attempt++) {
      const refused = await this.reinvite(held);
      if (refused === null || (refused.statusCode !== 491 && refused.statusCode !== 500) || attempt >= REINVITE_ATTEMPTS) return refused;
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, REINVITE_RETRY_MS * attempt));
    }
  }

  /**
   * One re-INVITE; `held` undefined keeps the hold flag of the last one (SIP.js reuses its options).
   * A hold waits until the call is confirmed (RFC 3261 14.1); a target refresh after a reconnect
   * does not: that ACK was lost with the old connection.
   */
  private async reinvite(held: boolean | undefined): Promise<Refusal | null> {
    if (held !== undefined) await this.confirmed();
    return new Promise((resolve, reject) => {
      this.session
        .invite({
          ...(held === undefined ? {} : { sessionDescriptionHandlerOptions: { hold: held } as object }),
          requestDelegate: {
            onAccept: (response) => {
              this.lastAcceptedReinvite = response.message.cseq;
              resolve(null);
            },
            onReject: (response) => resolve({ statusCode: response.message.statusCode ?? 0, reasonPhrase: response.message.reasonPhrase ?? '' }),
          },
        })
        .catch(reject);
    });
  }

  private ackOrTimeout(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(resolve, ACK_WAIT_MS);
      void this.acked.then(() => {
        this.clock.clearTimeout(timer);
        resolve();
      });
    });
  }
}
