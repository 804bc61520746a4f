import { randomBytes } from 'node:crypto';
import { Inviter, SessionState, UserAgent } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { startServer, type RunningServer } from '../../../server/app';
import { createNodeUserAgent } from '../../support/sip-node';
import { startNodeDesk, type NodeDesk } from '../../support/node-desk';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

/**
 * Kamailio unreachable: the desk says "not registered" and keeps retrying; once the PBX is
 * reachable again it registers by itself and calls reach the agent. The outage is made by cutting
 * a TCP proxy between the desk and the real Kamailio (the server provisions the proxy's address).
 */
const secret = randomBytes(24).toString('base64url');
let kamailio: RunningKamailio;
let pbxProxy: TcpFaultProxy;
let server: RunningServer;
let desk: NodeDesk;
const latest = () => desk.latest();

beforeAll(async () => {
  kamailio = await startKamailio({ secret });
  pbxProxy = await startTcpFaultProxy(Number(new URL(kamailio.wsUrl).port));
  server = await startServer({
    database: { kind: 'pglite' },
    sip: { wsServer: pbxProxy.url('ws'), domain: kamailio.domain, secret },
    // Keepalive every second, so a silently dead connection is found within seconds here.
    policy: { sipKeepAliveMs: 1_000 },
    seedLabAgents: true,
  });
  desk = await startNodeDesk(server.url);
});

afterAll(async () => {
  await desk?.stop();
  await server?.close();
  await pbxProxy?.close();
  await kamailio?.stop();
});

describe('registration with the PBX', () => {
  it('shows not registered while Kamailio is unreachable and recovers by itself', async () => {
    pbxProxy.down();
    await desk.runtime.desk.login({ agentId: '1004', password: 'pw1004' });
    // Logged in (the central server answered) but not registered: the agent is told the truth.
    await vi.waitFor(() => expect(latest().state).toBe('ready'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(latest().registration).not.toBe('registered');

    pbxProxy.up();
    await vi.waitFor(() => expect(latest().registration).toBe('registered'), { timeout: 40_000, interval: 100 });

    pbxProxy.down();
    await vi.waitFor(() => expect(latest().registration).not.toBe('registered'), { timeout: 10_000 });
    pbxProxy.up();
    await vi.waitFor(() => expect(latest().registration).toBe('registered'), { timeout: 40_000, interval: 100 });

    const customer = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user: '13900000004', secret });
    try {
      const inviter = new Inviter(customer.userAgent, UserAgent.makeURI(`sip:1004@${kamailio.domain}`)!);
      void inviter.invite();
      await vi.waitFor(() => expect(latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
      await desk.runtime.desk.answer({ callId: latest().call!.id });
      await vi.waitFor(() => expect(inviter.state).toBe(SessionState.Established));
      await inviter.bye();
      await vi.waitFor(() => expect(latest().state).toBe('wrapUp'));
    } finally {
      await customer.stop();
    }
  });

  it('finds a connection that died silently (no FIN) by its keepalive, and registers again over a new one', async () => {
    await vi.waitFor(() => expect(latest().registration).toBe('registered'), { timeout: 10_000 });
    // The call of the test before left the agent in wrap-up.
    await desk.runtime.desk.setReady();
    pbxProxy.stall();
    // Without keepalives the desk would go on showing 'registered' until its REGISTER refresh, minutes later.
    await vi.waitFor(() => expect(latest().registration).not.toBe('registered'), { timeout: 5_000, interval: 20 });
    await vi.waitFor(() => expect(latest().registration).toBe('registered'), { timeout: 10_000, interval: 50 });

    const customer = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user: '13900000005', secret });
    try {
      const inviter = new Inviter(customer.userAgent, UserAgent.makeURI(`sip:1004@${kamailio.domain}`)!);
      void inviter.invite();
      await vi.waitFor(() => expect(latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
      await desk.runtime.desk.reject({ callId: latest().call!.id });
      await vi.waitFor(() => expect(inviter.state).toBe(SessionState.Terminated));
    } finally {
      await customer.stop();
    }
  });
});
