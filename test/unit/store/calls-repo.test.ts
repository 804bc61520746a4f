import { afterEach, describe, expect, it } from 'vitest';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { AGENT, aCall, aWrapUp, OTHER_AGENT, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
let store: DeskStore;
afterEach(() => store?.close());

describe('CallsRepo', () => {
  it('records a finished call together with its outbox record', () => {
    store = openDeskStore(tempPath());
    const call = aCall({ answeredAt: null, ringsAtAnswer: null, endReason: 'missed' });
    const { recordId } = store.calls.recordFinished(AGENT, call, T0 + 999);

    expect(store.calls.get(call.callId)).toEqual({ ...call, agentId: AGENT });
    expect(store.outbox.get(recordId)).toMatchObject({
      record: { id: recordId, agentId: AGENT, kind: 'call', occurredAt: call.endedAt, payload: call },
      createdAt: T0 + 999,
    });
  });

  it('writes neither the call nor its outbox record when the transaction fails', () => {
    store = openDeskStore(tempPath());
    store.db.exec("CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const call = aCall();
    expect(() => store.calls.recordFinished(AGENT, call, T0)).toThrow(/disk full/);
    expect(store.calls.get(call.callId)).toBeNull();
    expect(store.outbox.pendingCount(AGENT)).toBe(0);
  });

  it('refuses the same call twice and an invalid call', () => {
    store = openDeskStore(tempPath());
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    expect(() => store.calls.recordFinished(AGENT, call, T0)).toThrow(expect.objectContaining({ code: 'call-already-recorded' }));
    expect(() => store.calls.recordFinished(AGENT, { ...call, callId: 'not-a-uuid' }, T0)).toThrow(
      expect.objectContaining({ code: 'invalid-record' }),
    );
    expect(store.outbox.pendingCount(AGENT)).toBe(1);
  });

  it("lists the agent's recent calls newest first with where each wrap-up stands", () => {
    store = openDeskStore(tempPath());
    const noWrapUp = aCall({ endedAt: T0 + 1_000 });
    const draftOnly = aCall({ endedAt: T0 + 2_000 });
    const pending = aCall({ endedAt: T0 + 3_000 });
    const synced = aCall({ endedAt: T0 + 4_000 });
    const someoneElses = aCall({ endedAt: T0 + 5_000 });
    for (const call of [noWrapUp, draftOnly, pending, synced]) store.calls.recordFinished(AGENT, call, T0);
    store.calls.recordFinished(OTHER_AGENT, someoneElses, T0);
    store.wrapUps.saveDraft(AGENT, { ...aWrapUp(draftOnly.callId), resolved: null }, T0);
    store.wrapUps.save(AGENT, aWrapUp(pending.callId), T0);
    const { recordId } = store.wrapUps.save(AGENT, aWrapUp(synced.callId), T0);
    store.outbox.markAcked([recordId], T0 + 10);

    const recent = store.calls.recentCalls(AGENT, 10);
    expect(recent.map((c) => [c.callId, c.wrapUp])).toEqual([
      [synced.callId, 'synced'],
      [pending.callId, 'pending'],
      [draftOnly.callId, 'draft'],
      [noWrapUp.callId, 'none'],
    ]);
    expect(recent[0]).toEqual({
      callId: synced.callId,
      direction: synced.direction,
      remoteNumber: synced.remoteNumber,
      remoteDisplayName: synced.remoteDisplayName,
      offeredAt: synced.offeredAt,
      answeredAt: synced.answeredAt,
      endedAt: synced.endedAt,
      ringsAtAnswer: synced.ringsAtAnswer,
      wrapUp: 'synced',
      survey: synced.survey,
      surveyRating: null,
      transferredTo: synced.transferredTo,
    });
    expect(store.calls.recentCalls(AGENT, 2)).toHaveLength(2);
  });
});
