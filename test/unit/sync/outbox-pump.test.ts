import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { CentralClient } from '../../../main/sync/central-client';
import { OutboxPump, type OutboxPumpOptions, type OutboxPumpState } from '../../../main/sync/outbox-pump';
import type { SyncRecord } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { AGENT, aCall, aWrapUp, OTHER_AGENT, T0 } from '../store/fixtures';
import { useTempDatabasePath } from '../store/temp-dir';
import { startCentralStub, STUB_TOKEN, type CentralStub } from './central-stub';

const tempPath = useTempDatabasePath();

interface Rig {
  stub: CentralStub;
  store: DeskStore;
  clock: ManualClock;
  pump: OutboxPump;
  changes: OutboxPumpState[];
  session: { token: string | null };
}

let rig: Rig | undefined;
afterEach(async () => {
  if (!rig) return;
  await rig.pump.stop();
  rig.store.close();
  await rig.stub.stop();
  rig = undefined;
});

async function setUp(options: Partial<OutboxPumpOptions> = {}): Promise<Rig> {
  const stub = await startCentralStub();
  const store = openDeskStore(tempPath());
  const clock = new ManualClock(T0);
  const changes: OutboxPumpState[] = [];
  const session = { token: STUB_TOKEN as string | null };
  const pump = new OutboxPump({
    outbox: store.outbox,
    client: new CentralClient({ baseUrl: stub.url, timeoutMs: 2_000 }),
    clock,
    getToken: () => session.token,
    getAgentId: () => AGENT,
    onChange: (state) => changes.push(state),
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    random: () => 1, // the top of each jitter window, so the delays are exact
    ...options,
  });
  rig = { stub, store, clock, pump, changes, session };
  return rig;
}

function stateChange(agentId = AGENT): SyncRecord {
  return { id: uuidv7(), agentId, kind: 'stateChange', occurredAt: T0, payload: { from: 'ready', to: 'busy', busyReason: 'break', call: null } };
}

function enqueue(store: DeskStore, count: number, agentId = AGENT): string[] {
  return Array.from({ length: count }, () => {
    const record = stateChange(agentId);
    store.outbox.enqueue(record, T0);
    return record.id;
  });
}

/** Lets the real HTTP exchange run until the pump settles on `predicate`. */
function settled(predicate: () => boolean): Promise<void> {
  return vi.waitFor(() => expect(predicate()).toBe(true), { timeout: 5_000, interval: 5 });
}

function timesReceived(stub: CentralStub, id: string): number {
  return stub.received.filter((record) => record.id === id).length;
}

