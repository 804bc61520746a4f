import { describe, expect, it } from 'vitest';
import { emptyHistoryQuery, type HistoryCall, type HistoryPage, type HistoryQuery } from '../../../src/contract/history';
import { ManualClock } from '../../../src/domain/clock';
import { HistorySearch, mergeHistoryPages, type HistorySources } from '../../../main/desk/history-search';

const T0 = Date.UTC(2026, 10, 23, 1, 0);

function aCall(offeredAt: number, callId: string, source: HistoryCall['source']): HistoryCall {
  return {
    callId,
    direction: 'inbound',
    remoteNumber: '13812345678',
    remoteDisplayName: '',
    offeredAt,
    answeredAt: offeredAt + 5_000,
    endedAt: offeredAt + 60_000,
    ringsAtAnswer: 1,
    disposition: 'repair',
    customerName: '',
    summary: '',
    resolved: true,
    wrapUp: source === 'desk' ? 'pending' : 'synced',
    survey: null,
    surveyRating: null,
    source,
  };
}

/** A page of `calls` (newest first) after `cursor`, as either source answers one. */
function pageOf(calls: HistoryCall[], query: HistoryQuery): HistoryPage {
  const after = query.cursor;
  const rest = calls.filter((call) => !after || call.offeredAt < after.offeredAt || (call.offeredAt === after.offeredAt && call.callId < after.callId));
  const page = rest.slice(0, query.pageSize);
  const last = page.at(-1);
  return { calls: page, nextCursor: rest.length > query.pageSize && last ? { offeredAt: last.offeredAt, callId: last.callId } : null };
}

describe('mergeHistoryPages', () => {
  it('pages through the union of this desk and the server once, newest first, the desk row winning for a call both have', async () => {
    // This seat took the odd minutes, another seat the even ones; both know minute 4 (this desk synced it).
    const local = [9, 7, 5, 4, 3, 1].map((minute) => aCall(T0 + minute * 60_000, `c-${minute}`, 'desk'));
    const server = [10, 8, 6, 4, 2, 0].map((minute) => aCall(T0 + minute * 60_000, `c-${minute}`, 'server'));
    const search = new HistorySearch({
      sources: { local: (_agent, query) => pageOf(local, query), server: async (_token, _agent, query) => pageOf(server, query) },
      clock: new ManualClock(T0),
      serverTimeoutMs: 1_000,
      reportFault: () => {},
    });
    const seen: HistoryCall[] = [];
    let cursor: HistoryQuery['cursor'] = null;
    do {
      const page = await search.search('1001', 'token', { ...emptyHistoryQuery, pageSize: 3, cursor });
      expect(page.server).toBe('included');
      seen.push(...page.calls);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((call) => call.callId)).toEqual(['c-10', 'c-9', 'c-8', 'c-7', 'c-6', 'c-5', 'c-4', 'c-3', 'c-2', 'c-1', 'c-0']);
    expect(seen.find((call) => call.callId === 'c-4')?.source).toBe('desk');
  });

  it('says there is more while either side has more, and ends on the last call', () => {
    const a = aCall(T0 + 2, 'a', 'desk');
    const b = aCall(T0 + 1, 'b', 'server');
    expect(mergeHistoryPages({ calls: [a], nextCursor: null }, { calls: [b], nextCursor: null }, 5)).toEqual({ calls: [a, b], nextCursor: null });
    expect(mergeHistoryPages({ calls: [a], nextCursor: null }, { calls: [b], nextCursor: { offeredAt: b.offeredAt, callId: 'b' } }, 5).nextCursor).toEqual({ offeredAt: b.offeredAt, callId: 'b' });
    expect(mergeHistoryPages({ calls: [a], nextCursor: null }, { calls: [b], nextCursor: null }, 1)).toEqual({ calls: [a], nextCursor: { offeredAt: a.offeredAt, callId: 'a' } });
  });
});

describe('HistorySearch without the server', () => {
  const local = [aCall(T0, 'here', 'desk')];
  const sources = (server: HistorySources['server']): HistorySources => ({ local: (_agent, query) => pageOf(local, query), server });

  it('shows this desk calls when the server is too slow, and says so', async () => {
    const clock = new ManualClock(T0);
    const search = new HistorySearch({ sources: sources(() => new Promise(() => {})), clock, serverTimeoutMs: 3_000, reportFault: () => {} });
    const answer = search.search('1001', 'token', emptyHistoryQuery);
    clock.advance(3_000);
    expect(await answer).toEqual({ calls: local, nextCursor: null, server: 'unavailable' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('shows this desk calls when the server fails (and reports it), or when there is no session to ask with', async () => {
    const faults: string[] = [];
    let asked = 0;
    const search = new HistorySearch({
      sources: sources(() => {
        asked++;
        return Promise.reject(new Error('503'));
      }),
      clock: new ManualClock(T0),
      serverTimeoutMs: 3_000,
      reportFault: (where) => faults.push(where),
    });
    expect(await search.search('1001', 'token', emptyHistoryQuery)).toMatchObject({ calls: local, server: 'unavailable' });
    expect(faults).toEqual(['history search on the server']);
    expect(await search.search('1001', null, emptyHistoryQuery)).toMatchObject({ calls: local, server: 'unavailable' });
    expect(asked).toBe(1);
  });
});
