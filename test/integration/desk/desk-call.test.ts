import { SessionState, type Inviter } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLab, type Lab } from '../../../lab';
import { createNodeUserAgent, type NodeUserAgent } from '../../support/sip-node';
import { dial, startNodeDesk, type NodeDesk } from '../../support/node-desk';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';
import { boardTicketsOnServer, handoversOnServer, promisesOnServer, wrapUpsOnServer } from '../../support/desk-fixture';

/**
 * The desk's main process (store, sync pump, softphone, desk) against the real lab: Kamailio and
 * the central server. The renderer's WebRTC is the one part Node cannot run: a static-SDP media
 * engine answers main's media requests over a real RpcPeer instead.
 */
let lab: Lab;
let serverProxy: TcpFaultProxy;

beforeAll(async () => {
  lab = await startLab({ callerPage: false });
  serverProxy = await startTcpFaultProxy(lab.server.port);
});

afterAll(async () => {
  await serverProxy?.close();
  await lab?.stop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startDesk(): Promise<NodeDesk> {
  const desk = await startNodeDesk(serverProxy.url('http'));
  cleanups.push(desk.stop);
  return desk;
}

async function caller(number: string): Promise<NodeUserAgent> {
  const agent = await createNodeUserAgent({
    wsUrl: lab.kamailio.wsUrl,
    domain: lab.kamailio.domain,
    user: number,
    secret: lab.secret,
    displayName: '<b>张三</b>',
  });
  cleanups.push(agent.stop);
  return agent;
}

function call(from: NodeUserAgent, target: string): Inviter {
  return dial(from, target).inviter;
}

describe('desk main process on the lab', () => {
  it('logs in, rings, answers, records the call and syncs its wrap-up exactly once', async () => {
    const desk = await startDesk();
    await desk.runtime.desk.login({ agentId: '1001', password: 'pw1001' });
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
    expect(desk.latest()).toMatchObject({ state: 'ready', agent: { agentId: '1001' } });

    const customer = await caller('13812345678');
    const inviter = call(customer, '1001');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const offered = desk.latest().call!;
    expect(offered).toMatchObject({ remoteNumber: '13812345678', remoteDisplayName: '<b>张三</b>', ring: 1, maxRings: 3 });

    await desk.runtime.desk.answer({ callId: offered.id });
    await vi.waitFor(() => expect(inviter.state).toBe(SessionState.Established));
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('talking'));
    expect(desk.latest().call?.ringsAtAnswer).toBe(1);
    // The offer was taken in while it rang; answering asked the renderer for the answer.
    expect(desk.media.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['prepareAnswer', 'getDescription']));

    await inviter.bye();
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    expect(desk.media.isClosed(offered.id)).toBe(true);

    await desk.runtime.desk.saveWrapUp({
      callId: offered.id,
      disposition: 'inquiry',
      summary: '咨询宽带资费',
      customerName: '张三',
      customerContact: '13812345678',
      resolved: true,
      promisedReplyAt: null,
    });
    await vi.waitFor(() => expect(desk.latest().state).toBe('ready'));
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const onServer = await wrapUpsOnServer(lab.server.url, '1001');
    expect(onServer.filter((w) => w.callId === offered.id)).toHaveLength(1);
    expect(desk.latest().recentCalls[0]).toMatchObject({ callId: offered.id, wrapUp: 'synced', ringsAtAnswer: 1 });
  });

  it('declines a second offer with 486 while the agent is talking', async () => {
    const desk = await startDesk();
    await desk.runtime.desk.login({ agentId: '1002', password: 'pw1002' });
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
    const first = call(await caller('13900000001'), '1002');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    await desk.runtime.desk.answer({ callId: desk.latest().call!.id });
    await vi.waitFor(() => expect(first.state).toBe(SessionState.Established));

    const second = dial(await caller('13900000002'), '1002');
    await vi.waitFor(() => expect(second.finalStatus()).toBe(486));
    expect(desk.latest().call?.phase).toBe('talking');
    await first.bye();
  });

  it('keeps a wrap-up, the promise it makes, a ticket and a handover of both saved while the server is unreachable, and delivers them once when it returns', async () => {
    const desk = await startDesk();
    await desk.runtime.desk.login({ agentId: '1003', password: 'pw1003' });
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
    const inviter = call(await caller('13900000003'), '1003');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(inviter.state).toBe(SessionState.Established));
    await inviter.bye();
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });

    serverProxy.down();
    try {
      const saved = await desk.runtime.desk.saveWrapUp({
        callId,
        disposition: 'complaint',
        summary: '投诉网络故障'.repeat(10),
        customerName: '李四',
        customerContact: '010 1234 5678',
        resolved: false,
        promisedReplyAt: Date.now() + 3_600_000,
      });
      expect(saved.pendingSync).toBeGreaterThan(0);
      await vi.waitFor(() => expect(desk.latest().serverReachable).toBe(false), { timeout: 10_000 });
      expect(desk.latest().recentCalls[0]).toMatchObject({ callId, wrapUp: 'pending' });
      expect(await wrapUpsOnServer(lab.server.url, '1003')).toHaveLength(0);
      // The unresolved wrap-up is a promise; with a ticket about the call, both handed to a colleague, all offline.
      await vi.waitFor(() => expect(desk.latest().promises).toMatchObject([{ callId, status: 'open', pendingSync: true }]));
      const [promise] = desk.latest().promises;
      const { ticketId } = await desk.runtime.desk.raiseTicket({ callId, severity: 'urgent', content: '投诉网络故障，需二线排查', customerName: '李四', customerContact: '010 1234 5678', promisedReplyAt: null });
      const { handoverId } = await desk.runtime.desk.handOver({
        to: { kind: 'agent', agentId: '1004' },
        note: '下班交接',
        items: [
          { kind: 'promise', id: promise!.id, note: '客户晚上在家' },
          { kind: 'ticket', id: ticketId, note: '等二线回复' },
        ],
      });
      await vi.waitFor(() => expect(desk.latest().handovers.outgoing).toMatchObject([{ id: handoverId, status: 'pending' }]));
    } finally {
      serverProxy.up();
    }
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 40_000 });
    expect(desk.latest().serverReachable).toBe(true);
    const onServer = await wrapUpsOnServer(lab.server.url, '1003');
    expect(onServer.filter((w) => w.callId === callId)).toHaveLength(1);
    const promises = await promisesOnServer(lab.server.url, '1003');
    expect(promises).toHaveLength(1);
    const [promise] = promises;
    expect(promise).toMatchObject({ callId, owner: { agentId: '1003' }, status: 'open', summary: '投诉网络故障'.repeat(10) });
    const handovers = await handoversOnServer(lab.server.url, '1003');
    expect(handovers).toHaveLength(1);
    const [handover] = handovers;
    expect(handover).toMatchObject({ status: 'pending', to: { kind: 'agent', agent: { agentId: '1004' } }, note: '下班交接' });
    expect(handover?.items.map((item) => [item.kind, item.open])).toEqual([
      ['promise', true],
      ['ticket', true],
    ]);
    expect(promise?.pendingHandoverId).toBe(handover?.id);
    expect((await boardTicketsOnServer(lab.server.url)).filter((ticket) => ticket.agentId === '1003')).toHaveLength(1);
    // Delivered once: the desk's outgoing handover is on the server now.
    await vi.waitFor(() => expect(desk.latest().handovers.outgoing).toMatchObject([{ status: 'sent' }]), { timeout: 10_000 });
  });
});
