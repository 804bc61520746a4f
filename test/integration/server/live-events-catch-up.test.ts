import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy, type SyncRecord } from '../../../src/contract';
import { ManualClock } from '../../../src/domain/clock';
import type { ClusterBus } from '../../../server/cluster/cluster-bus';
import type { ClusterMessage } from '../../../server/cluster/cluster-message';
import { LiveEvents } from '../../../server/cluster/live-events';
import { connectDatabase } from '../../../server/db/connect-database';
import { migrateToLatest } from '../../../server/db/migrate';
import type { Database } from '../../../server/db/schema';
import { LiveHub } from '../../../server/live-hub';
import { storeRecords } from '../../../server/record-store';
import { BoardFeed } from '../../../server/seats/board-feed';
import { SeatBook } from '../../../server/seats/seat-book';
import { seedLabAgents } from '../../../server/seed';
import { hashSessionToken } from '../../../server/session-tokens';
import { startSession } from '../../../server/sessions';
import { callRecord } from './desk-http';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);

/**
 * One instance's side of the cluster (cluster/live-events.ts) on a real database, with the bus
 * driven by the test: the PostgreSQL bus itself is tested in postgres-bus.test.ts, but only a
 * hand-driven one can deliver a message at the exact moment that matters, such as while the seat
 * book is being read again after an outage.
 */
describe('an instance catching up with the others', () => {
  let db: Kysely<Database>;
  let hub: LiveHub;
  let events: LiveEvents;
  let board: BoardFeed;
  const clock = new ManualClock(T0);
  const published: ClusterMessage[] = [];
  const errors: string[] = [];

  beforeEach(async () => {
    db = await connectDatabase({ kind: 'pglite' });
    await migrateToLatest(db);
    await seedLabAgents(db, clock);
    hub = new LiveHub({ pingIntervalMs: 30_000, closeGraceMs: 100 });
    events = new LiveEvents({ instanceId: 'instance-b', hub, clock, heartbeatMs: 60_000, onError: (_error, what) => errors.push(what), onNote: () => undefined });
    const bus: ClusterBus = { instanceId: 'instance-b', publish: (body) => published.push(JSON.parse(body) as ClusterMessage), isLeader: () => true, close: async () => undefined };
    const { book, recordIds } = await SeatBook.load(db, defaultPolicy.shift.utcOffsetMinutes, clock.now());
    board = new BoardFeed({ seats: book, hub, instanceId: 'instance-b', isLeader: () => true, announceAlert: (alert) => events.alertChanged(alert), clock, db, policy: defaultPolicy, onError: () => undefined });
    events.start(bus, board, recordIds);
  });
  afterEach(async () => {
    await events.close();
    board.close();
    await hub.close();
    await db.destroy();
    published.length = 0;
    errors.length = 0;
  });

  /** What instance A does when its desk syncs: stores, then tells the others. */
  const instanceAStores = async (record: SyncRecord) => {
    await storeRecords(db, record.agentId, [record], clock.now(), defaultPolicy);
    const message: ClusterMessage = { type: 'records', agentId: record.agentId, records: [record], receivedAt: clock.now() };
    return JSON.stringify(message);
  };
  const answered = () => board.seats.seat('1001', clock.now())?.today.answered;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('on start it asks the others for their desk sockets and tells its own', () => {
    expect(published.map((message) => message.type)).toEqual(['hello', 'links']);
  });

  it("applies another instance's records once; a record it heard while reading the seats again is not counted twice", async () => {
    const { token } = await startSession(db, { agentId: '1001', deviceId: 'desk-a', address: '127.0.0.1' }, clock.now(), { idleMs: 3_600_000, absoluteMs: 36_000_000 });
    events.handlers.onMessage('instance-a', JSON.stringify({ type: 'deskLoggedIn', agentId: '1001', tokenHash: hashSessionToken(token), at: clock.now() }));
    events.handlers.onMessage('instance-a', await instanceAStores(callRecord('1001', clock.now())));
    await settle();
    expect(answered()).toBe(1);

    // The bus was down and is back: the seats are read again; a record heard meanwhile is both in the database and in a message.
    const during = await instanceAStores(callRecord('1001', clock.now()));
    events.handlers.onResumed();
    events.handlers.onMessage('instance-a', during);
    await settle();
    expect(answered()).toBe(2);

    // After the catch-up, records are applied as they come again.
    events.handlers.onMessage('instance-a', await instanceAStores(callRecord('1001', clock.now())));
    await settle();
    expect(answered()).toBe(3);
    expect(published.filter((message) => message.type === 'hello')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('a message that does not parse is logged and dropped; the next one is applied', async () => {
    await startSession(db, { agentId: '1002', deviceId: 'desk-a', address: '127.0.0.1' }, clock.now(), { idleMs: 3_600_000, absoluteMs: 36_000_000 });
    events.handlers.onMessage('instance-a', '{"type":"records","agentId":"1002","records":[{"id":1}]');
    events.handlers.onMessage('instance-a', JSON.stringify({ type: 'records', agentId: 'not-an-id', records: [], receivedAt: 1 }));
    events.handlers.onMessage('instance-a', JSON.stringify({ type: 'deskLink', agentId: '1002', tokenHash: 'x', open: true, at: 1 }));
    events.handlers.onMessage('instance-a', await instanceAStores(callRecord('1002', clock.now())));
    await settle();
    expect(errors).toHaveLength(3);
    expect(errors.every((what) => what.startsWith('a cluster message from instance-a did not parse'))).toBe(true);
    expect(board.seats.seat('1002', clock.now())?.today.answered).toBe(1);
  });
});
