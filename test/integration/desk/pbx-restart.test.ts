import { randomBytes } from 'node:crypto';
import { SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegistrationState } from '../../../src/contract/desk';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { startServer, type RunningServer } from '../../../server/app';
import { dial, startNodeDesk, type NodeDesk } from '../../support/node-desk';
import { createNodeUserAgent, type NodeUserAgent } from '../../support/sip-node';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

/**
 * The PBX goes away and comes back while an agent is logged in: Kamailio crashes and is started
 * again on the same ports (its registrations were in memory, so the desk must REGISTER again by
 * itself), or only the desk's WebSocket is cut for a moment in the middle of a call.
 */
const secret = randomBytes(24).toString('base64url');
/** DOMAIN: registered again within 3 s of Kamailio being back. */
const REREGISTER_LIMIT_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function startCenter(wsServer: string, domain: string): Promise<RunningServer> {
  return startServer({ database: { kind: 'pglite' }, sip: { wsServer, domain, secret }, seedLabAgents: true });
}

async function loggedInDesk(server: RunningServer, agentId: string): Promise<NodeDesk> {
  const desk = await startNodeDesk(server.url);
  cleanups.push(desk.stop);
  await desk.runtime.desk.login({ agentId, password: `pw${agentId}` });
  await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
  return desk;
}

async function customer(kamailio: RunningKamailio, number: string): Promise<NodeUserAgent> {
  const agent = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user: number, secret });
  cleanups.push(agent.stop);
  return agent;
}

/**
 * Samples the registration the desk shows (what the agent sees) every few milliseconds, so a test
 * can say when it changed and that it never claimed 'registered' when it was not.
 */
function watchRegistration(desk: NodeDesk): { history: Array<{ at: number; state: RegistrationState }>; stop(): void } {
  const history = [{ at: performance.now(), state: desk.latest().registration }];
  const timer = setInterval(() => {
    const state = desk.latest().registration;
    if (state !== history.at(-1)!.state) history.push({ at: performance.now(), state });
  }, 2);
  return { history, stop: () => clearInterval(timer) };
}

function firstChange(history: Array<{ at: number; state: RegistrationState }>, after: number, matches: (state: RegistrationState) => boolean) {
  return history.find((entry) => entry.at >= after && matches(entry.state));
}

