import { Invitation, SessionState, UserAgent, type Core, type Inviter, type Notification } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabEndpoints, type LabEndpoints } from '../../../lab/endpoints/lab-endpoints';
import { newFakeTransportIdentity, signallingOnlyAnswer } from '../../../lab/endpoints/signalling-only-sdp';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { labDirectory } from '../../../server/seed';
import { createNodeUserAgent, sessionReaches, type NodeUserAgent } from '../../support/sip-node';

const SECRET = 'lab-endpoints-secret-7d1e';
const SURVEY = '9999';

let kamailio: RunningKamailio;
let endpoints: LabEndpoints;
const started: NodeUserAgent[] = [];

async function nodeAgent(user: string, extra: Partial<Parameters<typeof createNodeUserAgent>[0]> = {}): Promise<NodeUserAgent> {
  const ua = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user, secret: SECRET, ...extra });
  started.push(ua);
  return ua;
}

/** The final status of an INVITE, 2xx or not. */
function finalStatus(inviter: Inviter): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (response: Core.IncomingResponse) => resolve(response.message.statusCode ?? 0);
    inviter.invite({ requestDelegate: { onAccept: done, onReject: done } }).catch(reject);
  });
}

/** A connected call from `caller` to `extension`. */
async function connectedCall(caller: NodeUserAgent, extension: string): Promise<Inviter> {
  const inviter = caller.makeInviter(extension);
  expect(await finalStatus(inviter)).toBe(200);
  await sessionReaches(inviter, SessionState.Established);
  return inviter;
}

beforeAll(async () => {
  kamailio = await startKamailio({ secret: SECRET });
  endpoints = await startLabEndpoints({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, secret: SECRET, directory: labDirectory, surveyExtension: SURVEY });
});

afterAll(async () => {
  await Promise.all(started.map((ua) => ua.stop()));
  await endpoints?.stop();
  await kamailio?.stop();
});

