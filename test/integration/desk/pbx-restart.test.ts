import { randomBytes } from 'node:crypto';
import { SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { startServer, type RunningServer } from '../../../server/app';
import { dial, startNodeDesk, type NodeDesk } from '../../support/node-desk';
import { createNodeUserAgent, type NodeUserAgent } from '../../support/sip-node';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

const secret = randomBytes(24).toString('base64url');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function serverFor(wsServer: string, domain: string): Promise<RunningServer> {
  const server = await startServer({ database: { kind: 'pglite' }, sip: { wsServer, domain, secret }, seedLabAgents: true });
  cleanups.push(() => server.close());
  return server;
}

async function loggedInDesk(server: RunningServer, agentId: string): Promise<NodeDesk> {
  const desk = await startNodeDesk(server.url);
  cleanups.push(desk.stop);
  await desk.runtime.desk.login({ agentId, password: `pw${agentId}` });
  await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
  return desk;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('explore', () => {
  it('call during outage', async () => {
    const kamailio = await startKamailio({ secret });
    cleanups.push(() => kamailio.stop());
    const proxy = await startTcpFaultProxy(kamailio.ports.ws);
    cleanups.push(() => proxy.close());
    const server = await serverFor(proxy.url('ws'), kamailio.domain);
    const desk = await loggedInDesk(server, '1007');
    const caller = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user: '13900000007', secret });
    cleanups.push(caller.stop);
    const call = dial(caller, '1007');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));

    proxy.down();
    await vi.waitFor(() => expect(desk.latest().registration).not.toBe('registered'));
    await sleep(1000);
    proxy.up();
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
    console.log('after reconnect', desk.latest().state, desk.latest().call, desk.media.calls.map((c) => c.method));
    let byeStatus: number | undefined;
    await call.inviter.bye({ requestDelegate: { onAccept: (r) => (byeStatus = r.message.statusCode), onReject: (r) => (byeStatus = r.message.statusCode) } });
    await sleep(6000);
    console.log('after caller bye', byeStatus, call.inviter.state, desk.latest().state, desk.latest().call?.phase);
    await desk.runtime.desk.hangup({ callId });
    await sleep(2000);
    console.log('after agent hangup', desk.latest().state, desk.latest().call?.phase);
  });
});
