import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { StoreError } from '../../../main/store/store-error';
import { AGENT, aCall, aWrapUp, OTHER_AGENT, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.db.open && store.close()));

function openStore(path = tempPath()): DeskStore {
  const store = openDeskStore(path);
  opened.push(store);
  return store;
}

function rowCounts(store: DeskStore) {
  return {
    wrapUps: store.db.prepare('SELECT count(*) FROM wrap_ups').pluck().get(),
    outbox: store.db.prepare('SELECT count(*) FROM outbox').pluck().get(),
  };
}

describe('WrapUpsRepo.save', () => {
  it('writes the wrap-up and its outbox record together, the payload exactly as the contract has it', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const wrapUp = aWrapUp(call.callId);

    const { recordId } = store.wrapUps.save(AGENT, wrapUp, T0 + 200_000);

    expect(store.wrapUps.get(call.callId)).toEqual({
      ...wrapUp,
      id: recordId,
      agentId: AGENT,
      status: 'saved',
      updatedAt: T0 + 200_000,
      savedAt: T0 + 200_000,
    });
    expect(store.outbox.get(recordId)).toMatchObject({
      record: { id: recordId, agentId: AGENT, kind: 'wrapUp', occurredAt: T0 + 200_000, payload: wrapUp },
      ackedAt: null,
      attempts: 0,
    });
    expect(store.outbox.pendingCount(AGENT)).toBe(2); // the call and its wrap-up
  });

  it('writes neither row when the outbox insert fails inside the transaction', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const before = rowCounts(store);
    // A real failure at the second statement of the transaction (as a full disk would be).
    store.db.exec("CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");

    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId), T0)).toThrow(/disk full/);

    expect(rowCounts(store)).toEqual(before);
    expect(store.wrapUps.get(call.callId)).toBeNull();
    store.db.exec('DROP TRIGGER outbox_fails');
    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId), T0)).not.toThrow();
  });

  it('keeps a draft in place when saving it fails', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    store.wrapUps.saveDraft(AGENT, { ...aWrapUp(call.callId), disposition: '', resolved: null }, T0 + 1);
    store.db.exec("CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");

    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId), T0 + 2)).toThrow(/disk full/);
    expect(store.wrapUps.get(call.callId)).toMatchObject({ status: 'draft', disposition: '', updatedAt: T0 + 1 });
  });

  it('round-trips a summary of 1,000,000 characters (3 bytes each in UTF-8) intact, and refuses one more', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const summary = '客户反映宽带断线，已登记报修。\n'.repeat(62_500);
    expect(summary).toHaveLength(1_000_000);

    const tooLong = aWrapUp(call.callId, { summary: `${summary}x` });
    expect(() => store.wrapUps.save(AGENT, tooLong, T0)).toThrow(StoreError);
    expect(rowCounts(store)).toEqual({ wrapUps: 0, outbox: 1 });

    const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary }), T0);
    expect(store.wrapUps.get(call.callId)?.summary).toBe(summary);
    const queued = store.outbox.get(recordId)?.record;
    expect(queued?.kind === 'wrapUp' && queued.payload.summary).toBe(summary);
  });

  it('refuses a second save for the same call and keeps the first', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const first = store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary: 'first' }), T0);

    const second = () => store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary: 'second' }), T0 + 1);
    expect(second).toThrow(expect.objectContaining({ name: 'StoreError', code: 'wrap-up-already-saved' }));
    expect(store.wrapUps.get(call.callId)).toMatchObject({ id: first.recordId, summary: 'first' });
    expect(store.outbox.pendingCount(AGENT)).toBe(2);
    // Nor can a saved wrap-up be turned back into a draft.
    expect(() => store.wrapUps.saveDraft(AGENT, { ...aWrapUp(call.callId), resolved: null }, T0 + 2)).toThrow(/already saved/);
  });

  it("refuses a wrap-up for an unknown call or another agent's call", () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(OTHER_AGENT, call, T0);
    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId), T0)).toThrow(
      expect.objectContaining({ code: 'not-your-call' }),
    );
    expect(() => store.wrapUps.save(AGENT, aWrapUp(aCall().callId), T0)).toThrow(
      expect.objectContaining({ code: 'unknown-call' }),
    );
    expect(rowCounts(store)).toEqual({ wrapUps: 0, outbox: 1 });
  });

  it('refuses an invalid payload with a clear error before writing anything', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    expect(() => store.wrapUps.save(AGENT, aWrapUp(call.callId, { disposition: '' }), T0)).toThrow(/not a valid wrap-up/);
    expect(rowCounts(store)).toEqual({ wrapUps: 0, outbox: 1 });
  });
});

describe('WrapUpsRepo drafts', () => {
  it('keeps rewriting one draft, sends nothing, and saves it under the same record id', () => {
    const store = openStore();
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const first = store.wrapUps.saveDraft(AGENT, { ...aWrapUp(call.callId), summary: 'half', disposition: '', resolved: null }, T0 + 1);
    const second = store.wrapUps.saveDraft(AGENT, { ...aWrapUp(call.callId), summary: 'more', disposition: '', resolved: null }, T0 + 2);
    expect(second.id).toBe(first.id);
    expect(store.wrapUps.drafts(AGENT)).toEqual([expect.objectContaining({ summary: 'more', status: 'draft', resolved: null })]);
    expect(store.outbox.pendingCount(AGENT)).toBe(1); // only the call

    const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId), T0 + 3);
    expect(recordId).toBe(first.id);
    expect(store.wrapUps.drafts(AGENT)).toEqual([]);
  });
});
