import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { StoreError } from '../../../main/store/store-error';
import { anItem, LI, serverPromise, WANG } from '../desk/promise-fixtures';
import { AGENT, T0, aCall, aWrapUp } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.db.open && store.close()));

function openStore(path = ':memory:'): DeskStore {
  const store = openDeskStore(path);
  opened.push(store);
  return store;
}

/** A call recorded and wrapped up unresolved, due at `dueAt`: the promise's id. */
function madePromise(store: DeskStore, dueAt = T0 + 86_400_000): { promiseId: string; callId: string } {
  const call = aCall();
  store.calls.recordFinished(AGENT, call, T0);
  const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId, { promisedReplyAt: dueAt }), T0 + 200_000, WANG.name);
  return { promiseId: recordId, callId: call.callId };
}

describe('PromisesRepo', () => {
  it('makes the promise in the wrap-up’s transaction, under its record id: both committed, or neither', () => {
    const store = openStore();
    const { promiseId, callId } = madePromise(store);
    expect(store.promises.get(promiseId)).toEqual({
      id: promiseId,
      ownerId: AGENT,
      callId,
      madeBy: WANG,
      dueAt: T0 + 86_400_000,
      madeAt: T0 + 200_000,
      disposition: 'repair',
      summary: '宽带断线，已登记报修',
      customerName: '张三',
      customerContact: '138 1234 5678',
      remoteNumber: '13812345678',
      keptHere: null,
      callbacksHere: [],
      server: null,
      reminded: { soon: false, due: false },
    });

    // The promise cannot be written: the wrap-up and its outbox row are not either.
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const pending = store.outbox.pendingCount(AGENT);
    store.db.exec("CREATE TEMP TRIGGER promise_fails BEFORE INSERT ON promises BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId), T0 + 300_000)).toThrow(/disk full/);
    expect(store.wrapUps.get(call.callId)).toBeNull();
    expect(store.outbox.pendingCount(AGENT)).toBe(pending);
  });

  it('makes none for a resolved wrap-up or a draft', () => {
    const store = openStore();
    const resolved = aCall();
    store.calls.recordFinished(AGENT, resolved, T0);
    store.wrapUps.save(AGENT, aWrapUp(resolved.callId, { resolved: true, promisedReplyAt: null }), T0);
    const draft = aCall();
    store.calls.recordFinished(AGENT, draft, T0);
    store.wrapUps.saveDraft(AGENT, aWrapUp(draft.callId), T0);
    expect(store.promises.open(AGENT)).toEqual([]);
  });

  it('keeps with its promiseStep committed on disk when keep returns; refuses a kept one, another agent’s, one in a pending handover', () => {
    const path = tempPath();
    const store = openStore(path);
    const { promiseId } = madePromise(store);
    const { recordId } = store.promises.keep(AGENT, promiseId, '已电话回复', T0 + 1_000);
    store.close();

    const reopened = openStore(path);
    expect(reopened.promises.get(promiseId)?.keptHere).toEqual({ at: T0 + 1_000, note: '已电话回复', recordId });
    expect(reopened.outbox.get(recordId)).toMatchObject({ record: { kind: 'promiseStep', agentId: AGENT, payload: { promiseId, step: 'kept', callId: null, note: '已电话回复' } }, ackedAt: null });
    expect(reopened.promises.open(AGENT)).toEqual([]);
    expect(() => reopened.promises.keep(AGENT, promiseId, 'x', T0 + 2_000)).toThrow(expect.objectContaining({ code: 'promise-kept' }));

    const other = madePromise(reopened);
    expect(() => reopened.promises.keep('1002', other.promiseId, 'x', T0)).toThrow(expect.objectContaining({ code: 'unknown-promise' }));
    reopened.handovers.give(WANG, LI, { to: { kind: 'agent', agentId: LI.agentId }, note: '', items: [{ kind: 'promise', id: other.promiseId, note: '' }] }, [anItem('promise', other.promiseId)], T0);
    expect(() => reopened.promises.keep(AGENT, other.promiseId, 'x', T0)).toThrow(StoreError);
    expect(() => reopened.promises.calledBack(AGENT, other.promiseId, uuidv7(), T0)).toThrow(expect.objectContaining({ code: 'item-in-handover' }));
  });

  it('links a callback with its calledBack step in one transaction', () => {
    const store = openStore();
    const { promiseId } = madePromise(store);
    const callId = uuidv7();
    const { recordId } = store.promises.calledBack(AGENT, promiseId, callId, T0 + 5);
    expect(store.promises.get(promiseId)?.callbacksHere).toEqual([{ callId, at: T0 + 5 }]);
    expect(store.outbox.get(recordId)?.record).toMatchObject({ kind: 'promiseStep', payload: { promiseId, step: 'calledBack', callId, note: '' } });
  });

  it('keeps only newer server states (a longer history at the same millisecond), never reopens a kept one, and follows the owner', () => {
    const store = openStore();
    const { promiseId, callId } = madePromise(store);
    const dueAt = T0 + 86_400_000;
    expect(store.promises.applyServerState(serverPromise(promiseId, { callId, dueAt, updatedAt: T0 + 20 }), AGENT)).toBe(true);
    expect(store.promises.applyServerState(serverPromise(promiseId, { callId, dueAt, updatedAt: T0 + 10 }), AGENT)).toBe(false);
    expect(store.promises.applyServerState(serverPromise(promiseId, { callId, dueAt, updatedAt: T0 + 20 }), AGENT)).toBe(false);
    const kept = serverPromise(promiseId, { callId, dueAt, updatedAt: T0 + 20, status: 'kept' });
    expect(store.promises.applyServerState(kept, AGENT)).toBe(true);
    expect(store.promises.applyServerState(serverPromise(promiseId, { callId, dueAt, updatedAt: T0 + 99 }), AGENT)).toBe(false);
    expect(store.promises.get(promiseId)?.server).toEqual(kept);
    expect(store.promises.newestServerUpdate(AGENT)).toBe(T0 + 20);

    const handed = madePromise(store);
    expect(store.promises.applyServerState(serverPromise(handed.promiseId, { callId: handed.callId, dueAt, updatedAt: T0 + 30, owner: LI }), AGENT)).toBe(true);
    expect(store.promises.open(AGENT)).toEqual([]);
    expect(store.promises.open(LI.agentId).map((promise) => promise.id)).toEqual([handed.promiseId]);
    // Where a catch-up starts is what this agent's sessions heard, not another's.
    expect(store.promises.newestServerUpdate(AGENT)).toBe(T0 + 30);
    expect(store.promises.newestServerUpdate(LI.agentId)).toBe(0);
  });

  it('writes reminders down for good', () => {
    const path = tempPath();
    const store = openStore(path);
    const { promiseId } = madePromise(store);
    store.promises.markReminded([{ id: promiseId, kind: 'soon' }]);
    store.promises.markReminded([{ id: promiseId, kind: 'soon' }]);
    store.close();
    const reopened = openStore(path);
    expect(reopened.promises.get(promiseId)?.reminded).toEqual({ soon: true, due: false });
    reopened.promises.markReminded([{ id: promiseId, kind: 'due' }]);
    expect(reopened.promises.get(promiseId)?.reminded).toEqual({ soon: true, due: true });
  });
});