describe('OutboxPump', () => {
  it('sends a saved call and wrap-up and marks them acknowledged', async () => {
    const { store, stub, pump, clock, changes } = await setUp();
    const call = aCall();
    const { recordId: callRecord } = store.calls.recordFinished(AGENT, call, T0);
    const { recordId: wrapUpRecord } = store.wrapUps.save(AGENT, aWrapUp(call.callId), T0);
    clock.advance(5);

    pump.start();
    await settled(() => pump.state.pendingCount === 0 && pump.state.serverReachable === true);

    expect([...stub.stored.keys()]).toEqual([callRecord, wrapUpRecord]);
    expect(store.outbox.get(wrapUpRecord)?.ackedAt).toBe(T0 + 5);
    expect(store.calls.recentCalls(AGENT, 1)[0]?.wrapUp).toBe('synced');
    expect(changes.at(-1)).toEqual({ pendingCount: 0, serverReachable: true, lastError: null, needsLogin: false, sessionEnded: null, retryAt: null });
  });

  it("sends in order, in batches, one request at a time, and only the agent's own records", async () => {
    const { store, stub, pump } = await setUp({ batchSize: 3 });
    const mine = enqueue(store, 7);
    enqueue(store, 2, OTHER_AGENT);

    pump.start();
    await settled(() => pump.state.pendingCount === 0);

    expect(stub.requests.map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([3, 3, 1]);
    expect(stub.received.map((r) => r.id)).toEqual(mine);
    expect(stub.maxConcurrent).toBe(1);
    expect(store.outbox.pendingCount(OTHER_AGENT)).toBe(2);
  });

  it('cuts a batch before it passes the byte budget', async () => {
    const { store, stub, pump } = await setUp({ batchBytes: 2_000 });
    enqueue(store, 450);
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    // A state change is about 190 bytes of JSON: ten fit in 2,000 bytes.
    expect(stub.requests.map((r) => (r.body as { records: unknown[] }).records.length).slice(0, 2)).toEqual([10, 10]);
    expect(stub.received).toHaveLength(450);
  });

  it('sends up to the protocol’s 200 records a request by default', async () => {
    const { store, stub, pump } = await setUp();
    enqueue(store, 450);
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    expect(stub.requests.map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([200, 200, 50]);
  });

  it('sends a record larger than the byte budget by itself', async () => {
    const { store, stub, pump } = await setUp({ batchBytes: 1_000 });
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    store.wrapUps.save(AGENT, { ...aWrapUp(call.callId), summary: '长'.repeat(2_000) }, T0);
    enqueue(store, 2);
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    expect(stub.requests.map((r) => (r.body as { records: Array<{ kind: string }> }).records.map((record) => record.kind))).toEqual([['call'], ['wrapUp'], ['stateChange', 'stateChange']]);
  });

  it('sends what is enqueued later when kicked', async () => {
    const { store, stub, pump } = await setUp();
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    expect(stub.requests).toHaveLength(0);

    const [id] = enqueue(store, 1);
    pump.kick();
    await settled(() => stub.stored.has(id!) && pump.state.pendingCount === 0);
  });

  it('keeps records while the server is down, backs off exponentially, and sends them exactly once when it is back', async () => {
    const { store, stub, pump, clock } = await setUp({ maxDelayMs: 5_000 });
    const ids = enqueue(store, 3);
    await stub.stop();

    pump.start();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await settled(() => pump.state.retryAt !== null && pump.state.retryAt > clock.now());
      delays.push(pump.state.retryAt! - clock.now());
      expect(pump.state).toMatchObject({ serverReachable: false, lastError: 'unreachable', pendingCount: 3 });
      expect(store.outbox.get(ids[0]!)).toMatchObject({ attempts: attempt, ackedAt: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
      if (attempt === 5) break;
      pump.kick(); // enqueueing more does not cut a backoff short
      expect(pump.state.retryAt! - clock.now()).toBe(delays.at(-1));
      clock.advance(delays.at(-1)!);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);

    await stub.restart();
    clock.advance(4_999);
    expect(stub.requests).toHaveLength(0); // not due yet: no attempt was started
    clock.advance(1);
    await settled(() => pump.state.pendingCount === 0);

    expect(ids.map((id) => timesReceived(stub, id))).toEqual([1, 1, 1]);
    expect(pump.state).toMatchObject({ serverReachable: true, lastError: null, retryAt: null });
    // Back to the first step after a success.
    enqueue(store, 1);
    await stub.stop();
    pump.kick();
    await settled(() => pump.state.retryAt !== null);
    expect(pump.state.retryAt! - clock.now()).toBe(1_000);
  });

  it('spreads retries with full jitter', async () => {
    const { store, stub, pump, clock } = await setUp({ random: () => 0.25 });
    enqueue(store, 1);
    await stub.stop();
    pump.start();
    await settled(() => pump.state.retryAt !== null);
    expect(pump.state.retryAt! - clock.now()).toBe(250);
  });

  it('marks nothing on a malformed reply and retries; the server stores the record once', async () => {
    const { store, stub, pump, clock } = await setUp();
    const [id] = enqueue(store, 1);
    // The server stores the batch but the reply is garbled (as a broken proxy might do).
    stub.intercept = (_, proceed) => {
      proceed();
      return { status: 200, body: { acknowledged: 'nope' } };
    };

    pump.start();
    await settled(() => pump.state.lastError === 'invalid-reply');
    expect(store.outbox.get(id!)).toMatchObject({ ackedAt: null, attempts: 1 });
    expect(pump.state).toMatchObject({ pendingCount: 1, serverReachable: false, retryAt: clock.now() + 1_000 });

    stub.intercept = null;
    clock.advance(1_000);
    await settled(() => pump.state.pendingCount === 0);
    expect(timesReceived(stub, id!)).toBe(2);
    expect(stub.stored.size).toBe(1);
  });

  it('retries a server error with backoff', async () => {
    const { store, stub, pump, clock } = await setUp();
    enqueue(store, 1);
    stub.intercept = () => ({ status: 503, body: { error: { code: 'unavailable', message: 'restarting' } } });
    pump.start();
    await settled(() => pump.state.lastError === 'server-error');
    stub.intercept = null;
    clock.advance(1_000);
    await settled(() => pump.state.pendingCount === 0);
    expect(stub.requests).toHaveLength(2);
  });

  it('takes the same batch acknowledged twice without harm', async () => {
    const { store, stub, pump } = await setUp();
    const ids = enqueue(store, 2);
    stub.intercept = (_, proceed) => {
      const reply = proceed() as { status: number; body: { acknowledged: string[]; serverTime: number } };
      return { ...reply, body: { ...reply.body, acknowledged: [...reply.body.acknowledged, ...reply.body.acknowledged] } };
    };
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    store.outbox.markAcked(ids, T0 + 999_999); // and again, later
    expect(ids.map((id) => store.outbox.get(id)?.ackedAt)).toEqual([T0, T0]);
    expect(stub.requests).toHaveLength(1);
  });

  it('keeps the records a partial acknowledgement left out and retries them later', async () => {
    const { store, stub, pump, clock } = await setUp();
    const ids = enqueue(store, 3);
    stub.intercept = (_, proceed) => {
      const reply = proceed() as { status: number; body: { acknowledged: string[]; serverTime: number } };
      return { ...reply, body: { ...reply.body, acknowledged: reply.body.acknowledged.slice(0, 1) } };
    };
    pump.start();
    await settled(() => pump.state.lastError === 'invalid-reply');
    expect(store.outbox.pendingCount(AGENT)).toBe(2);
    expect(stub.requests).toHaveLength(1);

    stub.intercept = null;
    clock.advance(1_000);
    await settled(() => pump.state.pendingCount === 0);
    expect((stub.requests[1]!.body as { records: SyncRecord[] }).records.map((r) => r.id)).toEqual(ids.slice(1));
  });

  it('keeps refused records pending with the error, and does not retry them in a hot loop', async () => {
    const { store, stub, pump, clock } = await setUp({ maxDelayMs: 60_000 });
    const [id] = enqueue(store, 1);
    stub.intercept = () => ({ status: 403, body: { error: { code: 'forbidden', message: "another agent's records" } } });

    pump.start();
    await settled(() => pump.state.lastError === 'forbidden');
    expect(pump.state).toMatchObject({ pendingCount: 1, serverReachable: true, retryAt: clock.now() + 60_000 });
    expect(store.outbox.get(id!)).toMatchObject({ ackedAt: null, lastError: expect.stringMatching(/^forbidden: .*another agent's records/) });

    enqueue(store, 1);
    pump.kick();
    clock.advance(59_999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stub.requests).toHaveLength(1);

    stub.intercept = null;
    clock.advance(1);
    await settled(() => pump.state.pendingCount === 0);
    expect(stub.requests).toHaveLength(2);
  });

  it('stops and asks for a login when the session has ended, says how it ended, and resumes after a new login', async () => {
    const { store, stub, pump, clock, changes, session } = await setUp();
    const [id] = enqueue(store, 1);
    const ended = { reason: 'replaced', endedAt: 1_700_000_000_000, byDeviceId: 'desk-in-room-2', byAgentId: null } as const;
    stub.intercept = () => ({ status: 401, body: { error: { code: 'session-ended', message: 'logged in on another desk', session: ended } } });

    pump.start();
    await settled(() => pump.state.needsLogin);
    expect(changes.at(-1)).toMatchObject({ needsLogin: true, sessionEnded: ended, lastError: 'session-ended', pendingCount: 1 });
    expect(clock.pendingTimers).toBe(0);
    expect(store.outbox.get(id!)).toMatchObject({ ackedAt: null, attempts: 0 });

    pump.kick(); // stopped: enqueueing does not send
    clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stub.requests).toHaveLength(1);

    stub.intercept = null;
    session.token = STUB_TOKEN;
    pump.start();
    await settled(() => pump.state.pendingCount === 0);
    expect(pump.state).toMatchObject({ needsLogin: false, sessionEnded: null });
  });

  it('sends nothing while nobody is logged in', async () => {
    const { store, stub, pump, session } = await setUp();
    session.token = null;
    enqueue(store, 1);
    pump.start();
    pump.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stub.requests).toHaveLength(0);
  });

  it('lets a request in flight finish and keeps its acknowledgement when stopped', async () => {
    const { store, stub, clock } = await setUp();
    const [id] = enqueue(store, 1);
    const client = new CentralClient({ baseUrl: stub.url });
    let release: () => void = () => {};
    const replyHeld = new Promise<void>((resolve) => (release = resolve));
    // Holds the server's reply until the pump has been told to stop.
    const slowPump = new OutboxPump({
      outbox: store.outbox,
      client: { sync: async (token, batch) => ((await replyHeld), client.sync(token, batch)) },
      clock,
      getToken: () => STUB_TOKEN,
      getAgentId: () => AGENT,
    });
    slowPump.start();
    let stopDone = false;
    const stopped = slowPump.stop().then(() => (stopDone = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopDone).toBe(false);
    release();
    await stopped;
    expect(store.outbox.get(id!)?.ackedAt).toBe(T0);
    expect(stub.requests).toHaveLength(1);
  });

  it('waits for a retry time stored by an earlier run before sending', async () => {
    const { store, stub, pump, clock } = await setUp();
    const [id] = enqueue(store, 1);
    store.outbox.markFailed([id!], 'unreachable: earlier run', T0 + 30_000);

    pump.start();
    await settled(() => pump.state.retryAt === T0 + 30_000);
    expect(stub.requests).toHaveLength(0);
    clock.advance(30_000);
    await settled(() => pump.state.pendingCount === 0);
  });
});
