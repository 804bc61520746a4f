import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailuresResponseSchema, type ApiError, type LoginFailure, type LoginResponse } from '../../../src/contract';
import { startServer, type RunningServer } from '../../../server/app';
import { backends, SIP } from './backends';
import { request, type HttpAnswer } from './desk-http';
import { useServerSuite } from './server-suite';

const WINDOW_MS = 15 * 60_000;
const FAILURES_PER_AGENT = 5;
const FAILURES_PER_ADDRESS = 8;
const ATTEMPTS_PER_MINUTE = 20;

/**
 * The server sits behind a proxy on 127.0.0.1 here, so each test speaks from addresses of its own
 * (X-Forwarded-For) and the per-address limits of one test do not reach the next.
 */
describe.each(backends)('login throttling on $name', (backend) => {
  const { clock, url, db } = useServerSuite(backend, {
    trustProxy: '127.0.0.1',
    loginThrottle: {
      attemptsPerAddressPerMinute: ATTEMPTS_PER_MINUTE,
      failuresPerAgent: FAILURES_PER_AGENT,
      failuresPerAddress: FAILURES_PER_ADDRESS,
      failureWindowMs: WINDOW_MS,
    },
  });

  const attempt = (agentId: string, password: string, from: string, deviceId = 'desk-1') =>
    request<LoginResponse & ApiError>(url(), 'POST', '/v1/login', {
      json: { agentId, password, deviceId },
      headers: { 'x-forwarded-for': from },
      withHeaders: true,
    });
  const retryAfterOf = (answer: HttpAnswer) => answer.headers?.get('retry-after');
  const expectThrottled = (answer: HttpAnswer<ApiError>) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(429);
    expect(answer.body.error.code).toBe('too-many-attempts');
  };
  const failuresOf = (agentId: string) =>
    db().selectFrom('login_failures').select(['agent_id', 'address', 'device_id', 'attempted_at', 'reason']).where('agent_id', '=', agentId).orderBy('attempted_at').orderBy('reason').execute();

  it('locks a 工号 after 5 wrong passwords, even for the right one, until the oldest failure leaves the window', async () => {
    const firstFailureAt = clock.now();
    for (let index = 0; index < FAILURES_PER_AGENT; index++) {
      // From a new address each time: it is the 工号 that gets locked.
      expect((await attempt('1001', `guess-${index}`, `10.1.0.${index}`)).status).toBe(401);
      clock.advance(1_000);
    }
    const locked = await attempt('1001', 'pw1001', '10.1.0.99', 'desk-owner');
    expectThrottled(locked);
    // The lock ends when the first failure is 15 minutes old: 15 min − 5 s from now.
    expect(retryAfterOf(locked)).toBe(String((WINDOW_MS - 5_000) / 1_000));

    clock.advance(firstFailureAt + WINDOW_MS - 1 - clock.now());
    const lastMillisecond = await attempt('1001', 'pw1001', '10.1.0.99', 'desk-owner');
    expectThrottled(lastMillisecond);
    expect(retryAfterOf(lastMillisecond)).toBe('1');
    clock.advance(1);
    expect((await attempt('1001', 'pw1001', '10.1.0.99', 'desk-owner')).status).toBe(200);

    // Who, from where, when, why: and nothing of the passwords tried.
    const rows = await failuresOf('1001');
    expect(rows).toEqual([
      ...Array.from({ length: FAILURES_PER_AGENT }, (_, index) => ({
        agent_id: '1001',
        address: `10.1.0.${index}`,
        device_id: 'desk-1',
        attempted_at: firstFailureAt + index * 1_000,
        reason: 'bad-password',
      })),
      { agent_id: '1001', address: '10.1.0.99', device_id: 'desk-owner', attempted_at: firstFailureAt + 5_000, reason: 'throttled' },
      { agent_id: '1001', address: '10.1.0.99', device_id: 'desk-owner', attempted_at: firstFailureAt + WINDOW_MS - 1, reason: 'throttled' },
    ]);
    const everything = JSON.stringify(await db().selectFrom('login_failures').selectAll().execute());
    for (const secret of ['guess-', 'pw1001']) expect(everything).not.toContain(secret);
  });

  it('starts counting a 工号 again after a successful login', async () => {
    // A new address for every attempt, so that only the 工号's count is at work.
    let attempts = 0;
    const fail = () => attempt('1002', 'wrong', `10.2.0.${attempts++}`);
    const succeed = () => attempt('1002', 'pw1002', `10.2.0.${attempts++}`);
    for (let index = 0; index < FAILURES_PER_AGENT - 1; index++) expect((await fail()).status).toBe(401);
    clock.advance(1);
    expect((await succeed()).status).toBe(200);
    clock.advance(1);
    for (let index = 0; index < FAILURES_PER_AGENT - 1; index++) expect((await fail()).status).toBe(401);
    expect((await succeed()).status).toBe(200);
    clock.advance(1);
    for (let index = 0; index < FAILURES_PER_AGENT; index++) expect((await fail()).status).toBe(401);
    expectThrottled(await succeed());
  });

  it('locks an unknown 工号 the same way, with the same answers, and records it as unknown', async () => {
    const answers = [];
    for (let index = 0; index < FAILURES_PER_AGENT; index++) {
      answers.push(await attempt('5555', 'pw5555', `10.3.0.${index}`));
      clock.advance(1);
    }
    const known = await attempt('1003', 'wrong', '10.3.1.1');
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual(Array(FAILURES_PER_AGENT).fill([known.status, known.body]));
    expectThrottled(await attempt('5555', 'pw5555', '10.3.0.99'));
    expect((await failuresOf('5555')).map((row) => row.reason)).toEqual([...Array(FAILURES_PER_AGENT).fill('unknown-agent'), 'throttled']);
  });

  it('locks an address that guesses at many 工号, and only that address', async () => {
    const guesser = '10.4.0.1';
    for (let index = 0; index < FAILURES_PER_ADDRESS; index++) {
      expect((await attempt(String(2000 + index), 'pw123456', guesser)).status).toBe(401);
      clock.advance(10);
    }
    // Even a right password from there waits, and says how long.
    const locked = await attempt('1004', 'pw1004', guesser);
    expectThrottled(locked);
    expect(Number(retryAfterOf(locked))).toBe(Math.ceil((WINDOW_MS - FAILURES_PER_ADDRESS * 10) / 1_000));
    expect((await attempt('1004', 'pw1004', '10.4.0.2')).status).toBe(200);
    // A successful login of some 工号 from the guesser's address does not reset the address.
    clock.advance(WINDOW_MS);
    expect((await attempt('1004', 'pw1004', guesser)).status).toBe(200);
    for (let index = 0; index < FAILURES_PER_ADDRESS; index++) expect((await attempt(String(3000 + index), 'x', guesser)).status).toBe(401);
    expectThrottled(await attempt('1004', 'pw1004', guesser));
  });

  it('refuses a flood of logins from one address before reading the body, with Retry-After', async () => {
    const flood = (from: string) => request<ApiError>(url(), 'POST', '/v1/login', { rawBody: '{"not json', headers: { 'x-forwarded-for': from }, withHeaders: true });
    for (let index = 0; index < ATTEMPTS_PER_MINUTE; index++) expect((await flood('10.5.0.1')).status).toBe(400);
    // The same unparsable body: refused for its number now, not for what it says.
    const refused = await flood('10.5.0.1');
    expectThrottled(refused);
    const retryAfter = Number(retryAfterOf(refused));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectThrottled(await attempt('1005', 'pw1005', '10.5.0.1'));
    expect((await flood('10.5.0.2')).status).toBe(400);
    expect(await db().selectFrom('login_failures').select('id').where('address', '=', '10.5.0.1').execute()).toEqual([]);
  });

  it('refuses a login body over 4 KiB with 413 and records nothing', async () => {
    const answer = await request<ApiError>(url(), 'POST', '/v1/login', {
      json: { agentId: '1006', password: 'p'.repeat(5_000), deviceId: 'd' },
      headers: { 'x-forwarded-for': '10.6.0.1' },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload-too-large');
    expect(await failuresOf('1006')).toEqual([]);
  });

  it('lets supervisors read failed logins, newest first, by 工号 and since; agents may not', async () => {
    const from = '10.7.0.1';
    clock.advance(1);
    const before = clock.now();
    expect((await attempt('1007', 'wrong-1', from, 'desk-x')).status).toBe(401);
    clock.advance(1);
    expect((await attempt('1008', 'wrong-2', from, 'desk-y')).status).toBe(401);
    const supervisor = (await attempt('9001', 'pw9001', from)).body.token;
    const agent = (await attempt('1007', 'pw1007', from)).body.token;
    const read = (token: string | undefined, query: string) =>
      request<{ failures: LoginFailure[] } & ApiError>(url(), 'GET', `/v1/login-failures${query}`, token === undefined ? {} : { token });

    const recent = await read(supervisor, `?since=${before}`);
    expect(recent.status).toBe(200);
    expect(loginFailuresResponseSchema.parse(recent.body).failures).toEqual([
      { agentId: '1008', address: from, deviceId: 'desk-y', attemptedAt: before + 1, reason: 'bad-password' },
      { agentId: '1007', address: from, deviceId: 'desk-x', attemptedAt: before, reason: 'bad-password' },
    ]);
    expect((await read(supervisor, `?since=${before}&agentId=1007`)).body.failures.map((failure) => failure.agentId)).toEqual(['1007']);
    expect((await read(supervisor, '?since=0')).body.failures.length).toBeGreaterThan(2);
    for (const query of ['?since=-1', '?agentId=abc']) expect((await read(supervisor, query)).status).toBe(400);

    const refused = await read(agent, '');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await read(undefined, '')).status).toBe(401);
  });
});

describe('login throttling without a trusted proxy', () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ database: { kind: 'pglite' }, sip: SIP, loginThrottle: { failuresPerAddress: 3 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ignores X-Forwarded-For: a client cannot pose as a new address per attempt', async () => {
    const guess = (index: number) =>
      request(server?.url ?? '', 'POST', '/v1/login', { json: { agentId: String(4000 + index), password: 'x', deviceId: 'd' }, headers: { 'x-forwarded-for': `10.8.0.${index}` } });
    for (let index = 0; index < 3; index++) expect((await guess(index)).status).toBe(401);
    expect((await guess(3)).status).toBe(429);
    const rows = await server?.db.selectFrom('login_failures').select('address').distinct().execute();
    expect(rows).toEqual([{ address: '127.0.0.1' }]);
  });
});
