import { describe, expect, it } from 'vitest';
import { MEDIA_SERVICE, mediaEngineSchemas, type MediaEngine } from '../../../src/contract/media';
import { createMemoryTransportPair, RpcPeer } from '../../../src/rpc';
import { RemoteSessionDescriptionHandler, SessionDescriptionHandlerClosedError } from '../../../main/phone/remote-session-description-handler';
import { StaticSdpMediaEngine } from '../../support/static-sdp-media-engine';

/** The handler in main, the engine behind a real RpcPeer where the renderer would be. */
function connect(engine: MediaEngine = new StaticSdpMediaEngine()) {
  const [mainSide, rendererSide] = createMemoryTransportPair();
  new RpcPeer(rendererSide).serve<MediaEngine>(MEDIA_SERVICE, engine, mediaEngineSchemas);
  const media = new RpcPeer(mainSide).remote<MediaEngine>(MEDIA_SERVICE);
  return { media: () => media, engine };
}

describe('RemoteSessionDescriptionHandler', () => {
  it('opens the media session before anything else and answers an incoming offer', async () => {
    const engine = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(engine).media, 'call-1');
    const offer = 'v=0\r\nm=audio 5000 RTP/AVP 0\r\n';
    const [, answer] = await Promise.all([handler.setDescription(offer), handler.getDescription()]);
    expect(answer.contentType).toBe('application/sdp');
    expect(answer.body).toMatch(/^v=0/);
    expect(engine.calls.map((c) => c.method)).toEqual(['open', 'setDescription', 'getDescription']);
  });

  it('answers an offer taken in while it rang with one request, for the answer', async () => {
    const engine = new StaticSdpMediaEngine();
    const offer = 'v=0\r\nm=audio 5000 RTP/AVP 0\r\n';
    const { media } = connect(engine);
    const ready = media().prepareAnswer({ sessionId: 'call-p', sdp: offer }).then(() => true);
    const handler = new RemoteSessionDescriptionHandler(media, 'call-p', {}, { sdp: offer, ready, prepared: false, answer: null });
    await handler.setDescription(offer);
    await handler.getDescription();
    expect(engine.calls.map((c) => c.method)).toEqual(['prepareAnswer', 'getDescription']);
  });

  it('sends the answer the softphone asked for before accept(), without asking again', async () => {
    const engine = new StaticSdpMediaEngine();
    const offer = 'v=0\r\nm=audio 5000 RTP/AVP 0\r\n';
    const { media } = connect(engine);
    const ready = media().prepareAnswer({ sessionId: 'call-e', sdp: offer }).then(() => true);
    await ready;
    const answer = media().getDescription({ sessionId: 'call-e', options: {} });
    const handler = new RemoteSessionDescriptionHandler(media, 'call-e', {}, { sdp: offer, ready, prepared: true, answer });
    await handler.setDescription(offer);
    const sent = await handler.getDescription();
    expect(sent.body).toBe((await answer).sdp);
    expect(engine.calls.map((c) => c.method)).toEqual(['prepareAnswer', 'getDescription']);
    // A later offer in the call (a re-INVITE) is answered the usual way.
    await handler.setDescription(offer);
    await handler.getDescription();
    expect(engine.calls.map((c) => c.method)).toEqual(['prepareAnswer', 'getDescription', 'setDescription', 'getDescription']);
  });

  it('takes the usual way when the preparation failed, or for another offer', async () => {
    const offer = 'v=0\r\nm=audio 5000 RTP/AVP 0\r\n';
    const failed = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(failed).media, 'call-f', {}, { sdp: offer, ready: Promise.resolve(false), prepared: false, answer: null });
    await handler.setDescription(offer);
    await handler.getDescription();
    expect(failed.calls.map((c) => c.method)).toEqual(['open', 'setDescription', 'getDescription']);

    const other = new StaticSdpMediaEngine();
    const { media } = connect(other);
    const ready = media().prepareAnswer({ sessionId: 'call-o', sdp: offer }).then(() => true);
    const changed = new RemoteSessionDescriptionHandler(media, 'call-o', {}, { sdp: offer, ready, prepared: false, answer: null });
    await changed.setDescription('v=0\r\nm=audio 6000 RTP/AVP 8\r\n');
    expect(other.calls.map((c) => c.method)).toEqual(['prepareAnswer', 'setDescription']);
  });

  it('sends only whitelisted JSON options to the renderer', async () => {
    const engine = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(engine).media, 'call-2', { iceSettleMs: 20 });
    await handler.getDescription({ hold: true, constraints: { audio: true }, evil: () => 1 } as object);
    expect(engine.calls.at(-1)?.options).toEqual({ hold: true, iceSettleMs: 20 });
  });

  it('rejects every call after close and tells the renderer once', async () => {
    const engine = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(engine).media, 'call-3');
    handler.close();
    handler.close();
    await expect(handler.getDescription()).rejects.toBeInstanceOf(SessionDescriptionHandlerClosedError);
    expect(handler.sendDtmf('1')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.calls.filter((c) => c.method === 'close')).toHaveLength(1);
  });

  it('fails operations queued before a close that arrives mid-flight', async () => {
    const engine = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(engine).media, 'call-4');
    void handler.getDescription().catch(() => {});
    const queued = handler.setDescription('v=0\r\nm=audio 5000 RTP/AVP 0\r\n');
    handler.close();
    await expect(queued).rejects.toBeInstanceOf(SessionDescriptionHandlerClosedError);
    expect(engine.calls.map((c) => c.method)).not.toContain('setDescription');
  });

  it('reports a missing renderer as a failed operation, not a throw from SIP.js’s factory', async () => {
    const handler = new RemoteSessionDescriptionHandler(() => {
      throw new Error('no desk window is open to carry the call audio');
    }, 'call-5');
    await expect(handler.getDescription()).rejects.toThrow('no desk window');
  });

  it('refuses SDP modifiers, which cannot cross to the renderer', () => {
    const handler = new RemoteSessionDescriptionHandler(connect().media, 'call-6');
    expect(() => handler.getDescription({}, [async (d) => d])).toThrow('modifiers');
  });

  it('keeps going after a failed operation', async () => {
    const engine = new StaticSdpMediaEngine();
    const handler = new RemoteSessionDescriptionHandler(connect(engine).media, 'call-7');
    await expect(handler.setDescription('not sdp')).rejects.toThrow();
    await expect(handler.getDescription()).resolves.toMatchObject({ contentType: 'application/sdp' });
  });
});
