import { describe, expect, it } from 'vitest';
import { promiseListSchema, handoverListSchema } from '../../../src/contract';
import { createBoardStore } from '../../../board/state/board-store';
import { openPromises, pendingHandovers } from '../../../board/features/promises/promise-view';
import { aHandover, aPromise, accepted, agent, kept, T } from './promise-fixtures';

describe("the board's promises and handovers", () => {
  it('the fixtures are what the contract accepts', () => {
    expect(promiseListSchema.safeParse({ promises: [aPromise(1), kept(aPromise(2), T)] }).success).toBe(true);
    expect(handoverListSchema.safeParse({ handovers: [aHandover(1), accepted(aHandover(2), agent('1002'), T)] }).success).toBe(true);
  });

  it('an older promise frame never replaces a newer one', () => {
    const store = createBoardStore(null, () => T);
    const made = aPromise(1);
    const calledBack = { ...made, callbacks: [{ callId: made.callId, at: T }], updatedAt: T, history: [...made.history, { kind: 'calledBack' as const, at: T, by: made.owner, text: '', callId: made.callId }] };
    store.getState().promisesChanged([calledBack]);
    store.getState().promisesChanged([made]);
    expect(store.getState().promises[made.id]).toBe(calledBack);
    // The newer one does replace it.
    const later = { ...calledBack, summary: '改约', updatedAt: T + 1 };
    store.getState().promisesChanged([later]);
    expect(store.getState().promises[made.id]).toBe(later);
  });

  it('a kept promise leaves the open list, and an older open copy arriving after it does not bring it back', () => {
    const store = createBoardStore(null, () => T);
    const open = aPromise(1);
    const other = aPromise(2);
    store.getState().promisesChanged([open, other]);
    expect(openPromises(store.getState().promises).map((promise) => promise.id)).toEqual([open.id, other.id]);
    store.getState().promisesChanged([kept(open, T)]);
    expect(openPromises(store.getState().promises).map((promise) => promise.id)).toEqual([other.id]);
    store.getState().promisesChanged([open]);
    expect(openPromises(store.getState().promises).map((promise) => promise.id)).toEqual([other.id]);
  });

  it('the open list loaded after a reconnect drops what was kept while the socket was down, but not what a frame brought meanwhile', () => {
    const store = createBoardStore(null, () => T);
    const missedKept = aPromise(1);
    const stillOpen = aPromise(2);
    store.getState().promisesChanged([missedKept, stillOpen]);
    const before = store.getState().promises;
    // Pushed while the GET was out: the list may predate it.
    const pushed = aPromise(3, { updatedAt: T });
    store.getState().promisesChanged([pushed]);
    store.getState().openPromisesLoaded([stillOpen], before);
    expect(openPromises(store.getState().promises).map((promise) => promise.id).sort()).toEqual([stillOpen.id, pushed.id].sort());
  });

  it('an accepted handover leaves the pending list; an older pending copy does not undo it', () => {
    const store = createBoardStore(null, () => T);
    const given = aHandover(1);
    store.getState().handoversChanged([given, aHandover(2)]);
    expect(pendingHandovers(store.getState().handovers).map((handover) => handover.id)).toEqual([given.id, aHandover(2).id]);
    const taken = accepted(given, agent('1002'), T);
    store.getState().handoversChanged([taken]);
    store.getState().handoversChanged([given]);
    expect(store.getState().handovers[given.id]).toBe(taken);
    expect(pendingHandovers(store.getState().handovers).map((handover) => handover.id)).toEqual([aHandover(2).id]);
    // Accepted in the same millisecond as a pending copy: accepted stays.
    store.getState().handoversChanged([{ ...given, updatedAt: T }]);
    expect(store.getState().handovers[given.id]?.status).toBe('accepted');
  });

  it('the pending list loaded after a reconnect drops a pending one accepted meanwhile, keeps accepted ones for the day', () => {
    const store = createBoardStore(null, () => T);
    const acceptedElsewhere = aHandover(1);
    const stillPending = aHandover(2);
    const acceptedEarlier = accepted(aHandover(3), agent('1003'), T - 1_000);
    store.getState().handoversChanged([acceptedElsewhere, stillPending, acceptedEarlier]);
    store.getState().pendingHandoversLoaded([stillPending], store.getState().handovers);
    expect(Object.keys(store.getState().handovers).sort()).toEqual([stillPending.id, acceptedEarlier.id].sort());
  });

  it('logging out forgets them', () => {
    const store = createBoardStore(null, () => T);
    store.getState().promisesChanged([aPromise(1)]);
    store.getState().handoversChanged([aHandover(1)]);
    store.getState().loggedOut(null);
    expect(store.getState().promises).toEqual({});
    expect(store.getState().handovers).toEqual({});
  });
});
