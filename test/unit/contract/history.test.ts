import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHistoryOrder,
  emptyHistoryQuery,
  HISTORY_PAGE_SIZE_MAX,
  historyQuerySchema,
  historySearchParams,
  historySearchParamsSchema,
  type HistoryQuery,
} from '../../../src/contract/history';

const query = (conditions: Partial<HistoryQuery>): HistoryQuery => ({ ...emptyHistoryQuery, ...conditions });

describe('historyQuerySchema: what a history search may ask', () => {
  it('takes the empty query and every condition together', () => {
    expect(historyQuerySchema.parse(emptyHistoryQuery)).toEqual(emptyHistoryQuery);
    const full = query({ number: '138 1234 5678', name: '张三', summary: '断线', from: 1, before: 2, disposition: 'repair', direction: 'inbound', rating: 'none', cursor: { offeredAt: 5, callId: 'c' }, pageSize: 50 });
    expect(historyQuerySchema.parse(full)).toEqual(full);
  });

  it('refuses a number of fewer than three digits, long text, an empty range and pages beyond the cap', () => {
    for (const bad of [
      query({ number: '12' }),
      query({ number: 'abc' }),
      query({ number: '1'.repeat(65) }),
      query({ name: '张'.repeat(65) }),
      query({ summary: 'x'.repeat(201) }),
      query({ from: 5, before: 5 }),
      query({ pageSize: 0 }),
      query({ pageSize: HISTORY_PAGE_SIZE_MAX + 1 }),
      query({ rating: 'great' as never }),
      query({ cursor: { offeredAt: -1, callId: 'c' } }),
    ]) {
      expect(historyQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('historySearchParams: the query string of GET /v1/agents/:agentId/history', () => {
  const queryArbitrary = fc.record({
    number: fc.constantFrom('', '138 1234 5678', '+86-138', '567'),
    name: fc.string({ maxLength: 64 }),
    summary: fc.string({ maxLength: 200 }),
    from: fc.option(fc.integer({ min: 0, max: 2 ** 40 })),
    before: fc.option(fc.integer({ min: 2 ** 40 + 1, max: 2 ** 41 })),
    disposition: fc.option(fc.constantFrom('repair', 'complaint', '投诉&x=1')),
    direction: fc.option(fc.constantFrom('inbound' as const, 'outbound' as const)),
    rating: fc.option(fc.constantFrom('satisfied' as const, 'none' as const)),
    cursor: fc.option(fc.record({ offeredAt: fc.integer({ min: 0, max: 2 ** 42 }), callId: fc.uuid() })),
    pageSize: fc.integer({ min: 1, max: HISTORY_PAGE_SIZE_MAX }),
  });

  it('reads back every query it writes, through a real URL', () => {
    fc.assert(
      fc.property(queryArbitrary, (written) => {
        const url = new URL(`http://server/v1/agents/1001/history?${new URLSearchParams(historySearchParams(written)).toString()}`);
        expect(historySearchParamsSchema.parse(Object.fromEntries(url.searchParams))).toEqual(written);
      }),
    );
  });

  it('refuses half a cursor and a repeated parameter', () => {
    expect(historySearchParamsSchema.safeParse({ cursorOfferedAt: '5' }).success).toBe(false);
    expect(historySearchParamsSchema.safeParse({ number: ['138', '139'] }).success).toBe(false);
    expect(historySearchParamsSchema.parse({})).toEqual(emptyHistoryQuery);
  });
});

describe('compareHistoryOrder', () => {
  it('puts the newest offer first, then the greater call id', () => {
    const places = [
      { offeredAt: 1, callId: 'b' },
      { offeredAt: 2, callId: 'a' },
      { offeredAt: 1, callId: 'c' },
    ];
    expect([...places].sort(compareHistoryOrder)).toEqual([places[1], places[2], places[0]]);
  });
});