describe('lab endpoints: the departments and the survey IVR a desk transfers to', () => {
  it('a caller blind-transferred by the agent (REFER) reaches 8001, which records who sent it', async () => {
    let offered: (invitation: Invitation) => void = () => {};
    const incoming = new Promise<Invitation>((resolve) => (offered = resolve));
    await nodeAgent('1001', { displayName: '坐席1001', delegate: { onInvite: (invitation) => offered(invitation) } });
    const customer = await nodeAgent('13812345678', { displayName: '张三' });

    const toAgent = customer.makeInviter('1001');
    void toAgent.invite();
    const atAgent = await incoming;
    await atAgent.accept();
    await sessionReaches(toAgent, SessionState.Established);
    expect(endpoints.arrivals('8001')).toEqual([]);

    const target = UserAgent.makeURI(`sip:8001@${kamailio.domain}`);
    if (!target) throw new Error('bad target');
    const notified = new Promise<string>((resolve) => {
      void atAgent.refer(target, {
        onNotify: (notification: Notification) => {
          void notification.accept();
          if (/SIP\/2\.0 [2-6]\d\d/.test(notification.request.body)) resolve(notification.request.body);
        },
      });
    });

    const followed = await customer.followedReferral();
    expect(followed).toMatchObject({ referredFrom: toAgent, target: '8001' });
    expect(followed.referredBy).toContain('sip:1001@');
    await sessionReaches(followed.inviter, SessionState.Established);
    // The customer's phone tells the agent the transfer worked (RFC 3515 NOTIFY with a sipfrag).
    expect(await notified).toContain('SIP/2.0 200');

    const [arrival] = endpoints.arrivals('8001');
    expect(arrival).toMatchObject({ extension: '8001', from: '13812345678', displayName: '张三', referredBy: '1001', endedAt: null });
    expect(arrival?.answeredAt).toBeGreaterThanOrEqual(arrival?.at ?? Infinity);

    // The agent leaves; the customer stays with the department until hanging up.
    await atAgent.bye();
    await sessionReaches(toAgent, SessionState.Terminated);
    expect(followed.inviter.state).toBe(SessionState.Established);
    await followed.inviter.bye();
    await sessionReaches(followed.inviter, SessionState.Terminated);
    await expect.poll(() => endpoints.arrivals('8001')[0]?.endedAt).not.toBeNull();
  });

  it('the survey IVR answers and hangs up by itself about 2 s later', async () => {
    const customer = await nodeAgent('13900000001');
    const calledAt = Date.now();
    const call = await connectedCall(customer, SURVEY);
    const answered = Date.now();
    await sessionReaches(call, SessionState.Terminated);
    const heldFor = Date.now() - answered;
    expect(heldFor).toBeGreaterThanOrEqual(1_900);
    expect(heldFor).toBeLessThan(4_000);

    const [arrival] = endpoints.arrivals(SURVEY);
    expect(arrival).toMatchObject({ extension: SURVEY, from: '13900000001', referredBy: null });
    expect(arrival?.at).toBeGreaterThanOrEqual(calledAt);
    await expect.poll(() => endpoints.arrivals(SURVEY)[0]?.endedAt).not.toBeNull();
    const { answeredAt, endedAt } = endpoints.arrivals(SURVEY)[0] ?? {};
    expect((endedAt ?? 0) - (answeredAt ?? 0)).toBeGreaterThanOrEqual(2_000);
  });

  it('records keypad tones sent by SIP INFO, in order, per call', async () => {
    const customer = await nodeAgent('13900000002');
    const call = await connectedCall(customer, '8002');
    for (const tone of ['1', '5', '#', '*', '0']) {
      await call.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160\r\n` } },
      });
    }
    // Not DTMF: accepted, but no tone.
    await call.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'text/plain', content: 'hello' } } });
    await expect.poll(() => endpoints.dtmf('8002')).toBe('15#*0');
    await call.bye();

    const again = await connectedCall(customer, '8002');
    await again.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=9\r\nDuration=160' } } });
    await expect.poll(() => endpoints.dtmf('8002')).toBe('9');
    expect(endpoints.arrivals('8002').map((arrival) => arrival.dtmf)).toEqual(['15#*0', '9']);
    expect(endpoints.dtmf('8003')).toBe('');
    await again.bye();
  });

  it('lists every arrival in time order, and refuses a survey extension that is also a department', async () => {
    expect(endpoints.arrivals().map((arrival) => arrival.extension)).toEqual(['8001', SURVEY, '8002', '8002']);
    await expect(
      startLabEndpoints({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, secret: SECRET, directory: labDirectory, surveyExtension: '8003' }),
    ).rejects.toThrow(/8003 is listed twice/);
  });

  it('unregisters on stop: the departments are then unreachable', async () => {
    await endpoints.stop();
    const customer = await nodeAgent('13900000003');
    expect([404, 480]).toContain(await finalStatus(customer.makeInviter('8004')));
  });
});

describe('signalling-only answers', () => {
  const origin = { sessionId: '1', version: 1 };
  const webRtcOffer = [
    'v=0', 'o=- 4611 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=msid-semantic: WMS',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126', 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuv',
    'a=fingerprint:sha-256 00:11', 'a=setup:actpass', 'a=mid:0', 'a=sendonly', 'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:126 telephone-event/8000', '',
  ].join('\r\n');

  it('answers a browser (WebRTC) offer with what Chromium requires: ICE, DTLS, mid, bundle, rtcp-mux', () => {
    const answer = signallingOnlyAnswer(webRtcOffer, origin, newFakeTransportIdentity());
    expect(answer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 126\r$/m);
    const required = [
      /^a=group:BUNDLE 0\r$/m,
      /^a=mid:0\r$/m,
      /^a=ice-ufrag:\S{4,}\r$/m,
      /^a=ice-pwd:\S{22,}\r$/m,
      /^a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r$/m,
      /^a=setup:active\r$/m,
      /^a=rtcp-mux\r$/m,
    ];
    for (const line of required) expect(answer).toMatch(line);
    // The customer put on hold (sendonly) hears nothing back: recvonly.
    expect(answer).toMatch(/^a=recvonly\r$/m);
  });

  it('answers a plain RTP offer with plain RTP, and refuses an offer without audio', () => {
    const answer = signallingOnlyAnswer('v=0\r\nm=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n', origin, newFakeTransportIdentity());
    expect(answer).toMatch(/^m=audio \d+ RTP\/AVP 8 101\r$/m);
    expect(answer).not.toMatch(/fingerprint|ice-ufrag/);
    expect(() => signallingOnlyAnswer('v=0\r\nm=video 4000 RTP/AVP 96\r\n', origin, newFakeTransportIdentity())).toThrow(/no audio/);
  });
});
