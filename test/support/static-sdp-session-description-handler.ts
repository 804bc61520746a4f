import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';

const SDP = 'application/sdp';

/**
 * A SessionDescriptionHandler for Node-only SIP tests. Node has no WebRTC, so this stands in for
 * the media side only: it offers/answers one fixed, valid PCMU audio stream and accepts whatever
 * SDP the other side sends (it must at least look like SDP). Signalling is entirely real.
 * Everything it saw is kept for assertions.
 */
export class StaticSdpSessionDescriptionHandler implements SessionDescriptionHandler {
  readonly remoteDescriptions: string[] = [];
  readonly sentTones: string[] = [];
  closed = false;
  private readonly sessionId = String(Math.floor(Math.random() * 1e12));
  private version = 0;

  constructor(
    private readonly audioPort: number,
    /** How long taking in the other side's SDP takes: a phone slow to confirm an answered call. */
    private readonly setDescriptionDelayMs = 0,
  ) {}

  async getDescription(): Promise<BodyAndContentType> {
    if (this.closed) throw new Error('session description handler closed');
    this.version += 1;
    return { body: this.localSdp(), contentType: SDP };
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.closed) throw new Error('session description handler closed');
    if (!/^v=0\r?\n/.test(sdp) || !/^m=audio /m.test(sdp)) throw new Error('remote description is not an audio SDP');
    this.remoteDescriptions.push(sdp);
    if (this.setDescriptionDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.setDescriptionDelayMs));
  }

  hasDescription(contentType: string): boolean {
    return contentType === SDP;
  }

  async rollbackDescription(): Promise<void> {
    this.remoteDescriptions.pop();
  }

  sendDtmf(tones: string): boolean {
    if (this.closed) return false;
    this.sentTones.push(tones);
    return true;
  }

  close(): void {
    this.closed = true;
  }

  private localSdp(): string {
    return [
      'v=0',
      `o=- ${this.sessionId} ${this.version} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.audioPort} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=sendrecv',
      '',
    ].join('\r\n');
  }
}

/** A factory for `UserAgentOptions.sessionDescriptionHandlerFactory`; `created` lists every handler it made. */
export function createStaticSdpHandlerFactory(setDescriptionDelayMs = 0): SessionDescriptionHandlerFactory & { created: StaticSdpSessionDescriptionHandler[] } {
  const created: StaticSdpSessionDescriptionHandler[] = [];
  // Nothing listens on these ports: no RTP flows in Node-only tests, only the offer/answer does.
  let nextAudioPort = 40_000;
  const factory = () => {
    const handler = new StaticSdpSessionDescriptionHandler(nextAudioPort, setDescriptionDelayMs);
    nextAudioPort += 2;
    created.push(handler);
    return handler;
  };
  return Object.assign(factory, { created });
}
