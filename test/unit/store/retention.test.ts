import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { purgeExpiredCalls, startCallRetention, type PurgeResult } from '../../../main/store/retention';
import type { CallPayload } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { AGENT, aCall, aWrapUp, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const DAY = 86_400_000;
const tempPath = useTempDatabasePath();
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.db.open && store.close()));

function openStore(): DeskStore {
  const store = openDeskStore(tempPath());
  opened.push(store);
  return store;
}

/**
 * A call that ended at `endedAt`, recorded, wrapped up (resolved, unless `promised`: then it makes
 * a first-contact promise) and rated; `synced` says what the server acknowledged.
 */
function recordCall(store: DeskStore, endedAt: number, synced: { call: boolean; wrapUp: boolean | 'draft' | 'none'; promised?: boolean }): CallPayload {
  const call = aCall({ offeredAt: endedAt - 180_000, answeredAt: endedAt - 170_000, endedAt });
  const { recordId } = store.calls.recordFinished(AGENT, call, endedAt);
  if (synced.call) store.outbox.markAcked([recordId], endedAt + 1_000);
  if (synced.wrapUp === 'draft') {
    store.wrapUps.saveDraft(AGENT, aWrapUp(call.callId), endedAt + 10_000);
  } else if (synced.wrapUp !== 'none') {
    const resolution = synced.promised ? { resolved: false, promisedReplyAt: endedAt + DAY } : { resolved: true, promisedReplyAt: null };
    const wrapUp = store.wrapUps.save(AGENT, aWrapUp(call.callId, resolution), endedAt + 20_000);
    if (synced.wrapUp) store.outbox.markAcked([wrapUp.recordId], endedAt + 21_000);
  }
  store.surveyResults.save({ id: uuidv7(), callId: call.callId, agentId: AGENT, rating: 'satisfied', customerNumber: call.remoteNumber, ratedAt: endedAt + 60_000, receivedAt: endedAt + 61_000 });
  return call;
}

function whatRemainsOf(store: DeskStore, callId: string) {
  const count = (sql: string) => store.db.prepare(sql).pluck().get(callId) as number;
  return {
    call: count('SELECT count(*) FROM calls WHERE id = ?'),
    wrapUp: count('SELECT count(*) FROM wrap_ups WHERE call_id = ?'),
    surveyResult: count('SELECT count(*) FROM survey_results WHERE call_id = ?'),
    records: count(`SELECT count(*) FROM outbox WHERE json_extract(payload, '$.callId') = ?`),
  };
}

const gone = { call: 0, wrapUp: 0, surveyResult: 0, records: 0 };
const now = T0 + 365 * DAY;

