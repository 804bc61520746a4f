import { describe, expect, it } from 'vitest';
import { acceptedHandoversOn, handoverWaitMs, overduePromiseCount, pendingHandovers, promisesByAgent } from '../../../board/features/promises/promise-view';
import { aHandover, aPromise, accepted, agent, CHINA, kept, T } from './promise-fixtures';

const LEAD = 15 * 60_000;
const MIN = 60_000;

describe('promises by agent', () => {
  const promises = [
    // 1001: nothing overdue, next due in 2 h.
    aPromise(1, { owner: agent('1001'), dueAt: T + 120 * MIN }),
    // 1002: one overdue for 10 min, one due later.
    aPromise(2, { owner: agent('1002'), dueAt: T + 30 * MIN }),
    aPromise(3, { owner: agent('1002'), dueAt: T - 10 * MIN }),
    // 1003: two overdue, the oldest for 40 min: on top.
    aPromise(4, { owner: agent('1003'), dueAt: T - 5 * MIN }),
    aPromise(5, { owner: agent('1003'), dueAt: T - 40 * MIN }),
    // 1000: due soonest of those without overdue ones, so before 1001.
    aPromise(6, { owner: agent('1000'), dueAt: T + 10 * MIN }),
    // Kept: not counted anywhere.
    kept(aPromise(7, { owner: agent('1004'), dueAt: T - 90 * MIN }), T),
  ];

  it('puts agents with overdue promises first, the longest overdue on top, then by next reply time', () => {
    const groups = promisesByAgent(promises, LEAD, T);
    expect(groups.map((group) => [group.agent.agentId, group.rows.length, group.overdueCount, group.oldestOverdueAt])).toEqual([
      ['1003', 2, 2, T - 40 * MIN],
      ['1002', 2, 1, T - 10 * MIN],
      ['1000', 1, 0, null],
      ['1001', 1, 0, null],
    ]);
  });

  it("lists each agent's promises by reply time, each with its urgency", () => {
    const groups = promisesByAgent(promises, LEAD, T);
    const of = (agentId: string) => groups.find((group) => group.agent.agentId === agentId)?.rows.map((row) => [row.promise.id.slice(-1), row.urgency]);
    expect(of('1003')).toEqual([
      ['5', 'overdue'],
      ['4', 'overdue'],
    ]);
    expect(of('1002')).toEqual([
      ['3', 'overdue'],
      ['2', 'later'],
    ]);
    expect(of('1000')).toEqual([['6', 'soon']]);
  });

  it('groups by the owner now, not by who made the promise (a handover accepted moves it)', () => {
    const handedOn = aPromise(1, { madeBy: agent('1001'), owner: agent('1002'), dueAt: T - MIN });
    expect(promisesByAgent([handedOn], LEAD, T).map((group) => group.agent.agentId)).toEqual(['1002']);
  });

  it('a promise is overdue exactly at its reply time, not a millisecond before', () => {
    const due = aPromise(1, { dueAt: T });
    expect(promisesByAgent([due], LEAD, T - 1)[0]).toMatchObject({ overdueCount: 0, oldestOverdueAt: null, rows: [{ urgency: 'soon' }] });
    expect(promisesByAgent([due], LEAD, T)[0]).toMatchObject({ overdueCount: 1, oldestOverdueAt: T, rows: [{ urgency: 'overdue' }] });
    expect(overduePromiseCount([due], LEAD, T - 1)).toBe(0);
    expect(overduePromiseCount([due], LEAD, T)).toBe(1);
  });

  it('re-sorts as time passes: an agent whose promise falls due moves up', () => {
    const a = aPromise(1, { owner: agent('1001'), dueAt: T + 5 * MIN });
    const b = aPromise(2, { owner: agent('1002'), dueAt: T - MIN });
    const c = aPromise(3, { owner: agent('1000'), dueAt: T + 60 * MIN });
    expect(promisesByAgent([a, b, c], LEAD, T).map((group) => group.agent.agentId)).toEqual(['1002', '1001', '1000']);
    const later = promisesByAgent([a, b, c], LEAD, T + 61 * MIN);
    expect(later.map((group) => [group.agent.agentId, group.overdueCount])).toEqual([
      ['1002', 1],
      ['1001', 1],
      ['1000', 1],
    ]);
  });

  it("the badge counts every open overdue promise, not kept ones, nor ones only due soon", () => {
    expect(overduePromiseCount(promises, LEAD, T)).toBe(3);
    expect(overduePromiseCount(promises, LEAD, T + 120 * MIN)).toBe(6);
    expect(overduePromiseCount([], LEAD, T)).toBe(0);
  });
});

describe('handovers on the board', () => {
  it('pending ones, the one waiting longest first; accepted ones are not among them', () => {
    const recent = aHandover(1, { handedAt: T - MIN, receivedAt: T - MIN });
    const old = aHandover(2, { handedAt: T - 90 * MIN, receivedAt: T - 90 * MIN });
    const taken = accepted(aHandover(3, { handedAt: T - 120 * MIN }), agent('1002'), T - 60 * MIN);
    const list = pendingHandovers({ [recent.id]: recent, [old.id]: old, [taken.id]: taken });
    expect(list.map((handover) => handover.id)).toEqual([old.id, recent.id]);
  });

  it('waited since it was written (offline, received later), never less than 0 when the desk clock runs ahead', () => {
    expect(handoverWaitMs(aHandover(1, { handedAt: T - 30 * MIN, receivedAt: T - 5 * MIN }), T)).toBe(30 * MIN);
    expect(handoverWaitMs(aHandover(1, { handedAt: T + 5 * MIN, receivedAt: T - 2 * MIN }), T)).toBe(2 * MIN);
    expect(handoverWaitMs(aHandover(1, { handedAt: T + 5 * MIN, receivedAt: T + 5 * MIN }), T)).toBe(0);
  });

  it("a day's accepted ones: given or accepted on that center date, last accepted first", () => {
    // 2026-12-01 23:50 in the center, accepted 2026-12-02 00:10.
    const night = accepted(aHandover(1, { handedAt: Date.UTC(2026, 11, 1, 15, 50), receivedAt: Date.UTC(2026, 11, 1, 15, 50) }), agent('1002'), Date.UTC(2026, 11, 1, 16, 10));
    const morning = accepted(aHandover(2, { handedAt: T - 60 * MIN, receivedAt: T - 60 * MIN }), agent('1003'), T);
    const pending = aHandover(3);
    const held = { [night.id]: night, [morning.id]: morning, [pending.id]: pending };
    expect(acceptedHandoversOn(held, '2026-12-01', CHINA).map((handover) => handover.id)).toEqual([night.id, morning.id]);
    expect(acceptedHandoversOn(held, '2026-12-02', CHINA).map((handover) => handover.id)).toEqual([night.id]);
    expect(acceptedHandoversOn(held, '2026-11-30', CHINA)).toEqual([]);
  });
});
