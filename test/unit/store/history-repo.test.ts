import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyHistoryQuery, type HistoryCall, type HistoryQuery } from '../../../src/contract/history';
import type { CallPayload } from '../../../src/contract/sync';
import { numbersIn, searchDigits, searchPhrases, searchWords } from '../../../src/domain/search-text';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { historyMatch } from '../../../main/store/history-fts';
import { historySearchSql } from '../../../main/store/history-repo';
import { purgeExpiredCalls } from '../../../main/store/retention';
import { StoreError } from '../../../main/store/store-error';
import { AGENT, OTHER_AGENT, T0, aCall, aWrapUp } from './fixtures';

const DAY = 86_400_000;
const opened: DeskStore[] = [];
afterEach(() => opened.splice(0).forEach((store) => store.close()));

function openStore(): DeskStore {
  const store = openDeskStore(':memory:');
  opened.push(store);
  return store;
}

const query = (conditions: Partial<HistoryQuery> = {}): HistoryQuery => ({ ...emptyHistoryQuery, ...conditions });

/** A finished call of `agentId` offered at `offeredAt`, recorded through the repository. */
function recordCall(store: DeskStore, offeredAt: number, overrides: Partial<CallPayload> = {}, agentId = AGENT): CallPayload {
  const call = aCall({ offeredAt, answeredAt: offeredAt + 6_000, endedAt: offeredAt + 180_000, ...overrides });
  store.calls.recordFinished(agentId, call, call.endedAt);
  return call;
}

/** Every call the search finds, page after page (of `pageSize`), in the order the pages give them. */
function allPages(store: DeskStore, conditions: Partial<HistoryQuery>, pageSize = 20, agentId = AGENT): HistoryCall[] {
  const calls: HistoryCall[] = [];
  let cursor: HistoryQuery['cursor'] = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = store.history.search(agentId, query({ ...conditions, pageSize, cursor }));
    expect(page.calls.length).toBeLessThanOrEqual(pageSize);
    calls.push(...page.calls);
    if (page.nextCursor === null) return calls;
    expect(page.calls).toHaveLength(pageSize);
    cursor = page.nextCursor;
  }
  throw new Error('the pages never ended');
}

const ids = (calls: HistoryCall[]) => calls.map((call) => call.callId);

describe('HistoryRepo.search: by number', () => {
  it('finds the same call whatever grouping is typed, and by any part of the number of three digits or more', () => {
    const store = openStore();
    const wanted = recordCall(store, T0, { remoteNumber: '13812345678' });
    recordCall(store, T0 + 60_000, { remoteNumber: '13900001111' });
    for (const typed of ['138 1234 5678', '138-1234-5678', '13812345678', '+86 138 1234 5678', '１３８１２３４５６７８', '1234', '345 67', '678']) {
      expect(ids(store.history.search(AGENT, query({ number: typed })).calls), typed).toEqual([wanted.callId]);
    }
    expect(store.history.search(AGENT, query({ number: '13812345679' })).calls).toEqual([]);
  });

  it('finds a number in the wrap-up contact, and never one made of the end of one number and the start of the next', () => {
    const store = openStore();
    const call = recordCall(store, T0, { remoteNumber: '5512' });
    store.wrapUps.save(AGENT, aWrapUp(call.callId, { customerContact: '123 / 010-8765 4321' }), T0 + 200_000);
    expect(ids(store.history.search(AGENT, query({ number: '010 8765' })).calls)).toEqual([call.callId]);
    expect(ids(store.history.search(AGENT, query({ number: '551' })).calls)).toEqual([call.callId]);
    // 5512 then 123: "5123" is in neither number.
    expect(store.history.search(AGENT, query({ number: '5123' })).calls).toEqual([]);
    expect(store.history.search(AGENT, query({ number: '5121' })).calls).toEqual([]);
  });

  it('refuses a number of fewer than three digits (it would match nearly every call)', () => {
    const store = openStore();
    for (const typed of ['12', 'ab', '1-2']) {
      expect(() => store.history.search(AGENT, query({ number: typed }))).toThrow(expect.objectContaining({ code: 'invalid-query' }) as Error);
    }
  });
});

