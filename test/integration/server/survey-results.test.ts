import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  serverSurveyResultSchema,
  surveyResultsResponseSchema,
  surveyResultStoredSchema,
  type ApiError,
  type ServerSurveyResult,
  type SurveyResult,
} from '../../../src/contract';
import { backends } from './backends';
import { callRecord, login, request } from './desk-http';
import { openUnresponsiveLive, refusalOf, surveyResultOf } from './live-socket';
import { useServerSuite } from './server-suite';

/** As the lab does: a random service token for the survey IVR. */
const SURVEY_TOKEN = randomBytes(32).toString('base64url');
const PING_INTERVAL_MS = 1_000;

describe.each(backends)('survey results on $name', (backend) => {
  const { clock, url, db, live, close } = useServerSuite(backend, {
    surveyTokens: [randomBytes(32).toString('base64url'), SURVEY_TOKEN],
    livePingIntervalMs: PING_INTERVAL_MS,
  });

  const surveyResult = (agentId: string, overrides: Partial<SurveyResult> = {}): SurveyResult => ({
    id: randomUUID(),
    callId: randomUUID(),
    agentId,
    rating: 'satisfied',
    customerNumber: '13812345678',
    ratedAt: clock.now() - 5_000,
    ...overrides,
  });
  /** The desk behind `token` reports a call of `agentId`, as it does when a call ends; the result rates that call. */
  const ratedCall = async (token: string, agentId: string, overrides: Partial<SurveyResult> = {}): Promise<SurveyResult> => {
    const call = callRecord(agentId, clock.now());
    const answer = await request(url(), 'POST', '/v1/sync', { token, json: { records: [call] } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return surveyResult(agentId, { callId: call.payload.callId, ...overrides });
  };
  /** What the server answers for a result it stored at the current server time. */
  const asStored = (result: SurveyResult): ServerSurveyResult => ({ ...result, receivedAt: clock.now() });
  /** `token` has no default: an explicit undefined must mean "no Authorization header". */
  const post = (json: unknown, token: string | undefined) =>
    request<{ stored: boolean } & ApiError>(url(), 'POST', '/v1/survey-results', { token, json });
  const postStored = async (result: SurveyResult) => {
    const answer = await post(result, SURVEY_TOKEN);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return surveyResultStoredSchema.parse(answer.body).stored;
  };
  const read = (token: string, agentId: string, query = '') =>
    request<{ results: ServerSurveyResult[] } & ApiError>(url(), 'GET', `/v1/agents/${agentId}/survey-results${query}`, { token });
  const readOk = async (token: string, agentId: string, query = '') => {
    const answer = await read(token, agentId, query);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return surveyResultsResponseSchema.parse(answer.body).results;
  };
  const storedCount = async (ids: string[]) =>
    Number((await db().selectFrom('survey_results').select((eb) => eb.fn.countAll().as('n')).where('id', 'in', ids).executeTakeFirstOrThrow()).n);

  describe('posting (the survey IVR)', () => {
    it('needs a survey service token: none, an agent session token or a wrong token get 401 and store nothing', async () => {
      const agentToken = (await login(url(), '1001')).token;
      const result = await ratedCall(agentToken, '1001');
      for (const token of [undefined, agentToken, randomBytes(32).toString('base64url'), `${SURVEY_TOKEN}x`]) {
        const answer = await post(result, token);
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('unauthenticated');
      }
      expect(await storedCount([result.id])).toBe(0);
      expect(await postStored(result)).toBe(true);
    });

    it('checks the token before it reads the body', async () => {
      const answer = await request<ApiError>(url(), 'POST', '/v1/survey-results', { rawBody: '{"this is": not json' });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
      const withToken = await request<ApiError>(url(), 'POST', '/v1/survey-results', { token: SURVEY_TOKEN, rawBody: '{"this is": not json' });
      expect(withToken.status).toBe(400);
      expect(withToken.body.error.code).toBe('invalid-request');
    });

    it('refuses a malformed result with 400 and stores nothing', async () => {
      const valid = surveyResult('1001');
      const { rating: _rating, ...withoutRating } = valid;
      const malformed: unknown[] = [
        withoutRating,
        { ...valid, rating: 'delighted' },
        { ...valid, id: 'not-a-uuid' },
        { ...valid, callId: 42 },
        { ...valid, agentId: 'A1001' },
        { ...valid, ratedAt: -1 },
        { ...valid, ratedAt: 1.5 },
        { ...valid, customerNumber: '1'.repeat(65) },
        [valid],
      ];
      for (const body of malformed) {
        const answer = await post(body, SURVEY_TOKEN);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(answer.body.error.code).toBe('invalid-request');
      }
      expect(await storedCount([valid.id])).toBe(0);
    });

    it('refuses a result for an unknown 工号 with 422 unknown-agent', async () => {
      const result = surveyResult('4242');
      const answer = await post(result, SURVEY_TOKEN);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('unknown-agent');
      expect(await storedCount([result.id])).toBe(0);
    });

    it('stores a result posted twice once: the retry answers stored false and changes nothing', async () => {
      const { token } = await login(url(), '1002');
      const result = await ratedCall(token, '1002', { rating: 'neutral' });
      expect(await postStored(result)).toBe(true);
      const expected = asStored(result);

      clock.advance(1_000);
      expect(await postStored(result)).toBe(false);
      expect(await postStored({ ...result, rating: 'dissatisfied', customerNumber: '02112345678' })).toBe(false);
      expect(await postStored({ ...result, id: result.id.toUpperCase() })).toBe(false);
      // Even naming another call: a retry is answered as the first report was.
      expect(await postStored({ ...result, callId: randomUUID() })).toBe(false);

      expect(await readOk(token, '1002')).toEqual([expected]);
      expect(await storedCount([result.id])).toBe(1);
    });
    it('refuses a result for a call no desk has reported with 422 unknown-call, and takes it once the desk has', async () => {
      const { token } = await login(url(), '1002');
      const call = callRecord('1002', clock.now());
      const result = surveyResult('1002', { callId: call.payload.callId });
      const early = await post(result, SURVEY_TOKEN);
      expect(early.status).toBe(422);
      expect(early.body.error.code).toBe('unknown-call');
      expect(await storedCount([result.id])).toBe(0);

      // The desk's outbox delivers the call; the IVR's next try is taken.
      expect((await request(url(), 'POST', '/v1/sync', { token, json: { records: [call] } })).status).toBe(200);
      expect(await postStored({ ...result, callId: result.callId.toUpperCase() })).toBe(true);
      expect(await storedCount([result.id])).toBe(1);
    });

    it("refuses a result for another agent's call with 403 call-of-another-agent", async () => {
      const theirs = await ratedCall((await login(url(), '1001')).token, '1001');
      const misnamed = { ...theirs, agentId: '1002' };
      const answer = await post(misnamed, SURVEY_TOKEN);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('call-of-another-agent');
      expect(await storedCount([theirs.id])).toBe(0);
      // The agent whose call it is still gets its rating.
      expect(await postStored(theirs)).toBe(true);
    });

    it('takes only the first result of a call: another one gets 409 and the first stands', async () => {
      const { token } = await login(url(), '1002');
      const first = await ratedCall(token, '1002', { rating: 'satisfied' });
      expect(await postStored(first)).toBe(true);
      const expected = asStored(first);

      clock.advance(1_000);
      const second = { ...first, id: randomUUID(), rating: 'dissatisfied' as const };
      const answer = await post(second, SURVEY_TOKEN);
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('survey-result-exists');
      // The first one's retry is still a retry.
      expect(await postStored(first)).toBe(false);
      expect(await db().selectFrom('survey_results').select('id').where('call_id', '=', first.callId).execute()).toEqual([{ id: first.id }]);
      expect((await readOk(token, '1002')).filter((result) => result.callId === first.callId)).toEqual([expected]);
    });

    it('stores one of two different results racing for one call, refusing the other', async () => {
      const call = await ratedCall((await login(url(), '1001')).token, '1001');
      const racing = [call, { ...call, id: randomUUID(), rating: 'neutral' as const }];
      const answers = await Promise.all(racing.map((result) => post(result, SURVEY_TOKEN)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(await storedCount(racing.map((result) => result.id))).toBe(1);
    });
  });

  describe('reading (desks and supervisors)', () => {
    it('lets an agent read their own results and a supervisor anyone’s, but not an agent another’s', async () => {
      const { token } = await login(url(), '1003');
      const mine = await ratedCall(token, '1003', { rating: 'dissatisfied' });
      const theirs = await ratedCall((await login(url(), '1002')).token, '1002');
      expect(await postStored(mine)).toBe(true);
      expect(await postStored(theirs)).toBe(true);
      const expected = asStored(mine);

      expect(await readOk(token, '1003')).toEqual([expected]);
      const other = await read(token, '1002');
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('forbidden');

      const supervisor = (await login(url(), '9001')).token;
      expect(await readOk(supervisor, '1003')).toEqual([expected]);
      expect((await readOk(supervisor, '1002')).map((result) => result.id)).toContain(theirs.id);
    });

    it('does not accept the survey token, or no token, for reading', async () => {
      for (const token of [SURVEY_TOKEN, 'no-such-session-token']) {
        const answer = await read(token, '1003');
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('unauthenticated');
      }
      expect((await request<ApiError>(url(), 'GET', '/v1/agents/1003/survey-results')).status).toBe(401);
    });

    it('returns the results received after `since`, oldest first (then by id)', async () => {
      const { token } = await login(url(), '1004');
      const first = await ratedCall(token, '1004');
      expect(await postStored(first)).toBe(true);
      const firstReceivedAt = clock.now();

      clock.advance(1_000);
      const sameMillisecond = [await ratedCall(token, '1004', { rating: 'none' }), await ratedCall(token, '1004', { rating: 'neutral' })];
      for (const result of sameMillisecond) expect(await postStored(result)).toBe(true);
      const later = sameMillisecond.map(asStored).sort((a, b) => (a.id < b.id ? -1 : 1));

      expect(await readOk(token, '1004')).toEqual([{ ...first, receivedAt: firstReceivedAt }, ...later]);
      expect(await readOk(token, '1004', '?since=0')).toHaveLength(3);
      expect(await readOk(token, '1004', `?since=${firstReceivedAt}`)).toEqual(later);
      expect(await readOk(token, '1004', `?since=${firstReceivedAt + 999}`)).toEqual(later);
      expect(await readOk(token, '1004', `?since=${clock.now()}`)).toEqual([]);
      for (const since of ['-1', 'yesterday', '1.5']) expect((await read(token, '1004', `?since=${since}`)).status).toBe(400);
    });

    it('returns at most 500 per read and never splits one millisecond across two reads', async () => {
      const { token } = await login(url(), '1005');
      const base = 1_000_000;
      const row = (received_at: number) => ({
        id: uuidv7(),
        call_id: uuidv7(),
        agent_id: '1005',
        rating: 'satisfied' as const,
        customer_number: '13812345678',
        rated_at: received_at - 1,
        received_at,
      });
      // 499 results a millisecond apart, then two in one millisecond straddling the 500th place.
      const rows = [...Array.from({ length: 499 }, (_, index) => row(base + index)), row(base + 1_000), row(base + 1_000)];
      await db().insertInto('survey_results').values(rows).execute();

      const firstPage = await readOk(token, '1005');
      expect(firstPage).toHaveLength(499);
      expect(firstPage.at(-1)?.receivedAt).toBe(base + 498);
      const secondPage = await readOk(token, '1005', `?since=${base + 498}`);
      expect(secondPage.map((result) => result.receivedAt)).toEqual([base + 1_000, base + 1_000]);
      expect(await readOk(token, '1005', `?since=${base + 1_000}`)).toEqual([]);

      // Distinct milliseconds: a full page of 500, then the rest.
      await db().insertInto('survey_results').values(Array.from({ length: 600 }, (_, index) => row(base + 2_000 + index))).execute();
      const fullPage = await readOk(token, '1005', `?since=${base + 1_000}`);
      expect(fullPage).toHaveLength(500);
      expect(fullPage.at(-1)?.receivedAt).toBe(base + 2_499);
      expect((await readOk(token, '1005', `?since=${base + 2_499}`)).map((result) => result.receivedAt)).toEqual(
        Array.from({ length: 100 }, (_, index) => base + 2_500 + index),
      );
    });
  });

  describe('the live channel', () => {
    it('pushes a new result to its agent’s desk and every supervisor’s desk, never to another agent’s', async () => {
      const tokenOfA = (await login(url(), '1006')).token;
      const tokenOfB = (await login(url(), '1007')).token;
      const a = await live(tokenOfA);
      const b = await live(tokenOfB);
      const supervisor = await live((await login(url(), '9001')).token);

      const resultOfA = await ratedCall(tokenOfA, '1006');
      expect(await postStored(resultOfA)).toBe(true);
      const expectedA = { topic: 'surveyResult', result: asStored(resultOfA) };
      expect(await a.next()).toEqual(expectedA);
      expect(await supervisor.next()).toEqual(expectedA);

      const resultOfB = await ratedCall(tokenOfB, '1007', { rating: 'dissatisfied' });
      expect(await postStored(resultOfB)).toBe(true);
      const expectedB = { topic: 'surveyResult', result: asStored(resultOfB) };
      // Frames on one socket arrive in order: had B's desk been sent A's result, it would come first.
      expect(await b.next()).toEqual(expectedB);
      expect(await supervisor.next()).toEqual(expectedB);

      // A retry is not pushed again: A's next frame is A's next new result.
      expect(await postStored(resultOfA)).toBe(false);
      clock.advance(1_000);
      const secondOfA = await ratedCall(tokenOfA, '1006', { rating: 'none' });
      expect(await postStored(secondOfA)).toBe(true);
      expect(await a.next()).toEqual({ topic: 'surveyResult', result: asStored(secondOfA) });
      expect(await supervisor.next()).toEqual({ topic: 'surveyResult', result: asStored(secondOfA) });

      expect(a.messages.map((message) => surveyResultOf(message).id)).toEqual([resultOfA.id, secondOfA.id]);
      expect(b.messages.map((message) => surveyResultOf(message).id)).toEqual([resultOfB.id]);
      // What was pushed is what the desk catches up with.
      const readBack = await readOk((await login(url(), '9001')).token, '1006');
      expect(a.messages.map((message) => serverSurveyResultSchema.parse(surveyResultOf(message)))).toEqual(readBack);
    });

    it('refuses the upgrade with 401 without a token, with an unknown, a logged-out or a survey token', async () => {
      const { token } = await login(url(), '1008');
      expect((await request(url(), 'POST', '/v1/logout', { token, json: {} })).status).toBe(200);
      const refusals: Array<[string | undefined, string]> = [
        [undefined, 'unauthenticated'],
        ['no-such-session-token', 'unauthenticated'],
        [token, 'session-ended'],
        [SURVEY_TOKEN, 'unauthenticated'],
      ];
      for (const [offered, code] of refusals) {
        const refusal = await refusalOf(url(), offered);
        expect(refusal.status, String(offered)).toBe(401);
        expect((refusal.body as ApiError).error.code).toBe(code);
      }
      const current = (await login(url(), '1008')).token;
      const plainGet = await request<ApiError>(url(), 'GET', '/v1/live', { token: current });
      expect(plainGet.status).toBe(426);
      expect(plainGet.body.error.code).toBe('upgrade-required');
    });

    it('closes a desk’s socket when its session is replaced by a new login or logged out', async () => {
      const replaced = await live((await login(url(), '1009')).token);
      const { token } = await login(url(), '1009', 'pw1009', 'desk-2');
      expect((await replaced.closed).code).toBe(1008);

      const current = await live(token);
      expect((await request(url(), 'POST', '/v1/logout', { token, json: {} })).status).toBe(200);
      expect((await current.closed).code).toBe(1008);

      // Results still go to the agent's next session.
      const nextToken = (await login(url(), '1009')).token;
      const next = await live(nextToken);
      const result = await ratedCall(nextToken, '1009');
      expect(await postStored(result)).toBe(true);
      expect(surveyResultOf(await next.next()).id).toBe(result.id);
    });

    it('pings each desk periodically and drops a desk that stops answering', async () => {
      const { token } = await login(url(), '1010');
      const answering = await live(token);
      const silent = await live(token, { autoPong: false });

      // The silent desk is pinged once, misses the pong, and is cut off at the next round.
      const dropped = await Promise.race([
        silent.closed,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5 * PING_INTERVAL_MS)),
      ]);
      expect(dropped?.code).toBe(1006);
      expect(silent.pings()).toBeGreaterThanOrEqual(1);

      while (answering.pings() < 3) await once(answering.socket, 'ping');
      expect(answering.socket.readyState).toBe(WebSocket.OPEN);
      const result = await ratedCall(token, '1010');
      expect(await postStored(result)).toBe(true);
      expect(surveyResultOf(await answering.next()).id).toBe(result.id);
    });

    it('on close, says 1001 to the desks and does not wait for one that does not answer', async () => {
      const desk = await live((await login(url(), '1001')).token);
      const frozen = await openUnresponsiveLive(url(), (await login(url(), '1002')).token);
      const frozenEnded = once(frozen, 'close');

      const started = Date.now();
      await close();
      // ws alone would give the frozen desk 30 s to answer the close frame.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await desk.closed).code).toBe(1001);
      await frozenEnded;
    });
  });
});
