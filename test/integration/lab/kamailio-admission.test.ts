import { readFile } from 'node:fs/promises';
import { Invitation, SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { mintSipCredentials } from '../../../server/sip-credentials';
import { newCallId, newTag, RawSipUdpEndpoint, type RawRequest, type SipHeader } from '../../support/raw-sip-udp';
import { parseDigestChallenge } from '../../support/sip-digest';
import { createNodeUserAgent, sessionReaches, type NodeUserAgent } from '../../support/sip-node';

/**
 * What the lab PBX lets in (issue 8, item 6): only authenticated initial requests, one contact per
 * AOR, and no floods. The far ends are raw UDP endpoints that answer everything, so a request the
 * PBX wrongly relays shows up as their reply and in what reached them.
 */
const SECRET = 'lab-admission-secret-3b8e41';
const ONE_HOUR_MS = 3_600_000;

let kamailio: RunningKamailio;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  kamailio = await startKamailio({ secret: SECRET });
});

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

afterAll(async () => {
  await kamailio?.stop();
});

const credentials = (user: string) => mintSipCredentials(SECRET, user, Date.now() + ONE_HOUR_MS);

async function rawEndpoint(): Promise<RawSipUdpEndpoint> {
  const endpoint = await RawSipUdpEndpoint.open(kamailio.udpPort);
  stops.push(() => endpoint.close());
  return endpoint;
}

/** A raw endpoint registered as `user`: whatever the PBX relays to that agent reaches it. */
async function registeredAgent(user: string): Promise<RawSipUdpEndpoint> {
  const agent = await rawEndpoint();
  expect((await agent.register(user, kamailio.domain, credentials(user))).status).toBe(200);
  return agent;
}

async function nodeAgent(user: string, extra: Partial<Parameters<typeof createNodeUserAgent>[0]> = {}): Promise<NodeUserAgent> {
  const ua = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user, secret: SECRET, ...extra });
  stops.push(() => ua.stop());
  return ua;
}

/** An out-of-dialog request from `from` to `to`, with what its method needs to be well-formed. */
function initialRequest(method: string, from: RawSipUdpEndpoint, fromUser: string, toUser: string): RawRequest {
  const domain = kamailio.domain;
  const byMethod: Record<string, SipHeader[]> = {
    SUBSCRIBE: [['Event', 'presence'], ['Expires', '60']],
    NOTIFY: [['Event', 'presence'], ['Subscription-State', 'active;expires=60']],
    PUBLISH: [['Event', 'presence'], ['Expires', '60']],
    REFER: [['Refer-To', `<sip:8001@${domain}>`]],
    PRACK: [['RAck', `1 1 INVITE`]],
  };
  return {
    method,
    uri: `sip:${toUser}@${domain}`,
    headers: [
      ['From', `<sip:${fromUser}@${domain}>;tag=${newTag()}`],
      ['To', `<sip:${toUser}@${domain}>`],
      ['Call-ID', newCallId()],
      ['CSeq', `1 ${method}`],
      ['Contact', `<sip:${fromUser}@127.0.0.1:${from.localPort}>`],
      ['Max-Forwards', '70'],
      ...(byMethod[method] ?? []),
    ],
  };
}

const INITIAL_METHODS = ['INVITE', 'UPDATE', 'FOO', 'MESSAGE', 'OPTIONS', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'PRACK', 'BYE'];

