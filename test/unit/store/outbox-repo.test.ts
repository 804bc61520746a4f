import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import type { SyncRecord } from '../../../src/contract/sync';
import { AGENT, OTHER_AGENT, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
let store: DeskStore;
afterEach(() => store?.close());

function stateChange(agentId: string, occurredAt: number): SyncRecord {
  return { id: uuidv7(), agentId, kind: 'stateChange', occurredAt, payload: { from: 'ready', to: 'busy', busyReason: 'break', call: null } };
}

/** Enqueues `count` records whose ids do NOT sort in insertion order, to prove order is by insertion. */
function enqueueMany(agentId: string, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const record = { ...stateChange(agentId, T0 + i), id: `0190${String(count - i).padStart(4, '0')}-0000-7000-8000-000000000000` };
    store.outbox.enqueue(record, T0 + i);
    ids.push(record.id);
  }
  return ids;
}

describe('OutboxRepo', () => {
  it('hands out batches oldest first, per agent, up to the limit', () => {
    store = openDeskStore(tempPath());
    const mine = enqueueMany(AGENT, 5);
    store.outbox.enqueue(stateChange(OTHER_AGENT, T0), T0);

    expect(store.outbox.nextBatch(AGENT, 3, T0).map((r) => r.id)).toEqual(mine.slice(0, 3));
    store.outbox.markAcked(mine.slice(0, 3), T0 + 10);
    expect(store.outbox.nextBatch(AGENT, 3, T0).map((r) => r.id)).toEqual(mine.slice(3));
    expect(store.outbox.pendingCount(AGENT)).toBe(2);
    expect(store.outbox.pendingCount(OTHER_AGENT)).toBe(1);
  });

  it('sends nothing behind a record that waits for its retry, so order is kept', () => {
    store = openDeskStore(tempPath());
    const ids = enqueueMany(AGENT, 3);
    store.outbox.markFailed(ids.slice(0, 1), 'unreachable: ECONNREFUSED', T0 + 5_000);

    expect(store.outbox.nextBatch(AGENT, 10, T0 + 4_999)).toEqual([]);
    expect(store.outbox.nextAttemptAt(AGENT)).toBe(T0 + 5_000);
    expect(store.outbox.nextBatch(AGENT, 10, T0 + 5_000).map((r) => r.id)).toEqual(ids);
    expect(store.outbox.get(ids[0]!)).toMatchObject({ attempts: 1, lastError: 'unreachable: ECONNREFUSED', ackedAt: null });
    expect(store.outbox.pendingCount(AGENT)).toBe(3);
  });

  it('takes an acknowledgement twice without harm: the first time stands', () => {
    store = openDeskStore(tempPath());
    const [id] = enqueueMany(AGENT, 1);
    store.outbox.markAcked([id!], T0 + 1);
    store.outbox.markAcked([id!, 'not-a-record-here'], T0 + 2);
    store.outbox.markFailed([id!], 'late failure', T0 + 9);
    expect(store.outbox.get(id!)).toMatchObject({ ackedAt: T0 + 1, attempts: 0, lastError: null });
    expect(store.outbox.pendingCount(AGENT)).toBe(0);
    expect(store.outbox.nextBatch(AGENT, 10, T0 + 10)).toEqual([]);
  });

  it('refuses a record the contract does not allow, and a record id twice', () => {
    store = openDeskStore(tempPath());
    const bad = { ...stateChange(AGENT, T0), agentId: 'not-digits' };
    expect(() => store.outbox.enqueue(bad, T0)).toThrow(expect.objectContaining({ code: 'invalid-record' }));
    const good = stateChange(AGENT, T0);
    store.outbox.enqueue(good, T0);
    expect(() => store.outbox.enqueue(good, T0)).toThrow(/UNIQUE/);
    expect(store.outbox.pendingCount(AGENT)).toBe(1);
  });

  it('returns every kind of record exactly as it was enqueued', () => {
    store = openDeskStore(tempPath());
    const record = stateChange(AGENT, T0);
    store.outbox.enqueue(record, T0 + 3);
    expect(store.outbox.nextBatch(AGENT, 1, T0)).toEqual([record]);
    expect(store.outbox.get(record.id)).toMatchObject({ createdAt: T0 + 3, attempts: 0, nextAttemptAt: null });
  });
});
