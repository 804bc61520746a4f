import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RegistrationState } from '../../../src/contract/desk';
import type { MediaEngine } from '../../../src/contract/media';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { startServer, type RunningServer } from '../../../server/app';
import { dial, labSessions, type NodeDesk } from '../../support/node-desk';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

/**
 * The PBX goes away and comes back while an agent is logged in: Kamailio crashes and is started
 * again on the same ports (registrations were in its memory, so the desk must REGISTER again by
 * itself); only the desk's WebSocket is cut for a second in the middle of a call; or the
 * connection drops while a REGISTER is unanswered.
 *
 * What SIP allows for a call across a WebSocket outage, and what the desk does: media is the
 * renderer's and never stops. Kamailio reaches the desk through an alias of the WebSocket
 * connection in the desk's Contact, which dies with the connection: without more, the agent's BYE
 * still works (it goes out on the new connection, the customer's alias is alive) but the
 * customer's BYE is refused by Kamailio (500) and the desk would show the call forever. So the
 * desk sends a target-refresh re-INVITE on every reconnect, which gets its Contact aliased to the
 * new connection; a 481 to it means the customer hung up during the outage.
 */
const secret = randomBytes(24).toString('base64url');
/** DOMAIN: registered again within 3 s of Kamailio being back. */
const REREGISTER_LIMIT_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** The central server provisioning `wsServer` (Kamailio, or a path to it) as the desks' PBX. */
function startCenter(wsServer: string, domain: string): Promise<RunningServer> {
  return startServer({ database: { kind: 'pglite' }, sip: { wsServer, domain, secret }, seedLabAgents: true });
}

/** Desks and customers on this Kamailio (read when used: it may be replaced) and server, stopped after each test. */
function sessionsOn(lab: { server: RunningServer; kamailio: RunningKamailio; secret: string }) {
  const sessions = labSessions(lab);
  cleanups.push(sessions.cleanup);
  return sessions;
}

type Sample = { at: number; state: RegistrationState };

/**
 * Samples the registration the desk shows (what the agent sees) every 2 ms, so a test can say
 * when it changed and that it never claimed 'registered' when it was not.
 */
function watchRegistration(desk: NodeDesk): { history: Sample[]; firstAfter(after: number, matches: (state: RegistrationState) => boolean): Sample } {
  const history: Sample[] = [{ at: performance.now(), state: desk.latest().registration }];
  const timer = setInterval(() => {
    const state = desk.latest().registration;
    if (state !== history.at(-1)!.state) history.push({ at: performance.now(), state });
  }, 2);
  cleanups.push(async () => clearInterval(timer));
  return {
    history,
    firstAfter: (after, matches) => history.find((sample) => sample.at >= after && matches(sample.state)) ?? expect.fail('no such change yet'),
  };
}

function summary(label: string, figures: number[]): string {
  const sorted = [...figures].sort((a, b) => a - b);
  const ms = (value: number) => value.toFixed(0);
  return `${label}: ${figures.map(ms).join(', ')} ms (min ${ms(sorted[0]!)}, median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, max ${ms(sorted.at(-1)!)})`;
}

