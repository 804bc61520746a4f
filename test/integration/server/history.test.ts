import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boardLoginResponseSchema,
  historyPageSchema,
  historySearchParams,
  emptyHistoryQuery,
  type ApiError,
  type HistoryCall,
  type HistoryPage,
  type HistoryQuery,
  type SyncRecord,
} from '../../../src/contract';
import { backends } from './backends';
import { callRecord, login, request, wrapUpRecord } from './desk-http';
import { useServerSuite } from './server-suite';

const T0 = Date.UTC(2026, 10, 2, 1, 0);
const DAY = 86_400_000;

describe.each(backends)('call history on $name', (backend) => {
  const { url, db } = useServerSuite(backend, {}, T0 + 40 * DAY);
  let agentToken = '';
  /** 1001's calls as reported, newest first (the history's order). */
  let calls: Array<ReturnType<typeof callRecord>> = [];
  let wrapUps = new Map<string, ReturnType<typeof wrapUpRecord>>();
  let otherCallId = '';

  const read = (token: string, agentId: string, query: Partial<HistoryQuery>) =>
    request<HistoryPage & ApiError>(url(), 'GET', `/v1/agents/${agentId}/history?${new URLSearchParams(historySearchParams({ ...emptyHistoryQuery, ...query })).toString()}`, { token });
  const search = async (query: Partial<HistoryQuery>) => {
    const answer = await read(agentToken, '1001', query);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return historyPageSchema.parse(answer.body);
  };
  const found = async (query: Partial<HistoryQuery>) => (await search(query)).calls.map((call) => call.callId);
  /** Every call of every page, in order. */
  const allPages = async (query: Partial<HistoryQuery>, pageSize: number) => {
    const seen: HistoryCall[] = [];
    let cursor: HistoryQuery['cursor'] = null;
    do {
      const page = await search({ ...query, pageSize, cursor });
      seen.push(...page.calls);
      cursor = page.nextCursor;
    } while (cursor);
    return seen.map((call) => call.callId);
  };
  const idsOf = (indexes: number[]) => indexes.map((index) => calls[index]!.payload.callId);

  beforeAll(async () => {
    agentToken = (await login(url(), '1001')).token;
    // 1001's 20 calls, one a day, the newest first; two more in the same millisecond as call 5.
    const made = Array.from({ length: 20 }, (_, index) => {
      const offeredAt = T0 + (30 - index) * DAY;
      return callRecord('1001', offeredAt + 120_000, {
        offeredAt,
        answeredAt: offeredAt + 8_000,
        remoteNumber: index % 2 === 0 ? '13812345678' : `0571876543${String(index).padStart(2, '0')}`,
        remoteDisplayName: index === 3 ? 'Wang Wu' : '',
        direction: index % 5 === 0 ? 'outbound' : 'inbound',
      });
    });
    const tied = [0, 1].map(() => callRecord('1001', made[5]!.occurredAt, { offeredAt: made[5]!.payload.offeredAt, remoteNumber: '13900000000' }));
    calls = [...made, ...tied].sort((a, b) => b.payload.offeredAt - a.payload.offeredAt || (a.payload.callId < b.payload.callId ? 1 : -1));
    wrapUps = new Map(
      calls.slice(0, 12).map((call, index) => [
        call.payload.callId,
        wrapUpRecord('1001', call.occurredAt + 30_000, {
          callId: call.payload.callId,
          disposition: index % 3 === 0 ? 'complaint' : 'inquiry',
          customerName: index === 4 ? '李四' : '张三',
          summary: index === 4 ? '话费账单有误，已退款 refund' : '宽带断线，已登记报修',
          customerContact: index === 6 ? '010-6666 7777' : '138 1234 5678',
          resolved: index % 2 === 0,
        }),
      ]),
    );
    const records: SyncRecord[] = [...calls, ...wrapUps.values()];
    const answer = await request(url(), 'POST', '/v1/sync', { token: agentToken, json: { records } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    for (const [index, rating] of [[0, 'satisfied'], [2, 'dissatisfied'], [7, 'dissatisfied']] as const) {
      await db()
        .insertInto('survey_results')
        .values({ id: randomUUID(), call_id: calls[index]!.payload.callId, agent_id: '1001', rating, customer_number: '13812345678', rated_at: T0, received_at: T0 })
        .execute();
    }
    // Another agent's call from the same number: never in 1001's history.
    const other = await login(url(), '1002');
    const otherCall = callRecord('1002', T0 + 31 * DAY, { remoteNumber: '13812345678' });
    otherCallId = otherCall.payload.callId;
    expect((await request(url(), 'POST', '/v1/sync', { token: other.token, json: { records: [otherCall] } })).status).toBe(200);
  });

  it('returns the agent own calls newest first, each with its wrap-up and survey result', async () => {
    const page = await search({ pageSize: 3 });
    expect(page.calls.map((call) => call.callId)).toEqual(idsOf([0, 1, 2]));
    const first = calls[0]!.payload;
    expect(page.calls[0]).toEqual({
      callId: first.callId,
      direction: first.direction,
      remoteNumber: first.remoteNumber,
      remoteDisplayName: '',
      offeredAt: first.offeredAt,
      answeredAt: first.answeredAt,
      endedAt: first.endedAt,
      ringsAtAnswer: 2,
      disposition: 'complaint',
      customerName: '张三',
      summary: '宽带断线，已登记报修',
      resolved: true,
      wrapUp: 'synced',
      survey: 'transferred',
      surveyRating: 'satisfied',
      source: 'server',
    });
    expect(page.nextCursor).toEqual({ offeredAt: calls[2]!.payload.offeredAt, callId: calls[2]!.payload.callId });
    expect((await search({ cursor: { offeredAt: calls[12]!.payload.offeredAt, callId: calls[12]!.payload.callId }, pageSize: 1 })).calls[0]).toMatchObject({ wrapUp: 'none', disposition: null, customerName: '', summary: '' });
  });

  it('pages through every call once, calls of one millisecond in call-id order', async () => {
    const everything = calls.map((call) => call.payload.callId);
    for (const pageSize of [1, 4, 7, 22, 100]) expect(await allPages({}, pageSize), `pages of ${pageSize}`).toEqual(everything);
    expect(everything).not.toContain(otherCallId);
  });

  it('searches by number in any grouping, by a part of it, and by the number in the wrap-up contact', async () => {
    const mobile = calls.map((call, index) => ({ call, index })).filter(({ call }) => call.payload.remoteNumber === '13812345678' || wrapUps.get(call.payload.callId)?.payload.customerContact === '138 1234 5678');
    for (const typed of ['138 1234 5678', '138-1234-5678', '13812345678', '+86 138 1234 5678', '2345']) {
      expect(await allPages({ number: typed }, 5), typed).toEqual(mobile.map(({ call }) => call.payload.callId));
    }
    expect(await found({ number: '6666-7777' })).toEqual(idsOf([6]));
    expect(await found({ number: '87654319' })).toEqual(idsOf(calls.map((call, index) => ({ call, index })).filter(({ call }) => call.payload.remoteNumber === '057187654319').map(({ index }) => index)));
  });

  it('searches by name, summary words, date range, disposition, direction and rating, all together', async () => {
    expect(await found({ name: '李四' })).toEqual(idsOf([4]));
    expect(await found({ name: 'wang' })).toEqual([calls.find((call) => call.payload.remoteDisplayName === 'Wang Wu')!.payload.callId]);
    expect(await found({ summary: '退款 REFUND' })).toEqual(idsOf([4]));
    expect(await found({ summary: '断线', pageSize: 100 })).toEqual(idsOf([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]));
    expect(await found({ summary: '100%_off' })).toEqual([]);
    expect(await found({ summary: '😀 ***' })).toEqual([]);
    expect(await found({ disposition: 'complaint', pageSize: 100 })).toEqual(idsOf([0, 3, 6, 9]));
    expect(await found({ rating: 'dissatisfied' })).toEqual(idsOf([2, 7]));
    const outbound = calls.map((call, index) => ({ call, index })).filter(({ call }) => call.payload.direction === 'outbound').map(({ index }) => index);
    expect(await found({ direction: 'outbound' })).toEqual(idsOf(outbound));
    const range = { from: calls[5]!.payload.offeredAt, before: calls[2]!.payload.offeredAt };
    expect(await found(range)).toEqual(idsOf([3, 4, 5, 6, 7]));
    // Complaints in the range are calls 3 and 6; only 3 has a number with 138 (6 was from 010-6666 7777).
    expect(await found({ ...range, disposition: 'complaint', summary: '报修', number: '138' })).toEqual(idsOf([3]));
  });

  it("refuses another agent's history (403) and an agent's without a session (401); a supervisor reads anyone's", async () => {
    const refused = await read(agentToken, '1002', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await request<ApiError>(url(), 'GET', '/v1/agents/1001/history')).status).toBe(401);
    const supervisor = await login(url(), '9001');
    const answer = await read(supervisor.token, '1002', {});
    expect(answer.status).toBe(200);
    expect(historyPageSchema.parse(answer.body).calls.map((call) => call.callId)).toEqual([otherCallId]);
    const board = boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body);
    expect((await read(board.token, '1001', { pageSize: 1 })).status).toBe(200);
  });

  it('refuses a query the contract does not allow (400), naming what is wrong', async () => {
    for (const path of ['?number=12', '?pageSize=1000', '?rating=great', '?cursorOfferedAt=5', '?from=9&before=3', `?summary=${'x'.repeat(201)}`]) {
      const answer = await request<ApiError>(url(), 'GET', `/v1/agents/1001/history${path}`, { token: agentToken });
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code).toBe('invalid-request');
    }
  });
});
