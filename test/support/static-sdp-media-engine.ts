import type { MediaEngine, MediaOptions, MediaStats, SessionDescription } from '../../src/contract/media';

/**
 * A MediaEngine for Node-only desk tests, served over a real RpcPeer where the renderer would be.
 * Node has no WebRTC, so this stands in for the media only: it offers or answers one fixed audio
 * SDP and records what main asked of it. Everything between it and the PBX is real.
 */
export class StaticSdpMediaEngine implements MediaEngine {
  readonly calls: Array<{ method: keyof MediaEngine; sessionId?: string; options?: MediaOptions; sessionIds?: string[] }> = [];
  private readonly sessions = new Map<string, { remoteOffer: boolean; localOffer: boolean; closed: boolean; version: number }>();

  async prepare(): Promise<{ ready: boolean }> {
    this.calls.push({ method: 'prepare' });
    return { ready: true };
  }

  async open({ sessionId }: { sessionId: string }): Promise<void> {
    this.calls.push({ method: 'open', sessionId });
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, { remoteOffer: false, localOffer: false, closed: false, version: 0 });
  }

  async prepareAnswer({ sessionId, sdp }: { sessionId: string; sdp: string }): Promise<void> {
    this.calls.push({ method: 'prepareAnswer', sessionId });
    if (!/^m=audio /m.test(sdp)) throw new Error('not an audio SDP');
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, { remoteOffer: false, localOffer: false, closed: false, version: 0 });
  }

  async getDescription({ sessionId, options }: { sessionId: string; options: MediaOptions }): Promise<SessionDescription> {
    this.calls.push({ method: 'getDescription', sessionId, options });
    const session = this.live(sessionId);
    const type = session.remoteOffer ? 'answer' : 'offer';
    session.localOffer = type === 'offer';
    session.remoteOffer = false;
    session.version += 1;
    return { type, sdp: staticSdp(session.version, options.hold ? 'inactive' : 'sendrecv') };
  }

  async setDescription({ sessionId, sdp, options }: { sessionId: string; sdp: string; options: MediaOptions }): Promise<void> {
    this.calls.push({ method: 'setDescription', sessionId, options });
    if (!/^m=audio /m.test(sdp)) throw new Error('not an audio SDP');
    const session = this.live(sessionId);
    // An SDP arriving while we have no offer out is the other side's offer.
    session.remoteOffer = !session.localOffer;
    session.localOffer = false;
  }

  async rollback({ sessionId }: { sessionId: string }): Promise<void> {
    this.calls.push({ method: 'rollback', sessionId });
  }

  async sendDtmf({ sessionId }: { sessionId: string; tones: string }): Promise<boolean> {
    this.calls.push({ method: 'sendDtmf', sessionId });
    return true;
  }

  async mute({ sessionId }: { sessionId: string; muted: boolean }): Promise<void> {
    this.calls.push({ method: 'mute', sessionId });
  }

  async stats(): Promise<MediaStats | null> {
    return null;
  }

  /** No media to mix here: records which sessions main asked to join. */
  async conference({ sessionIds }: { sessionIds: string[] }): Promise<void> {
    this.calls.push({ method: 'conference', sessionIds });
  }

  async close({ sessionId }: { sessionId: string }): Promise<void> {
    this.calls.push({ method: 'close', sessionId });
    const session = this.sessions.get(sessionId);
    if (session) session.closed = true;
  }

  isClosed(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.closed ?? false;
  }

  private live(sessionId: string) {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`media session ${sessionId} was never opened`);
    if (session.closed) throw new Error(`media session ${sessionId} is closed`);
    return session;
  }
}

function staticSdp(version: number, direction: string): string {
  return [
    'v=0',
    `o=- 4242 ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 40400 RTP/AVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    `a=${direction}`,
    '',
  ].join('\r\n');
}
