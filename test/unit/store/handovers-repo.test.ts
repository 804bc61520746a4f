import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import type { HandoverPayload } from '../../../src/contract/sync';
import { anItem, LI, serverHandover, WANG, ZHAO } from '../desk/promise-fixtures';
import { T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.db.open && store.close()));

function openStore(path = ':memory:'): DeskStore {
  const store = openDeskStore(path);
  opened.push(store);
  return store;
}

const toLi = (ids: string[]): HandoverPayload => ({ to: { kind: 'agent', agentId: LI.agentId }, note: '交班', items: ids.map((id) => ({ kind: 'promise', id, note: '' })) });

describe('HandoversRepo', () => {
  it('gives a handover with its items marked and its record queued, committed on disk when give returns', () => {
    const path = tempPath();
    const store = openStore(path);
    const promiseId = uuidv7();
    const { handoverId } = store.handovers.give(WANG, LI, toLi([promiseId]), [anItem('promise', promiseId)], T0);
    store.close();

    const reopened = openStore(path);
    expect(reopened.handovers.get(handoverId)).toEqual({ id: handoverId, from: WANG, to: LI, handedAt: T0, payload: toLi([promiseId]), items: [anItem('promise', promiseId)], server: null });
    expect(reopened.outbox.get(handoverId)).toMatchObject({ record: { kind: 'handover', agentId: WANG.agentId, occurredAt: T0, payload: toLi([promiseId]) }, ackedAt: null });
    expect(reopened.handovers.pendingOf('promise', promiseId.toUpperCase())).toEqual({ handoverId, to: LI });
    expect(reopened.handovers.outgoing(WANG.agentId).map((handover) => handover.id)).toEqual([handoverId]);
  });

  it('refuses an item already in a pending handover, writing nothing of the second', () => {
    const store = openStore();
    const [a, b] = [uuidv7(), uuidv7()];
    store.handovers.give(WANG, LI, toLi([a]), [anItem('promise', a)], T0);
    const pending = store.outbox.pendingCount(WANG.agentId);
    expect(() => store.handovers.give(WANG, 'nextShift', { ...toLi([b, a]), to: { kind: 'nextShift' } }, [anItem('promise', b), anItem('promise', a)], T0 + 1)).toThrow(expect.objectContaining({ code: 'item-in-handover' }));
    expect(store.outbox.pendingCount(WANG.agentId)).toBe(pending);
    expect(store.handovers.pendingOf('promise', b)).toBeNull();
    expect(store.handovers.outgoing(WANG.agentId)).toHaveLength(1);
  });

  it('keeps only newer server states; accepted is final; an accepted handover frees its items and leaves both lists', () => {
    const store = openStore();
    const promiseId = uuidv7();
    const { handoverId } = store.handovers.give(WANG, LI, toLi([promiseId]), [anItem('promise', promiseId)], T0);
    const sent = serverHandover(handoverId, { from: WANG, to: LI, items: [anItem('promise', promiseId, { title: '服务器的描述' })], handedAt: T0, updatedAt: T0 + 20 });
    expect(store.handovers.applyServerState(sent, WANG.agentId)).toBe(true);
    expect(store.handovers.get(handoverId)?.items[0]?.title).toBe('服务器的描述');
    expect(store.handovers.applyServerState({ ...sent, updatedAt: T0 + 10 }, WANG.agentId)).toBe(false);

    const accepted = { ...sent, status: 'accepted' as const, accepted: { by: LI, at: T0 + 30 }, updatedAt: T0 + 30 };
    expect(store.handovers.applyServerState(accepted, WANG.agentId)).toBe(true);
    expect(store.handovers.applyServerState({ ...sent, updatedAt: T0 + 40 }, WANG.agentId)).toBe(false);
    expect(store.handovers.get(handoverId)?.server?.status).toBe('accepted');
    expect(store.handovers.pendingOf('promise', promiseId)).toBeNull();
    expect(store.handovers.outgoing(WANG.agentId)).toEqual([]);
    expect(store.handovers.incoming(LI.agentId)).toEqual([]);
    expect(store.handovers.newestServerUpdate(WANG.agentId)).toBe(T0 + 30);
  });

  it('lists as incoming the pending ones on the server to the agent or the next shift from someone else', () => {
    const store = openStore();
    const items = [anItem('ticket', uuidv7())];
    const toWang = serverHandover(uuidv7(), { from: LI, to: WANG, items, handedAt: T0, updatedAt: T0 });
    const nextShift = serverHandover(uuidv7(), { from: ZHAO, to: 'nextShift', items, handedAt: T0 + 1, updatedAt: T0 + 1 });
    const ownNextShift = serverHandover(uuidv7(), { from: WANG, to: 'nextShift', items, handedAt: T0 + 2, updatedAt: T0 + 2 });
    const toLiOnly = serverHandover(uuidv7(), { from: ZHAO, to: LI, items, handedAt: T0 + 3, updatedAt: T0 + 3 });
    for (const handover of [toWang, nextShift, ownNextShift, toLiOnly]) store.handovers.applyServerState(handover, WANG.agentId);
    expect(store.handovers.incoming(WANG.agentId).map((handover) => handover.id)).toEqual([toWang.id, nextShift.id]);
    expect(store.handovers.outgoing(WANG.agentId).map((handover) => handover.id)).toEqual([ownNextShift.id]);
  });
});