describe('HistoryRepo.search: by name and summary', () => {
  it('finds Chinese words inside the text, Latin words whole and in any case, every phrase given', () => {
    const store = openStore();
    const repair = recordCall(store, T0, { remoteDisplayName: 'Zhang San' });
    store.wrapUps.save(AGENT, aWrapUp(repair.callId, { customerName: '张三丰', summary: '宽带断线，已登记报修。Router 已重启' }), T0 + 200_000);
    const bill = recordCall(store, T0 + 60_000, { remoteDisplayName: '' });
    store.wrapUps.save(AGENT, aWrapUp(bill.callId, { customerName: '李四', summary: '话费账单有误，router 型号 AX3' }), T0 + 260_000);
    const found = (conditions: Partial<HistoryQuery>) => ids(store.history.search(AGENT, query(conditions)).calls);

    expect(found({ name: '张三' })).toEqual([repair.callId]);
    expect(found({ name: '三丰' })).toEqual([repair.callId]);
    expect(found({ name: 'zhang' })).toEqual([repair.callId]);
    expect(found({ name: '李四' })).toEqual([bill.callId]);
    expect(found({ summary: '断线' })).toEqual([repair.callId]);
    expect(found({ summary: 'ROUTER' })).toEqual([bill.callId, repair.callId]);
    expect(found({ summary: 'rout' })).toEqual([]);
    expect(found({ summary: '账单 ax3' })).toEqual([bill.callId]);
    expect(found({ summary: '账单 断线' })).toEqual([]);
    expect(found({ summary: '线断' })).toEqual([]);
    expect(found({ name: '张三', summary: '报修' })).toEqual([repair.callId]);
  });

  it('finds nothing for text with no word in it, and reads FTS5 syntax as plain words', () => {
    const store = openStore();
    const call = recordCall(store, T0);
    store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary: 'please call back NEAR noon OR later' }), T0 + 200_000);
    expect(store.history.search(AGENT, query({ summary: '😀 *** ""' })).calls).toEqual([]);
    expect(ids(store.history.search(AGENT, query({ summary: 'NEAR' })).calls)).toEqual([call.callId]);
    expect(ids(store.history.search(AGENT, query({ summary: '"noon" OR' })).calls)).toEqual([call.callId]);
    expect(store.history.search(AGENT, query({ summary: 'call OR missing' })).calls).toEqual([]);
    expect(store.history.search(AGENT, query({ summary: 'NEAR(call back)' })).calls).toEqual([]);
  });
});

describe('HistoryRepo.search: conditions and pages', () => {
  it('filters by date range, disposition, direction and survey rating, all together', () => {
    const store = openStore();
    const calls = Array.from({ length: 12 }, (_, index) => {
      const call = recordCall(store, T0 + index * DAY, { direction: index % 3 === 0 ? 'outbound' : 'inbound' });
      store.wrapUps.save(AGENT, aWrapUp(call.callId, { disposition: index % 2 === 0 ? 'complaint' : 'inquiry' }), call.endedAt);
      if (index % 4 === 0) store.surveyResults.save({ id: uuidv7(), callId: call.callId, agentId: AGENT, rating: 'dissatisfied', customerNumber: '', ratedAt: call.endedAt, receivedAt: call.endedAt });
      return call;
    });
    const expectFound = (conditions: Partial<HistoryQuery>, indexes: number[]) =>
      expect(ids(allPages(store, conditions, 2))).toEqual(indexes.map((index) => calls[index]!.callId));

    expectFound({ from: T0 + 3 * DAY, before: T0 + 6 * DAY }, [5, 4, 3]);
    expectFound({ disposition: 'complaint' }, [10, 8, 6, 4, 2, 0]);
    expectFound({ direction: 'outbound' }, [9, 6, 3, 0]);
    expectFound({ rating: 'dissatisfied' }, [8, 4, 0]);
    expectFound({ disposition: 'complaint', direction: 'outbound', from: T0 + 1 }, [6]);
    expectFound({ rating: 'satisfied' }, []);
  });

  it('pages through every call once, newest first, calls of one millisecond in call-id order', () => {
    const store = openStore();
    const made: CallPayload[] = [];
    // 40 calls in 13 milliseconds: many pages end inside a millisecond's calls.
    for (let index = 0; index < 40; index++) made.push(recordCall(store, T0 + Math.floor(index / 3)));
    const expected = [...made].sort((a, b) => b.offeredAt - a.offeredAt || (a.callId < b.callId ? 1 : -1)).map((call) => call.callId);
    for (const pageSize of [1, 2, 3, 4, 7, 40, 100]) expect(ids(allPages(store, {}, pageSize)), `pages of ${pageSize}`).toEqual(expected);
    expect(ids(allPages(store, { number: '1234' }, 4))).toEqual(expected);
  });

  it("shows only the agent's own calls", () => {
    const store = openStore();
    const own = recordCall(store, T0);
    recordCall(store, T0 + 1, {}, OTHER_AGENT);
    expect(ids(allPages(store, {}))).toEqual([own.callId]);
    expect(ids(allPages(store, { number: '1234' }))).toEqual([own.callId]);
  });

  it('carries each row as the history shows it: times, rings, disposition, wrap-up state, survey', () => {
    const store = openStore();
    const call = recordCall(store, T0, { ringsAtAnswer: 3, survey: 'transferred', remoteDisplayName: '王五' });
    const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary: '长'.repeat(500), resolved: true, promisedReplyAt: null }), T0 + 200_000);
    store.surveyResults.save({ id: uuidv7(), callId: call.callId, agentId: AGENT, rating: 'satisfied', customerNumber: '', ratedAt: T0 + 300_000, receivedAt: T0 + 300_000 });
    const [row] = store.history.search(AGENT, query()).calls;
    expect(row).toEqual({
      callId: call.callId,
      direction: 'inbound',
      remoteNumber: '13812345678',
      remoteDisplayName: '王五',
      offeredAt: T0,
      answeredAt: T0 + 6_000,
      endedAt: T0 + 180_000,
      ringsAtAnswer: 3,
      disposition: 'repair',
      customerName: '张三',
      summary: '长'.repeat(200),
      resolved: true,
      wrapUp: 'pending',
      survey: 'transferred',
      surveyRating: 'satisfied',
      source: 'desk',
    });
    store.outbox.markAcked([recordId], T0 + 400_000);
    expect(store.history.search(AGENT, query()).calls[0]?.wrapUp).toBe('synced');
  });
});