describe('Kamailio crashes and is started again on the same ports', () => {
  const RESTARTS = 3;
  /** Long enough for the desk's reconnect backoff to climb to its cap (2 s) before Kamailio is back. */
  const OUTAGE_MS = 2_500;

  it('shows the registration lost at once, registers again within 3 s of Kamailio being back, and calls reach the agent', async () => {
    const kamailio = await startKamailio({ secret });
    const server = await startCenter(kamailio.wsUrl, kamailio.domain);
    const lab = { kamailio, server, secret };
    cleanups.push(() => lab.kamailio.stop(), () => server.close());
    const sessions = sessionsOn(lab);
    const desk = await sessions.loggedInDesk('1006');
    const watch = watchRegistration(desk);

    const lostMs: number[] = [];
    const backMs: number[] = [];
    const fromSpawnMs: number[] = [];
    for (let restart = 1; restart <= RESTARTS; restart++) {
      // A crash: SIGKILL to the whole process group, no goodbye on any connection.
      const crashedAt = performance.now();
      process.kill(-lab.kamailio.pid, 'SIGKILL');
      await lab.kamailio.stop();
      const lost = await vi.waitFor(() => watch.firstAfter(crashedAt, (state) => state !== 'registered'), { timeout: 5_000, interval: 2 });
      lostMs.push(lost.at - crashedAt);

      await sleep(OUTAGE_MS);
      const spawnedAt = performance.now();
      lab.kamailio = await startKamailio({ secret, ports: lab.kamailio.ports });
      // startKamailio resolves once its 20 ms probe gets a TCP connection: "accepting again".
      const acceptingAt = performance.now();
      // Truthful all along: nothing said 'registered' while there was no Kamailio to register with.
      expect(watch.history.filter((sample) => sample.at > crashedAt && sample.at < spawnedAt).map((sample) => sample.state)).not.toContain('registered');

      const registered = await vi.waitFor(() => watch.firstAfter(spawnedAt, (state) => state === 'registered'), { timeout: 10_000, interval: 2 });
      backMs.push(registered.at - acceptingAt);
      fromSpawnMs.push(registered.at - spawnedAt);
    }
    console.log(
      [
        `registration shown: ${watch.history.map((sample) => sample.state).join(' → ')}`,
        summary('shown not registered after the crash', lostMs),
        summary('registered again after Kamailio accepts connections', backMs),
        summary('registered again after Kamailio was spawned', fromSpawnMs),
      ].join('\n'),
    );
    for (const ms of lostMs) expect(ms).toBeLessThan(1_000);
    for (const ms of backMs) expect(ms).toBeLessThan(REREGISTER_LIMIT_MS);

    // Calls resume: the new Kamailio knows where the agent is.
    const call = dial(await sessions.customer('13900000006'), '1006');
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

  /** Desk logged in, customer's call answered; then the desk's WebSocket is cut for ~1 s. */
  async function callThroughOutage(
    agentId: string,
    number: string,
    steps: { beforeOutage?: (desk: NodeDesk, callId: string) => Promise<void>; duringOutage?: (call: ReturnType<typeof dial>) => Promise<void> } = {},
  ) {
    const sessions = sessionsOn({ kamailio, server, secret });
    const desk = await sessions.loggedInDesk(agentId);
    const from = await sessions.customer(number);
    const call = dial(from, agentId);
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));
    await steps.beforeOutage?.(desk, callId);

    deskPath.down();
    await vi.waitFor(() => expect(desk.latest().registration).not.toBe('registered'));
    // The agent is told the phone is not registered, and the call is still on the desk.
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking' });
    await steps.duringOutage?.(call);
    await sleep(1_000);
    deskPath.up();
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: REREGISTER_LIMIT_MS });
    return { desk, from, call, callId };
  }

  const mediaRequests = (desk: NodeDesk, callId: string, method: keyof MediaEngine) =>
    desk.media.calls.filter((request) => request.method === method && request.sessionId === callId).length;
  const mediaClosed = (desk: NodeDesk, callId: string) => mediaRequests(desk, callId, 'close') > 0;

  it('keeps the call and its media, and the agent can still hang up: the customer gets the BYE', async () => {
    const { desk, from, call, callId } = await callThroughOutage('1007', '13900000007');
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking' });
    expect(mediaClosed(desk, callId)).toBe(false);
    // The target refresh is done: the customer got its offer, the desk's media the answer (the
    // call's first offer was taken in while it rang, by prepareAnswer, so this is the first setDescription).
    await vi.waitFor(() => expect(from.mediaHandlers.at(-1)!.remoteDescriptions).toHaveLength(2));
    await vi.waitFor(() => expect(mediaRequests(desk, callId, 'setDescription')).toBe(1));

    await desk.runtime.desk.endWithoutSurvey({ callId, reason: '网络恢复后挂机' });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Terminated));
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    expect(mediaClosed(desk, callId)).toBe(true);
  });

  it('keeps a held call held, and the customer hanging up after the reconnect reaches the desk', async () => {
    const { desk, from, call, callId } = await callThroughOutage('1008', '13900000008', {
      beforeOutage: async (desk, callId) => {
        await desk.runtime.desk.hold({ callId, held: true });
        // On hold for a moment: cut right after the 200 OK, the desk's ACK would be lost with the
        // connection and the customer would refuse every re-INVITE (500) until it gives up on it.
        await sleep(300);
      },
    });
    // The target refresh over the new connection re-aliased the desk and kept the hold (a=inactive).
    const customerMedia = from.mediaHandlers.at(-1)!;
    await vi.waitFor(() => expect(customerMedia.remoteDescriptions).toHaveLength(3));
    // The hold's answer and the refresh's (the first offer was taken in while it rang).
    await vi.waitFor(() => expect(mediaRequests(desk, callId, 'setDescription')).toBe(2));
    expect(customerMedia.remoteDescriptions.at(-1)).toMatch(/a=inactive/);
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking', held: true });

    expect(await byeFrom(call)).toBe(200);
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    expect(mediaClosed(desk, callId)).toBe(true);
  });

  it('learns after the reconnect that the customer hung up during the outage', async () => {
    const { desk, callId } = await callThroughOutage('1009', '13900000009', {
      // Kamailio has no connection to the desk to relay this BYE on.
      duringOutage: async (call) => expect(await byeFrom(call)).toBeGreaterThanOrEqual(400),
    });
    // The desk's target refresh is answered 481 (no such call), so the desk ends the call too.
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'), { timeout: 5_000 });
    expect(mediaClosed(desk, callId)).toBe(true);
  });
});

