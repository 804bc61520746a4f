import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { newFakeTransportIdentity, signallingOnlyAnswer, signallingOnlyOffer } from './signalling-only-sdp';

const SDP = 'application/sdp';

/**
 * The media side of a lab endpoint that stands in for an IVR or a department phone: Node has no
 * WebRTC and these endpoints play no audio, so it answers each offer without any media behind it
 * (see signalling-only-sdp.ts). The signalling stays real.
 *
 * SIP.js calls `setDescription(offer)` then `getDescription()` when answering, and
 * `getDescription()` then `setDescription(answer)` when offering.
 */
export class SignallingOnlySdpHandler implements SessionDescriptionHandler {
  private readonly sessionId = String(Math.floor(Math.random() * 1e12));
  private readonly identity = newFakeTransportIdentity();
  private version = 0;
  private pendingOffer: string | undefined;
  private awaitingAnswer = false;
  private closed = false;

  async getDescription(): Promise<BodyAndContentType> {
    if (this.closed) throw new Error('session description handler closed');
    this.version += 1;
    const origin = { sessionId: this.sessionId, version: this.version };
    const offer = this.pendingOffer;
    this.pendingOffer = undefined;
    if (offer !== undefined) return { body: signallingOnlyAnswer(offer, origin, this.identity), contentType: SDP };
    this.awaitingAnswer = true;
    return { body: signallingOnlyOffer(origin), contentType: SDP };
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.closed) throw new Error('session description handler closed');
    if (!/^m=audio /m.test(sdp)) throw new Error('remote description has no audio stream');
    if (this.awaitingAnswer) this.awaitingAnswer = false;
    else this.pendingOffer = sdp;
  }

  hasDescription(contentType: string): boolean {
    return contentType === SDP;
  }

  async rollbackDescription(): Promise<void> {
    this.pendingOffer = undefined;
    this.awaitingAnswer = false;
  }

  // No media to carry in-band tones; callers of these endpoints send DTMF by SIP INFO.
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    this.closed = true;
  }
}

export const signallingOnlySdpHandlerFactory: SessionDescriptionHandlerFactory = () => new SignallingOnlySdpHandler();