describe('HistoryRepo.search: the index follows every write', () => {
  it('finds a draft by its words, then the saved wrap-up by its own; a late survey result; and loses a purged call', () => {
    const store = openStore();
    const call = recordCall(store, T0);
    const found = (conditions: Partial<HistoryQuery>) => ids(store.history.search(AGENT, query(conditions)).calls);
    expect(found({ summary: '退款' })).toEqual([]);
    store.wrapUps.saveDraft(AGENT, { ...aWrapUp(call.callId, { summary: '客户要求退款' }), disposition: '', resolved: null }, T0 + 190_000);
    expect(found({ summary: '退款' })).toEqual([call.callId]);
    expect(store.history.search(AGENT, query()).calls[0]).toMatchObject({ wrapUp: 'draft', disposition: null });
    // Resolved: an open promise would keep the call from the purge below.
    store.wrapUps.save(AGENT, aWrapUp(call.callId, { summary: '已办理退货', disposition: 'sale', resolved: true, promisedReplyAt: null }), T0 + 200_000);
    expect(found({ summary: '退款' })).toEqual([]);
    expect(found({ summary: '退货', disposition: 'sale' })).toEqual([call.callId]);

    expect(found({ rating: 'neutral' })).toEqual([]);
    store.surveyResults.save({ id: uuidv7(), callId: call.callId, agentId: AGENT, rating: 'neutral', customerNumber: '', ratedAt: T0 + 300_000, receivedAt: T0 + 300_000 });
    expect(found({ rating: 'neutral' })).toEqual([call.callId]);

    for (const record of store.outbox.nextBatch(AGENT, 10, Number.MAX_SAFE_INTEGER)) store.outbox.markAcked([record.id], T0 + 400_000);
    expect(purgeExpiredCalls(store.db, T0 + 100 * DAY, 90).calls).toBe(1);
    expect(found({})).toEqual([]);
    expect(found({ summary: '退货' })).toEqual([]);
  });
});

describe('HistoryRepo.search: query plans', () => {
  const plan = (store: DeskStore, conditions: Partial<HistoryQuery>) => {
    const valid = query(conditions);
    const match = historyMatch(valid);
    const sql = historySearchSql(AGENT, valid, match.kind === 'match' ? match.expression : null, { low: 0, high: Number.MAX_SAFE_INTEGER, cursor: null }, 21);
    return store.db.prepare(`EXPLAIN QUERY PLAN ${sql.text}`).all(sql.params).map((row) => (row as { detail: string }).detail).join(' | ');
  };

  it('reads every kind of search along the sort key: never a sort, never a full scan', () => {
    const store = openStore();
    for (const conditions of [{}, { number: '1234' }, { name: '张三' }, { summary: '断线', direction: 'inbound' as const }, { disposition: 'repair' }, { rating: 'none' as const }, { direction: 'outbound' as const }]) {
      const detail = plan(store, conditions);
      expect(detail, JSON.stringify(conditions)).not.toMatch(/TEMP B-TREE|SCAN call_search(?!_text)/);
    }
    expect(plan(store, { summary: '断线', disposition: 'repair' })).toMatch(/^SCAN call_search_text VIRTUAL TABLE.*SEARCH call_search USING INTEGER PRIMARY KEY/);
  });
});