describe('the connection drops while a REGISTER is unanswered', () => {
  it('registers again at once on the next connection instead of waiting for the lost answer', async () => {
    const { path, sessions } = await centerBehindMeddlingProxy();
    const desk = await sessions.loggedInDesk('1010');

    // The reconnect's REGISTER reaches Kamailio, but its 200 OK is lost with the connection.
    path.swallowNextRegisterOk();
    path.cut();
    await vi.waitFor(() => expect(path.swallowed()).toBe(true), { timeout: 5_000 });
    const swallowedAt = performance.now();
    // SIP.js alone would refuse a new REGISTER until the lost one times out (32 s), then never retry.
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: REREGISTER_LIMIT_MS, interval: 5 });
    console.log(`registered again ${(performance.now() - swallowedAt).toFixed(0)} ms after a REGISTER's answer was lost`);

    dial(await sessions.customer('13900000010'), '1010');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
  });
});

describe('the ACK of an answered call is late', () => {
  it('a hold pressed before it arrives waits for it, and the call survives', async () => {
    const { path, sessions } = await centerBehindMeddlingProxy();
    const desk = await sessions.loggedInDesk('1005');
    const from = await sessions.customer('13900000011');
    const call = dial(from, '1005');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;

    // Sent at once, but Kamailio's copy of it reaches the desk 800 ms later.
    path.delayNextAck(800);
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('talking'));
    const pressedAt = performance.now();
    await desk.runtime.desk.hold({ callId, held: true });
    // A re-INVITE out while that ACK is under way made SIP.js read the ACK as "no answer" and hang up.
    expect(performance.now() - pressedAt).toBeGreaterThan(400);
    expect(from.mediaHandlers.at(-1)!.remoteDescriptions.at(-1)).toMatch(/a=inactive/);
    await sleep(500);
    expect(call.inviter.state).toBe(SessionState.Established);
    expect(desk.latest().call).toMatchObject({ id: callId, phase: 'talking', held: true });
  });
});