function summary(label: string, figures: number[]): string {
  const sorted = [...figures].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${label}: ${figures.map((ms) => ms.toFixed(0)).join(', ')} ms (min ${sorted[0]!.toFixed(0)}, median ${median.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)})`;
}

describe('Kamailio crashes and is started again on the same ports', () => {
  const RESTARTS = 3;
  /** Long enough for the desk's backoff to climb to its cap before Kamailio is back. */
  const OUTAGE_MS = 2_500;

  it('shows the registration lost at once, registers again within 3 s of Kamailio being back, and calls reach the agent', async () => {
    let kamailio = await startKamailio({ secret });
    cleanups.push(() => kamailio.stop());
    const server = await startCenter(kamailio.wsUrl, kamailio.domain);
    cleanups.push(() => server.close());
    const desk = await loggedInDesk(server, '1006');
    const watch = watchRegistration(desk);
    cleanups.push(async () => watch.stop());

    const lossMs: number[] = [];
    const backMs: number[] = [];
    const fromSpawnMs: number[] = [];
    for (let restart = 1; restart <= RESTARTS; restart++) {
      // A crash: SIGKILL to the whole process group, no goodbye on any connection.
      const crashedAt = performance.now();
      process.kill(-kamailio.pid, 'SIGKILL');
      await kamailio.stop();
      const lost = await vi.waitFor(() => firstChange(watch.history, crashedAt, (state) => state !== 'registered') ?? expect.fail('still registered'), {
        timeout: 5_000,
        interval: 2,
      });
      lossMs.push(lost.at - crashedAt);

      await sleep(OUTAGE_MS);
      const spawnedAt = performance.now();
      kamailio = await startKamailio({ secret, ports: kamailio.ports });
      // startKamailio resolves once its 20 ms probe gets a TCP connection: "accepting again".
      const acceptingAt = performance.now();
      // Truthful all along: nothing said 'registered' while there was no Kamailio to register with.
      expect(watch.history.filter((entry) => entry.at > crashedAt && entry.at < spawnedAt).map((entry) => entry.state)).not.toContain('registered');

      const { at: registeredAt } = await vi.waitFor(
        () => firstChange(watch.history, spawnedAt, (state) => state === 'registered') ?? expect.fail('not registered yet'),
        { timeout: 10_000, interval: 2 },
      );
      backMs.push(registeredAt - acceptingAt);
      fromSpawnMs.push(registeredAt - spawnedAt);
    }
    console.log(
      [
        `registration shown: ${watch.history.map((entry) => entry.state).join(' → ')}`,
        summary('registration shown lost after the crash', lossMs),
        summary('registered again after Kamailio accepts connections', backMs),
        summary('registered again after Kamailio was spawned', fromSpawnMs),
      ].join('\n'),
    );
    for (const ms of lossMs) expect(ms).toBeLessThan(1_000);
    for (const ms of backMs) expect(ms).toBeLessThan(REREGISTER_LIMIT_MS);

    // Calls resume: the new Kamailio knows where the agent is.
    const from = await customer(kamailio, '13900000006');
    const call = dial(from, '1006');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    await desk.runtime.desk.answer({ callId: desk.latest().call!.id });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));
    await call.inviter.bye();
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
  });
});

describe('a call in progress while the desk WebSocket drops for a second', () => {
  let kamailio: RunningKamailio;
  let deskPath: TcpFaultProxy;
  let server: RunningServer;

  beforeAll(async () => {
    kamailio = await startKamailio({ secret });
    // Only the desk goes through the proxy; the customer talks to Kamailio directly.
    deskPath = await startTcpFaultProxy(kamailio.ports.ws);
    server = await startCenter(deskPath.url('ws'), kamailio.domain);
  });
  afterAll(async () => {
    await server?.close();
    await deskPath?.close();
    await kamailio?.stop();
  });

  /** Desk logged in, customer call answered; then the desk's WebSocket is cut for ~1 s. */
  async function callThroughOutage(agentId: string, number: string, duringOutage?: (call: ReturnType<typeof dial>) => Promise<void>) {
    const desk = await loggedInDesk(server, agentId);
    const from = await customer(kamailio, number);
    const call = dial(from, agentId);
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));

    deskPath.down();
    await vi.waitFor(() => expect(desk.latest().registration).not.toBe('registered'));
    // The agent is told the phone is not registered, and the call is still on the desk.
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking' });
    await duringOutage?.(call);
    await sleep(1_000);
    deskPath.up();
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 5_000 });
    return { desk, from, call, callId };
  }

  const mediaClosed = (desk: NodeDesk, callId: string) => desk.media.calls.some((c) => c.method === 'close' && c.sessionId === callId);

  it('keeps the call and its media, and the agent can still hang up: the customer gets the BYE', async () => {
    const { desk, call, callId } = await callThroughOutage('1007', '13900000007');
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking' });
    expect(mediaClosed(desk, callId)).toBe(false);

    await desk.runtime.desk.endWithoutSurvey({ callId, reason: '网络恢复后挂机' });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Terminated));
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    expect(mediaClosed(desk, callId)).toBe(true);
  });

  it('the customer hanging up after the reconnect reaches the desk', async () => {
    const { desk, call, callId } = await callThroughOutage('1008', '13900000008');
    let byeStatus: number | undefined;
    await call.inviter.bye({ requestDelegate: { onAccept: (r) => void (byeStatus = r.message.statusCode), onReject: (r) => void (byeStatus = r.message.statusCode) } });
    await vi.waitFor(() => expect(byeStatus).toBeDefined(), { timeout: 10_000 });
    console.log('customer BYE after reconnect answered', byeStatus);
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'), { timeout: 5_000 });
    expect(mediaClosed(desk, callId)).toBe(true);
  });
});
