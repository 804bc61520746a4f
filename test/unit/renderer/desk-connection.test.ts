import { afterEach, describe, expect, it } from 'vitest';
import { DESK_EVENTS, DESK_SERVICE, MEDIA_SERVICE, type DeskApi, type MediaEngine } from '../../../src/contract';
import { ManualClock } from '../../../src/domain/clock';
import { createMemoryTransportPair, RpcClosedError, RpcPeer } from '../../../src/rpc';
import type { Carrier } from '../../../renderer/bridge/carrier';
import { DeskConnection } from '../../../renderer/bridge/desk-connection';
import { createDeskStore } from '../../../renderer/state/desk-store';
import { snapshotAt } from './desk-snapshot-fixture';

/** Lets queued microtasks and zero-delay macrotasks (the memory transport, RPC replies) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Plays the main process: serves the desk API on each connection the renderer opens. */
class FakeMain {
  readonly peers: RpcPeer[] = [];
  readonly closers: Array<() => void> = [];
  refuseConnections = false;
  snapshot = snapshotAt(1_000, { state: 'ready' });
  logins: unknown[] = [];

  readonly carrier: Carrier = {
    kind: 'websocket',
    connect: async () => {
      if (this.refuseConnections) throw new Error('connection refused');
      const [mainEnd, rendererEnd, close] = createMemoryTransportPair();
      const peer = new RpcPeer(mainEnd, { timeoutMs: 500 });
      const desk: Pick<DeskApi, 'getSnapshot' | 'login'> = {
        getSnapshot: async () => this.snapshot,
        login: async (params) => void this.logins.push(params),
      };
      peer.serve(DESK_SERVICE, desk);
      this.peers.push(peer);
      this.closers.push(close);
      return { transport: rendererEnd, close };
    },
  };

  get current(): RpcPeer {
    const peer = this.peers.at(-1);
    if (!peer) throw new Error('no connection yet');
    return peer;
  }

  dropConnection(): void {
    this.closers.at(-1)?.();
  }
}

function recordingMedia(): MediaEngine & { calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => async () => void calls.push(name);
  return {
    calls,
    prepare: async () => (calls.push('prepare'), { ready: true }),
    open: record('open'),
    prepareAnswer: record('prepareAnswer'),
    getDescription: async () => (calls.push('getDescription'), { type: 'offer', sdp: 'v=0' }),
    setDescription: record('setDescription'),
    rollback: record('rollback'),
    sendDtmf: async () => true,
    mute: record('mute'),
    stats: async () => null,
    conference: record('conference'),
    close: record('close'),
  };
}

const running: DeskConnection[] = [];
afterEach(() => {
  for (const connection of running.splice(0)) connection.stop();
});

function start(main: FakeMain, media = recordingMedia()) {
  const store = createDeskStore();
  const clock = new ManualClock();
  let perf = 100;
  const connection = new DeskConnection({ carrier: main.carrier, media, store, clock, perfNow: () => perf++, random: () => 1 }); // the top of each jitter window: exact delays
  running.push(connection);
  connection.start();
  return { store, clock, media, connection };
}

describe('DeskConnection', () => {
  it('on connect fetches the snapshot, serves media to main and prepares the microphone', async () => {
    const main = new FakeMain();
    const { store, media } = start(main);
    await settle();

    expect(store.getState().connection).toMatchObject({ status: 'connected', carrier: 'websocket' });
    expect(store.getState().desk.snapshot?.state).toBe('ready');
    expect(media.calls).toContain('prepare');

    // Main drives the renderer's media engine over the same connection, validated by its schemas.
    await main.current.call(MEDIA_SERVICE, 'open', { sessionId: 'call-1' });
    expect(media.calls).toContain('open');
    await expect(main.current.call(MEDIA_SERVICE, 'open', { sessionId: '' })).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('follows pushed snapshots and notices', async () => {
    const main = new FakeMain();
    const { store } = start(main);
    await settle();

    main.current.emit(DESK_EVENTS.snapshot, snapshotAt(2_000, { state: 'busy', busyReason: 'meal' }));
    main.current.emit(DESK_EVENTS.notice, { level: 'error', code: 'registration-failed' });
    main.current.emit(DESK_EVENTS.snapshot, { nonsense: true });
    await settle();

    expect(store.getState().desk.snapshot).toMatchObject({ state: 'busy', busyReason: 'meal' });
    expect(store.getState().notices.map((notice) => notice.code)).toEqual(['registration-failed']);
  });

  it('sends desk commands to main on the current connection', async () => {
    const main = new FakeMain();
    const { connection } = start(main);
    await settle();
    await connection.desk.login({ agentId: '1001', password: 'secret' });
    expect(main.logins).toEqual([{ agentId: '1001', password: 'secret' }]);
  });

  it('says so when the link drops, fails commands at once, and reconnects with backoff', async () => {
    const main = new FakeMain();
    const { store, clock, connection } = start(main);
    await settle();

    main.dropConnection();
    await settle();
    expect(store.getState().connection.status).toBe('reconnecting');
    await expect(connection.desk.setReady(null)).rejects.toBeInstanceOf(RpcClosedError);

    main.snapshot = snapshotAt(9_000, { state: 'talking' });
    clock.advance(249);
    await settle();
    expect(main.peers).toHaveLength(1);
    clock.advance(1); // first retry after the 250 ms base
    await settle();
    expect(main.peers).toHaveLength(2);
    expect(store.getState().connection.status).toBe('connected');
    expect(store.getState().desk.snapshot?.state).toBe('talking');
  });

  it('backs off further while the desk stays unreachable', async () => {
    const main = new FakeMain();
    main.refuseConnections = true;
    const { store, clock } = start(main);
    await settle();
    expect(store.getState().connection).toMatchObject({ status: 'connecting', failedAttempts: 1 });

    clock.advance(500);
    await settle();
    expect(store.getState().connection.failedAttempts).toBe(2);
    clock.advance(999);
    await settle();
    expect(store.getState().connection.failedAttempts).toBe(2);
    clock.advance(1);
    await settle();
    expect(store.getState().connection.failedAttempts).toBe(3);

    main.refuseConnections = false;
    clock.advance(2_000);
    await settle();
    expect(store.getState().connection).toMatchObject({ status: 'connected', failedAttempts: 0 });
  });
});