describe('the ACK of a hold is lost with the connection', () => {
  it('goes again over the new connection, so the customer takes the target refresh and can still hang up', async () => {
    const { path, sessions } = await centerBehindMeddlingProxy();
    const desk = await sessions.loggedInDesk('1006');
    const { from, call, callId } = await sessions.connectedCall(desk, '1006', '13900000012');
    // Let the first ACK through before meddling (a re-INVITE waits for it anyway).
    await sleep(300);
    const customerMedia = from.mediaHandlers.at(-1)!;

    path.cutAfterNextReinviteOk();
    await desk.runtime.desk.hold({ callId, held: true });
    expect(customerMedia.remoteDescriptions.at(-1)).toMatch(/a=inactive/);
    const offersBefore = customerMedia.remoteDescriptions.length;
    expect(path.cutAfterDone()).toBe(true);
    // The new connection is accepted at once, so the desk is registered again within moments.
    await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: REREGISTER_LIMIT_MS });

    // Still waiting for the lost ACK, the customer would refuse the target refresh (500) until it hung up.
    await vi.waitFor(() => expect(customerMedia.remoteDescriptions.length).toBe(offersBefore + 1), { timeout: 5_000 });
    expect(customerMedia.remoteDescriptions.at(-1)).toMatch(/a=inactive/);
    expect(await byeFrom(call)).toBe(200);
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
  });
});

/** A Kamailio, a meddling proxy the desks reach it through, and a server provisioning that path. */
async function centerBehindMeddlingProxy() {
  const kamailio = await startKamailio({ secret });
  cleanups.push(() => kamailio.stop());
  const path = await startMeddlingProxy(kamailio.ports.ws);
  cleanups.push(() => path.close());
  const server = await startCenter(path.url, kamailio.domain);
  cleanups.push(() => server.close());
  return { path, sessions: sessionsOn({ kamailio, server, secret }) };
}

/** The customer hangs up; resolves with the final status of the BYE. */
function byeFrom(call: ReturnType<typeof dial>): Promise<number> {
  return new Promise((resolve, reject) => {
    call.inviter
      .bye({
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject);
  });
}

/**
 * A TCP forwarder to Kamailio's WebSocket port that can meddle with what Kamailio sends the desk:
 * drop the connection just as a matching message arrives, without passing it on, or hold a
 * matching message (and everything after it, keeping the order) back for a while. Server-to-client
 * WebSocket frames are not masked, so the SIP text can be read in the stream.
 */
async function startMeddlingProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let swallow: RegExp | null = null;
  let swallowed = false;
  let holdBack: { matches: RegExp; ms: number } | null = null;
  let heldUntil = 0;
  let cutAfter: RegExp | null = null;
  let cutDone = false;
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        drop();
      });
      socket.on('error', drop);
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (swallow?.test(text)) {
        swallow = null;
        swallowed = true;
        drop();
        return;
      }
      if (cutAfter?.test(text)) {
        // Delivered, then the connection is gone: whatever the desk answers (its ACK) is lost.
        cutAfter = null;
        cutDone = true;
        upstream.destroy();
        client.end(chunk);
        return;
      }
      if (holdBack?.matches.test(text)) {
        heldUntil = Date.now() + holdBack.ms;
        holdBack = null;
      }
      const wait = heldUntil - Date.now();
      if (wait > 0) setTimeout(() => client.write(chunk), wait);
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    /** The next REGISTER's 200 OK is lost with the connection. */
    swallowNextRegisterOk: () => void (swallow = /SIP\/2\.0 200 [\s\S]*^CSeq: \d+ REGISTER/im),
    swallowed: () => swallowed,
    /** The next ACK Kamailio relays to the desk arrives `ms` late. */
    delayNextAck: (ms: number) => void (holdBack = { matches: /ACK sip:\S+ SIP\/2\.0\r\n/, ms }),
    /** The next 200 OK to an INVITE from the desk (a re-INVITE) is delivered, then the connection cut. */
    cutAfterNextReinviteOk: () => void (cutAfter = /SIP\/2\.0 200 [\s\S]*^CSeq: \d+ INVITE/im),
    cutAfterDone: () => cutDone,
    /** Drops every open connection; new ones are accepted. */
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
