import { describe, expect, it } from 'vitest';
import type { Alert, SeatPresence, SupervisorAction } from '../../../src/contract';
import { createBoardStore } from '../../../board/state/board-store';
import { busyLevelOf, stateCounts, visibleSeats } from '../../../board/features/seats/seat-view';
import { defaultPolicy } from '../../../src/contract/policy';

const T = Date.UTC(2026, 11, 1, 2, 0);
const pending: SupervisorAction = { id: 'a-1', agentId: '1001', by: { agentId: '9001', name: '主管9001' }, createdAt: T, action: { kind: 'forceBusy', note: '' }, outcome: null };
const applied: SupervisorAction = { ...pending, outcome: { status: 'applied', reason: null, at: T + 5 } };
const raised: Alert = { id: 'r-1', agentId: '1001', kind: 'missedOffer', occurredAt: T, raisedAt: T, details: {}, acknowledged: null };

function seat(agentId: string, state: SeatPresence['state'], since: number | null, busyReason: SeatPresence['busyReason'] = null): SeatPresence {
  const hours = new Array<number>(24).fill(0);
  return {
    agentId,
    name: `坐席${agentId}`,
    state,
    busyReason,
    since,
    call: null,
    loginAt: state === 'offline' ? null : T,
    link: { connected: state !== 'offline', since: T },
    today: { answered: 0, missed: 0, declined: 0, averageHandleMs: null, busyMs: 0, offeredPerHour: hours, answeredPerHour: hours, missedPerHour: hours },
  };
}

describe("the board's store", () => {
  it('seats changed together replace only those seats; the server time sets the clock offset', () => {
    const store = createBoardStore(null, () => T);
    store.getState().seatsReceived([seat('1001', 'ready', T), seat('1002', 'ready', T)], T);
    store.getState().seatsChanged([seat('1002', 'busy', T + 1, 'meal'), seat('1003', 'talking', T + 2)], T + 500);
    const { seats, serverOffsetMs } = store.getState();
    expect(Object.fromEntries(Object.values(seats).map((shown) => [shown.agentId, shown.state]))).toEqual({ '1001': 'ready', '1002': 'busy', '1003': 'talking' });
    expect(serverOffsetMs).toBe(500);
  });

  it('an outcome pushed before the answer to the POST that made the action is kept', () => {
    const store = createBoardStore(null);
    store.getState().actionChanged(applied);
    store.getState().actionChanged(pending);
    expect(store.getState().actions['a-1']).toEqual(applied);
  });

  it('an acknowledgement is never undone by an older copy; each new open alert chimes once', () => {
    const store = createBoardStore(null);
    store.getState().alertChanged(raised);
    const acked = { ...raised, acknowledged: { by: '9001', byName: '主管9001', at: T + 9 } };
    store.getState().alertChanged(acked);
    store.getState().alertChanged(raised);
    expect(store.getState().alerts['r-1']).toEqual(acked);
    expect(store.getState().chimes).toBe(1);
  });
});

describe('the seats as the board shows them', () => {
  const seats = [seat('1002', 'ready', T - 60_000), seat('1001', 'busy', T - 16 * 60_000, 'meal'), seat('1010', 'offline', null), seat('1003', 'talking', T - 5_000)];

  it('counts each state once, and every seat not offline as signed in', () => {
    expect(stateCounts(seats)).toEqual({ signedIn: 3, ready: 1, ringing: 0, talking: 1, wrapUp: 0, busy: 1 });
  });

  it('sorts by state (busy first), by 工号 numerically, or by time in state; filters by state', () => {
    expect(visibleSeats(seats, 'all', 'state', T).map((shown) => shown.agentId)).toEqual(['1001', '1003', '1002', '1010']);
    expect(visibleSeats(seats, 'all', 'agentId', T).map((shown) => shown.agentId)).toEqual(['1001', '1002', '1003', '1010']);
    expect(visibleSeats(seats, 'signedIn', 'timeInState', T).map((shown) => shown.agentId)).toEqual(['1001', '1002', '1003']);
    expect(visibleSeats(seats, 'offline', 'agentId', T).map((shown) => shown.agentId)).toEqual(['1010']);
  });

  it("colours a busy seat by the policy's warning and limit, to the millisecond", () => {
    const busy = seat('1001', 'busy', T, 'break');
    expect(busyLevelOf(busy, defaultPolicy, T + defaultPolicy.busyWarnAtMs - 1)).toBe('ok');
    expect(busyLevelOf(busy, defaultPolicy, T + defaultPolicy.busyWarnAtMs)).toBe('warning');
    expect(busyLevelOf(busy, defaultPolicy, T + defaultPolicy.busyLimitMs)).toBe('overLimit');
    expect(busyLevelOf(seat('1002', 'ready', T), defaultPolicy, T)).toBeNull();
  });
});