describe('purgeExpiredCalls', () => {
  it('deletes a synced call older than the retention with its wrap-up, survey result and records, and keeps a younger one', () => {
    const store = openStore();
    const old = recordCall(store, now - 91 * DAY, { call: true, wrapUp: true });
    const young = recordCall(store, now - 89 * DAY, { call: true, wrapUp: true });

    expect(purgeExpiredCalls(store.db, now, 90)).toEqual({ calls: 1, records: 2 });

    expect(whatRemainsOf(store, old.callId)).toEqual(gone);
    expect(whatRemainsOf(store, young.callId)).toEqual({ call: 1, wrapUp: 1, surveyResult: 1, records: 2 });
  });

  it('never purges a call while anything of it is not on the server', () => {
    const store = openStore();
    const unsynced = recordCall(store, now - 400 * DAY, { call: false, wrapUp: 'none' });
    const wrapUpPending = recordCall(store, now - 400 * DAY, { call: true, wrapUp: false });
    const draft = recordCall(store, now - 400 * DAY, { call: true, wrapUp: 'draft' });

    expect(purgeExpiredCalls(store.db, now, 90)).toEqual({ calls: 0, records: 0 });

    expect(whatRemainsOf(store, unsynced.callId)).toEqual({ call: 1, wrapUp: 0, surveyResult: 1, records: 1 });
    expect(whatRemainsOf(store, wrapUpPending.callId)).toEqual({ call: 1, wrapUp: 1, surveyResult: 1, records: 2 });
    // The draft's call keeps its acknowledged record: once the wrap-up is saved and synced, it can go.
    expect(whatRemainsOf(store, draft.callId)).toEqual({ call: 1, wrapUp: 1, surveyResult: 1, records: 1 });
  });

  it('never purges a call whose first-contact promise is open, nor one kept here and not acknowledged; once kept and acknowledged, the promise goes with the call', () => {
    const store = openStore();
    const promised = recordCall(store, now - 400 * DAY, { call: true, wrapUp: true, promised: true });
    const promiseId = store.wrapUps.get(promised.callId)!.id;
    expect(store.promises.get(promiseId)).toMatchObject({ callId: promised.callId, keptHere: null });

    expect(purgeExpiredCalls(store.db, now, 90)).toEqual({ calls: 0, records: 0 });
    expect(whatRemainsOf(store, promised.callId)).toMatchObject({ call: 1, wrapUp: 1 });

    const { recordId } = store.promises.keep(AGENT, promiseId, '已电话回复客户', now - 1_000);
    expect(purgeExpiredCalls(store.db, now, 90).calls).toBe(0);
    expect(store.promises.get(promiseId)).not.toBeNull();

    store.outbox.markAcked([recordId], now - 500);
    expect(purgeExpiredCalls(store.db, now, 90).calls).toBe(1);
    expect(whatRemainsOf(store, promised.callId)).toEqual(gone);
    expect(store.promises.get(promiseId)).toBeNull();
  });

  it('deletes a synced call without a wrap-up, and other acknowledged records of that age, but no pending one', () => {
    const store = openStore();
    const call = recordCall(store, now - 100 * DAY, { call: true, wrapUp: 'none' });
    const missed = (offeredAt: number) => ({
      id: uuidv7(),
      agentId: AGENT,
      kind: 'missedRing' as const,
      occurredAt: offeredAt + 15_000,
      payload: { callId: uuidv7(), remoteNumber: '13900001111', remoteDisplayName: '李四', offeredAt, deadline: offeredAt + 15_000, rings: 3, action: 'reject-and-pause' as const },
    });
    const syncedMiss = missed(now - 100 * DAY);
    const pendingMiss = missed(now - 100 * DAY);
    store.db.transaction(() => {
      store.outbox.enqueue(syncedMiss, syncedMiss.occurredAt);
      store.outbox.enqueue(pendingMiss, pendingMiss.occurredAt);
    })();
    store.outbox.markAcked([syncedMiss.id], syncedMiss.occurredAt + 1_000);

    expect(purgeExpiredCalls(store.db, now, 90)).toEqual({ calls: 1, records: 2 });
    expect(whatRemainsOf(store, call.callId)).toEqual(gone);
    expect(store.outbox.get(syncedMiss.id)).toBeNull();
    expect(store.outbox.get(pendingMiss.id)).not.toBeNull();
  });
});

describe('startCallRetention', () => {
  it('purges at start and then daily by the injected clock, with the retention the policy says at each run', () => {
    const store = openStore();
    const clock = new ManualClock(now);
    let retentionDays = 90;
    const purged: PurgeResult[] = [];
    const first = recordCall(store, now - 91 * DAY, { call: true, wrapUp: true });
    // Exactly 90 days old after DAY - 1 more: kept; a millisecond later, older than 90 days.
    const second = recordCall(store, now - 89 * DAY - 1, { call: true, wrapUp: true });
    const third = recordCall(store, now - 60 * DAY, { call: true, wrapUp: true });

    const retention = startCallRetention({ db: store.db, clock, retentionDays: () => retentionDays, onPurged: (result) => purged.push(result), onError: (error) => expect.fail(String(error)) });
    expect(whatRemainsOf(store, first.callId)).toEqual(gone);
    expect(whatRemainsOf(store, second.callId).call).toBe(1);

    clock.advance(DAY - 1);
    expect(whatRemainsOf(store, second.callId).call).toBe(1);
    clock.advance(1);
    expect(whatRemainsOf(store, second.callId)).toEqual(gone);

    retentionDays = 30;
    clock.advance(DAY);
    expect(whatRemainsOf(store, third.callId)).toEqual(gone);
    expect(purged.map((result) => result.calls)).toEqual([1, 1, 1]);

    retention.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a failed run and still runs the next day', () => {
    const store = openStore();
    const clock = new ManualClock(now);
    const errors: unknown[] = [];
    let failing = true;
    const call = recordCall(store, now - 91 * DAY, { call: true, wrapUp: true });

    startCallRetention({
      db: store.db,
      clock,
      retentionDays: () => {
        if (failing) throw new Error('policy unreadable');
        return 90;
      },
      onPurged: () => {},
      onError: (error) => errors.push(error),
    });
    expect(errors).toHaveLength(1);
    expect(whatRemainsOf(store, call.callId).call).toBe(1);

    failing = false;
    clock.advance(DAY);
    expect(whatRemainsOf(store, call.callId)).toEqual(gone);
  });
});