/** Pieces of hostile text: FTS5 operators and syntax, quotes, CJK, emoji, full-width forms, spaces. */
const hostilePiece = fc.constantFrom(
  '张', '三', '宽', '带', '断', '线', 'abc', 'Router', 'NEAR', 'OR', 'AND', 'NOT', '42', '😀', '👍🏽', '"', '""', "'", '*', '-', '^', '(', ')', ':',
  '{', '}', '+', '，', '.', ' ', '  ', '\t', 'ＡＢＣ', 'NEAR(', 'summary:', 'name :', '\\', '%', '_', '\u200b',
);
const hostileText = fc.array(hostilePiece, { maxLength: 12 }).map((pieces) => pieces.join(''));
const numberText = fc.array(fc.constantFrom('1', '2', '3', '5', '8', ' ', '-', '(', ')', '+86 ', '１'), { maxLength: 14 }).map((pieces) => pieces.join(''));

/** Whether `words` has `phrase` as consecutive words (case folded): what FTS5's phrase match means. */
function hasPhrase(words: string[], phrase: string[]): boolean {
  const folded = words.map((word) => word.toLowerCase());
  const wanted = phrase.map((word) => word.toLowerCase());
  return folded.some((_, start) => wanted.every((word, offset) => folded[start + offset] === word));
}

describe('HistoryRepo.search: hostile input, generated', () => {
  it('finds exactly the calls whose text has every phrase, whatever is typed: nothing is ever read as FTS5 syntax', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: hostileText, summary: hostileText, number: numberText }), { minLength: 1, maxLength: 6 }), fc.record({ name: hostileText, summary: hostileText }), (calls, typed) => {
        const store = openDeskStore(':memory:');
        try {
          const made = calls.map((text, index) => {
            const call = recordCall(store, T0 + index, { remoteDisplayName: text.name.slice(0, 128) });
            store.wrapUps.save(AGENT, aWrapUp(call.callId, { customerName: text.name.slice(0, 128), summary: text.summary, customerContact: text.number }), T0 + 1_000);
            return { callId: call.callId, name: `${text.name.slice(0, 128)} ${text.name.slice(0, 128)}`, summary: text.summary };
          });
          const phrases = { name: searchPhrases(typed.name), summary: searchPhrases(typed.summary) };
          const nothing = (typed.name.trim() !== '' && phrases.name.length === 0) || (typed.summary.trim() !== '' && phrases.summary.length === 0);
          const expected = nothing
            ? []
            : made
                .filter((call) => phrases.name.every((phrase) => hasPhrase(searchWords(call.name), phrase)))
                .filter((call) => phrases.summary.every((phrase) => hasPhrase(searchWords(call.summary), phrase)))
                .map((call) => call.callId)
                .reverse();
          expect(ids(allPages(store, typed, 2))).toEqual(expected);
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finds exactly the calls with a number containing the typed digits, and refuses fewer than three digits', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ remote: fc.stringMatching(/^\+?[0-9]{0,12}$/), contact: numberText }), { minLength: 1, maxLength: 6 }), numberText, (calls, typed) => {
        const store = openDeskStore(':memory:');
        try {
          const made = calls.map((numbers, index) => {
            const call = recordCall(store, T0 + index, { remoteNumber: numbers.remote });
            store.wrapUps.save(AGENT, aWrapUp(call.callId, { customerContact: numbers.contact }), T0 + 1_000);
            return { callId: call.callId, numbers: [...numbersIn(numbers.remote), ...numbersIn(numbers.contact)] };
          });
          const digits = searchDigits(typed);
          if (typed.trim() !== '' && digits.length < 3) {
            expect(() => store.history.search(AGENT, query({ number: typed }))).toThrow(StoreError);
            return;
          }
          const expected = made.filter((call) => typed.trim() === '' || call.numbers.some((number) => number.includes(digits))).map((call) => call.callId).reverse();
          expect(ids(allPages(store, { number: typed }, 2))).toEqual(expected);
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on any text at all in the name and summary fields', () => {
    const store = openStore();
    recordCall(store, T0);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ unit: 'grapheme', maxLength: 200 }), (name, summary) => {
        expect(Array.isArray(store.history.search(AGENT, query({ name, summary })).calls)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