describe('lab Kamailio admission', () => {
  it('answers an initial request without credentials with 407, whatever its method, and relays none of them to the agent', async () => {
    const agent = await registeredAgent('1001');
    const stranger = await rawEndpoint();

    const answers: Record<string, string> = {};
    for (const method of INITIAL_METHODS) {
      const request = initialRequest(method, stranger, '13800000001', '1001');
      const response = await stranger.transaction(request);
      const challenge = parseDigestChallenge(response.header('proxy-authenticate'));
      answers[method] = `${response.status} ${challenge?.realm ?? 'no challenge'}`;
      if (method === 'INVITE') await stranger.ackNon2xx(request, response);
    }
    // A PRACK belongs to a dialog (and cannot be challenged): outside one it is refused.
    const expected = Object.fromEntries(INITIAL_METHODS.map((method) => [method, method === 'PRACK' ? '481 no challenge' : `407 ${kamailio.domain}`]));
    expect(answers).toEqual(expected);

    // An ACK outside any dialog or transaction has nothing to acknowledge: it is dropped, not relayed.
    await stranger.send(stranger.format({ ...initialRequest('ACK', stranger, '13800000001', '1001') }));
    // The same stranger with credentials: its MESSAGE arrives, and it is the only request that did.
    const { response } = await stranger.authenticated(initialRequest('MESSAGE', stranger, '13800000001', '1001'), credentials('13800000001'));
    expect(response.status).toBe(200);
    expect(agent.requests.map((request) => request.method)).toEqual(['MESSAGE']);
  });

  it('relays the same requests with credentials to the agent, who answers them', async () => {
    const agent = await registeredAgent('1002');
    const caller = await rawEndpoint();
    const methods = ['UPDATE', 'FOO', 'MESSAGE', 'OPTIONS', 'SUBSCRIBE', 'INFO'];
    for (const method of methods) {
      const { response } = await caller.authenticated(initialRequest(method, caller, '13800000002', '1002'), credentials('13800000002'));
      expect(`${method} ${response.status}`).toBe(`${method} 200`);
    }
    expect(agent.requests.map((request) => request.method)).toEqual(methods);
    // Credentials are for the PBX only: they never travel on to the agent.
    expect(agent.requests.filter((request) => request.header('proxy-authorization') !== undefined)).toEqual([]);
  });

  it('keeps one contact per agent: a second registration replaces the first, and a call rings only the newest', async () => {
    const offers = { first: [] as Invitation[], second: [] as Invitation[] };
    let rang: (invitation: Invitation) => void = () => {};
    const ringing = new Promise<Invitation>((resolve) => (rang = resolve));
    const first = await nodeAgent('1003', { delegate: { onInvite: (invitation) => offers.first.push(invitation) } });
    expect(first.registerer.contacts).toHaveLength(1);
    const second = await nodeAgent('1003', {
      delegate: {
        onInvite: (invitation) => {
          offers.second.push(invitation);
          rang(invitation);
        },
      },
    });
    // The PBX's 200 to the second REGISTER lists the AOR's bindings: only the second desk's.
    expect(second.registerer.contacts).toHaveLength(1);

    const customer = await nodeAgent('13800000003');
    const call = customer.makeInviter('1003');
    const established = sessionReaches(call, SessionState.Established);
    void call.invite();
    const invitation = await ringing;
    await invitation.accept();
    await established;
    await call.bye();
    await sessionReaches(invitation, SessionState.Terminated);
    // A fork would have reached the first desk before the second could answer.
    expect(offers.first).toEqual([]);
    expect(offers.second).toHaveLength(1);
  });

  // Last in the file: it gets 127.0.0.1, the address of every test client, blocked for a while.
  it('serves a busy burst from one address, drops a flood from it, and serves it again once the flood stops', async () => {
    const agent = await registeredAgent('1004');
    const caller = await rawEndpoint();

    // A burst busier than the test suites send together: every request answered.
    for (let i = 0; i < 100; i++) {
      const { response } = await caller.authenticated(initialRequest('OPTIONS', caller, '13800000004', '1004'), credentials('13800000004'));
      expect(response.status).toBe(200);
    }
    expect(await readFile(kamailio.logPath, 'utf8')).not.toContain('flood from');

    const flooder = await rawEndpoint();
    let answered = 0;
    flooder.listen(() => answered++);
    const FLOOD = 5_000;
    for (let i = 0; i < FLOOD; i++) {
      void flooder.send(flooder.format(initialRequest('OPTIONS', flooder, '13800000005', '1004'))).catch(() => undefined);
    }

    // Probe until the PBX answers that address again; by then every answer to the flood is in.
    const probe = await rawEndpoint();
    for (let answer: number | undefined; answer === undefined; ) {
      answer = await Promise.race([
        probe.transaction(initialRequest('OPTIONS', probe, '13800000006', '1004')).then((response) => response.status),
        new Promise<undefined>((resolve) => setTimeout(resolve, 250)),
      ]);
    }
    expect(await readFile(kamailio.logPath, 'utf8')).toContain('flood from 127.0.0.1: dropping its requests until it stops');
    expect(answered).toBeLessThan(FLOOD / 2);

    const { response } = await caller.authenticated(initialRequest('MESSAGE', caller, '13800000004', '1004'), credentials('13800000004'));
    expect(response.status).toBe(200);
    expect(agent.requests.map((request) => request.method)).toContain('MESSAGE');
  });
});
