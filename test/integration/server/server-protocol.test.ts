import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import {
  apiErrorSchema,
  loginResponseSchema,
  logoutResponseSchema,
  serverWrapUpSchema,
  syncAckSchema,
  type ApiError,
  type ServerWrapUp,
  type SyncAck,
} from '../../../src/contract';
import { addDirectoryEntry } from '../../../server/directory';
import { backends, SIP } from './backends';
import { callRecord, login, request, stateChangeRecord, wrapUpRecord } from './desk-http';
import { useServerSuite } from './server-suite';

describe.each(backends)('central server on $name', (backend) => {
  const { clock, url, db, restart } = useServerSuite(backend, {
    policy: { companyName: '测试呼叫中心' },
    // This suite jumps hours ahead; how sessions run out is session-lifetimes.test.ts.
    sessions: { idleMs: 24 * 60 * 60_000 },
  });
  const sync = (token: string, json: unknown) => request<SyncAck & ApiError>(url(), 'POST', '/v1/sync', { token, json });
  const readWrapUps = (token: string, agentId: string) =>
    request<{ wrapUps: ServerWrapUp[] } & ApiError>(url(), 'GET', `/v1/agents/${agentId}/wrap-ups`, { token });
  const storedRecordCount = async (ids: string[]) =>
    Number((await db().selectFrom('records').select((eb) => eb.fn.countAll().as('n')).where('id', 'in', ids).executeTakeFirstOrThrow()).n);

  it('migrates an empty database and answers health checks', async () => {
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db());
    expect(migrations.rows.map((row) => row.name)).toEqual([
      '0001-initial',
      '0002-all-record-kinds-and-attendance',
      '0003-department-directory',
      '0004-survey-results',
      '0005-login-failures',
      '0006-session-lifetimes',
      '0007-one-survey-result-per-call',
      '0008-board-sessions',
      '0009-alerts',
      '0010-supervisor-actions',
      '0011-working-day-calendar',
      '0012-call-history',
      '0013-standard-phrases',
      '0014-escalation-tickets',
      '0015-promises-and-handovers',
    ]);
    expect(await request(url(), 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('logs an agent in with the policy, the dispositions, the server time and SIP credentials', async () => {
    const answer = await request(url(), 'POST', '/v1/login', { json: { agentId: '1001', password: 'pw1001', deviceId: 'desk-a' } });
    expect(answer.status).toBe(200);
    const response = loginResponseSchema.parse(answer.body);
    expect(response.agent).toEqual({ agentId: '1001', name: '坐席1001' });
    expect(response.serverTime).toBe(clock.now());
    expect(response.policy.companyName).toBe('测试呼叫中心');
    expect(response.policy.maxRings).toBe(3);
    expect(response.dispositions.map((d) => d.label['zh-CN'])).toEqual(['咨询', '查询', '投诉', '报修', '销售', '其他']);
    expect(response.sip.aor).toBe('sip:1001@seatdesk.test');
    expect(response.sip.wsServer).toBe(SIP.wsServer);
    expect(response.sip.displayName).toBe('坐席1001');
  });

  it('gives the department directory at login, sorted by department (pinyin), with the lines IT adds later', async () => {
    const seeded = loginResponseSchema.parse((await request(url(), 'POST', '/v1/login', { json: { agentId: '1008', password: 'pw1008', deviceId: 'd' } })).body);
    expect(seeded.directory).toEqual([
      { department: '技术支持', name: 'Technical support', extension: '8001' },
      { department: '投诉处理', name: 'Complaints', extension: '8002' },
      { department: '营业厅预约', name: 'Store appointments', extension: '8004' },
      { department: '账务中心', name: 'Billing', extension: '8003' },
    ]);

    expect(await addDirectoryEntry(db(), { department: '安装调度', name: '', extension: '8100' })).toBe(true);
    expect(await addDirectoryEntry(db(), { department: '重复', name: '', extension: '8001' })).toBe(false);
    const updated = await login(url(), '1008');
    expect(updated.directory.map((entry) => entry.extension)).toEqual(['8100', '8001', '8002', '8004', '8003']);
    expect(updated.directory.find((entry) => entry.extension === '8001')?.department).toBe('技术支持');
    await db().deleteFrom('directory').where('extension', '=', '8100').execute();
  });

  it('mints SIP credentials that verify the way Kamailio auth_ephemeral checks them', async () => {
    const response = await login(url(), '1002');
    const expirySeconds = Math.floor((clock.now() + SIP.credentialTtlMs) / 1000);
    expect(response.sip.authorizationUsername).toBe(`${expirySeconds}:1002`);
    expect(response.sip.expiresAt).toBe(expirySeconds * 1000);
    const expected = createHmac('sha1', SIP.secret).update(response.sip.authorizationUsername).digest('base64');
    expect(response.sip.authorizationPassword).toBe(expected);
    const forged = createHmac('sha1', 'other-secret').update(response.sip.authorizationUsername).digest('base64');
    expect(response.sip.authorizationPassword).not.toBe(forged);
  });

  it('refuses a wrong password and an unknown 工号 with the same 401, and keeps serving', async () => {
    const wrongPassword = await request(url(), 'POST', '/v1/login', { json: { agentId: '1003', password: 'pw1004', deviceId: 'd' } });
    const unknownAgent = await request(url(), 'POST', '/v1/login', { json: { agentId: '5555', password: 'pw5555', deviceId: 'd' } });
    expect(wrongPassword.status).toBe(401);
    expect(apiErrorSchema.parse(wrongPassword.body).error.code).toBe('bad-credentials');
    expect(unknownAgent).toEqual(wrongPassword);
    const live = await db().selectFrom('sessions').select('token_hash').where('agent_id', '=', '1003').execute();
    expect(live).toHaveLength(0);
    expect((await login(url(), '1003')).agent.agentId).toBe('1003');
  });

  it('ends the first session when the same 工号 logs in on a second desk', async () => {
    const first = await login(url(), '1004', 'pw1004', 'desk-first');
    clock.advance(1_000);
    const second = await login(url(), '1004', 'pw1004', 'desk-second');

    const stale = await sync(first.token, { records: [stateChangeRecord('1004', clock.now())] });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('session-ended');
    const fresh = await sync(second.token, { records: [stateChangeRecord('1004', clock.now())] });
    expect(fresh.status).toBe(200);

    const sessions = await db().selectFrom('sessions').selectAll().where('agent_id', '=', '1004').orderBy('created_at').execute();
    expect(sessions.map((s) => [s.device_id, s.end_reason])).toEqual([
      ['desk-first', 'replaced'],
      ['desk-second', null],
    ]);
    expect(sessions[0]?.ended_at).toBe(clock.now());
  });

  it('renews SIP credentials for a live session only, with a later expiry', async () => {
    const session = await login(url(), '1007');
    clock.advance(3 * 60 * 60_000);
    const renewed = await request<{ sip: { authorizationUsername: string; authorizationPassword: string; expiresAt: number; aor: string } }>(url(), 'POST', '/v1/sip-credentials', {
      token: session.token,
      json: {},
    });
    expect(renewed.status).toBe(200);
    const expirySeconds = Math.floor((clock.now() + SIP.credentialTtlMs) / 1000);
    expect(renewed.body.sip).toMatchObject({ aor: session.sip.aor, authorizationUsername: `${expirySeconds}:1007`, expiresAt: expirySeconds * 1000 });
    expect(renewed.body.sip.expiresAt).toBeGreaterThan(session.sip.expiresAt);
    expect(renewed.body.sip.authorizationPassword).toBe(createHmac('sha1', SIP.secret).update(renewed.body.sip.authorizationUsername).digest('base64'));

    await request(url(), 'POST', '/v1/logout', { token: session.token, json: {} });
    const afterLogout = await request<{ error: { code: string } }>(url(), 'POST', '/v1/sip-credentials', { token: session.token, json: {} });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.error.code).toBe('session-ended');
    expect((await request(url(), 'POST', '/v1/sip-credentials', { json: {} })).status).toBe(401);
  });

  it('logs out with the server-confirmed time: the token stops working and the session records why it ended', async () => {
    const session = await login(url(), '1005');
    clock.advance(1_234);
    const logout = await request(url(), 'POST', '/v1/logout', { token: session.token, json: {} });
    expect(logout).toEqual({ status: 200, body: { serverTime: clock.now() } });
    expect(logoutResponseSchema.parse(logout.body).serverTime).toBe(session.serverTime + 1_234);
    const after = await readWrapUps(session.token, '1005');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session-ended');
    const row = await db().selectFrom('sessions').select('end_reason').where('agent_id', '=', '1005').executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('logout');
  });

  it('needs a valid bearer token', async () => {
    for (const token of [undefined, 'not-a-real-token-0123456789']) {
      const answer = await request<ApiError>(url(), 'POST', '/v1/sync', { ...(token ? { token } : {}), json: { records: [] } });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
  });

  it('stores a batch sent twice exactly once and acknowledges it both times', async () => {
    const { token } = await login(url(), '1006');
    const occurredAt = clock.now();
    const wrapUp = wrapUpRecord('1006', occurredAt);
    const batch = { records: [callRecord('1006', occurredAt - 1), wrapUp, stateChangeRecord('1006', occurredAt + 1)] };
    const ids = batch.records.map((record) => record.id);

    clock.advance(500);
    const firstAck = await sync(token, batch);
    expect(firstAck.status).toBe(200);
    expect(syncAckSchema.parse(firstAck.body)).toEqual({ acknowledged: ids, serverTime: clock.now() });
    const receivedAt = clock.now();
    clock.advance(500);
    const secondAck = await sync(token, batch);
    expect(secondAck.body.acknowledged).toEqual(ids);

    expect(await storedRecordCount(ids)).toBe(3);
    const wrapUpRows = await db().selectFrom('wrap_ups').selectAll().where('agent_id', '=', '1006').execute();
    expect(wrapUpRows).toHaveLength(1);
    const read = await readWrapUps(token, '1006');
    expect(read.status).toBe(200);
    expect(read.body.wrapUps.map((w) => serverWrapUpSchema.parse(w))).toEqual([
      { id: wrapUp.id, agentId: '1006', occurredAt, receivedAt, ...wrapUp.payload },
    ]);
    const payload = await db().selectFrom('records').select('payload').where('id', '=', wrapUp.id).executeTakeFirstOrThrow();
    expect(payload.payload).toEqual(wrapUp.payload);
  });

  it('acknowledges ids spelled exactly as the desk sent them', async () => {
    const { token } = await login(url(), '1006');
    const record = { ...stateChangeRecord('1006', clock.now()), id: uuidv7().toUpperCase() };
    const ack = await sync(token, { records: [record, record] });
    expect(ack.body.acknowledged).toEqual([record.id]);
  });

  it('returns wrap-ups in the order they happened, not the order they arrived', async () => {
    const { token } = await login(url(), '1007');
    const base = clock.now();
    const later = wrapUpRecord('1007', base + 60_000, { summary: 'later' });
    const earlier = wrapUpRecord('1007', base, { summary: 'earlier' });
    expect((await sync(token, { records: [later] })).status).toBe(200);
    expect((await sync(token, { records: [earlier] })).status).toBe(200);
    expect((await readWrapUps(token, '1007')).body.wrapUps.map((w) => w.summary)).toEqual(['earlier', 'later']);
  });

  it("never lets an agent write or read another agent's records; a supervisor may read them", async () => {
    const a = await login(url(), '1008');
    const b = await login(url(), '1009');
    const own = wrapUpRecord('1008', clock.now());
    const forged = wrapUpRecord('1009', clock.now());

    const refused = await sync(a.token, { records: [own, forged] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await storedRecordCount([own.id, forged.id])).toBe(0);

    expect((await sync(b.token, { records: [forged] })).status).toBe(200);
    const peek = await readWrapUps(a.token, '1009');
    expect(peek.status).toBe(403);
    expect(peek.body.error.code).toBe('forbidden');

    const supervisor = await login(url(), '9001');
    const board = await readWrapUps(supervisor.token, '1009');
    expect(board.status).toBe(200);
    expect(board.body.wrapUps.map((w) => w.id)).toEqual([forged.id]);
  });

  it("refuses a record id that already belongs to another agent and keeps the original", async () => {
    const a = await login(url(), '1010');
    const b = await login(url(), '1001');
    const original = wrapUpRecord('1010', clock.now(), { summary: 'original' });
    expect((await sync(a.token, { records: [original] })).status).toBe(200);

    const clash = { ...wrapUpRecord('1001', clock.now(), { summary: 'overwrite attempt' }), id: original.id };
    const innocent = stateChangeRecord('1001', clock.now());
    const answer = await sync(b.token, { records: [innocent, clash] });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('record-id-conflict');
    expect(await storedRecordCount([innocent.id])).toBe(0);
    const kept = await db().selectFrom('wrap_ups').select(['agent_id', 'summary']).where('id', '=', original.id).execute();
    expect(kept).toEqual([{ agent_id: '1010', summary: 'original' }]);
  });

  it('answers malformed requests with 400 invalid-request, never a 500', async () => {
    const { token } = await login(url(), '1002');
    const good = wrapUpRecord('1002', clock.now());
    const malformed: unknown[] = [
      {},
      { records: [] },
      { records: [{ ...good, id: 'not-a-uuid' }] },
      { records: [{ ...good, kind: 'gossip' }] },
      { records: [{ ...good, payload: { ...good.payload, resolved: 'maybe' } }] },
      { records: [{ ...good, occurredAt: -5 }] },
      { records: Array.from({ length: 201 }, () => stateChangeRecord('1002', clock.now())) },
      [good],
    ];
    for (const json of malformed) {
      const answer = await sync(token, json);
      expect(answer.status, JSON.stringify(json).slice(0, 200)).toBe(400);
      expect(apiErrorSchema.parse(answer.body).error.code).toBe('invalid-request');
    }
    const notJson = await request<ApiError>(url(), 'POST', '/v1/sync', { token, rawBody: '{"records": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid-request');
    const badLogin = await request<ApiError>(url(), 'POST', '/v1/login', { json: { agentId: 'abc', password: '' } });
    expect(badLogin.status).toBe(400);
    const badAgentPath = await readWrapUps(token, 'not-digits');
    expect(badAgentPath.status).toBe(400);
  });

  it('refuses text the database cannot hold (NUL) with 400 and stores nothing of the batch', async () => {
    const { token } = await login(url(), '1003');
    const fine = stateChangeRecord('1003', clock.now());
    const withNul = wrapUpRecord('1003', clock.now(), { summary: 'before\u0000after' });
    const answer = await sync(token, { records: [fine, withNul] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid-request');
    expect(await storedRecordCount([fine.id, withNul.id])).toBe(0);
    expect((await request(url(), 'GET', '/healthz')).status).toBe(200);
  });

  it('keeps a 1 MB wrap-up summary intact', async () => {
    const { token } = await login(url(), '1004');
    // CJK, ASCII, quotes, backslashes and newlines: everything JSON and UTF-8 must carry through.
    const summary = '客户反映：网络"断线"\\重连\n失败 abc 123；'.repeat(40_000).slice(0, 1_000_000);
    const record = wrapUpRecord('1004', clock.now(), { summary });
    const ack = await sync(token, { records: [record] });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toEqual([record.id]);
    const read = await readWrapUps(token, '1004');
    const stored = read.body.wrapUps.find((w) => w.id === record.id);
    expect(stored?.summary.length).toBe(1_000_000);
    expect(stored?.summary === summary).toBe(true);
  });

  it("keeps a call's survey and transfer, and fills them with null for a desk that does not send them yet", async () => {
    const { token } = await login(url(), '1009');
    const skipped = callRecord('1009', clock.now(), { survey: 'skipped', surveySkipReason: '客户要求直接挂断', transferredTo: null });
    const transferred = callRecord('1009', clock.now(), { survey: null, transferredTo: '8001' });
    const older = callRecord('1009', clock.now());
    const { survey: _survey, surveySkipReason: _reason, transferredTo: _to, ...olderPayload } = older.payload;
    expect((await sync(token, { records: [skipped, transferred, { ...older, payload: olderPayload }] })).status).toBe(200);

    const payloadOf = async (id: string) => (await db().selectFrom('records').select('payload').where('id', '=', id).executeTakeFirstOrThrow()).payload;
    expect(await payloadOf(skipped.id)).toMatchObject({ survey: 'skipped', surveySkipReason: '客户要求直接挂断', transferredTo: null });
    expect(await payloadOf(transferred.id)).toMatchObject({ survey: null, surveySkipReason: null, transferredTo: '8001' });
    expect(await payloadOf(older.id)).toMatchObject({ survey: null, surveySkipReason: null, transferredTo: null });
    const bad = await sync(token, { records: [callRecord('1009', clock.now(), { survey: 'maybe' as 'skipped' })] });
    expect(bad.status).toBe(400);
  });

  it('refuses a body over 8 MB with 413 JSON', async () => {
    const { token } = await login(url(), '1005');
    const huge = JSON.stringify({ records: [wrapUpRecord('1005', clock.now(), { summary: 'x'.repeat(9 * 1024 * 1024) })] });
    const answer = await request<ApiError>(url(), 'POST', '/v1/sync', { token, rawBody: huge });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload-too-large');
  });

  it('restarts on the same database: migrations are not rerun, data and seeds survive', async () => {
    const { token } = await login(url(), '1007');
    const before = (await readWrapUps(token, '1007')).body.wrapUps;
    expect(before.length).toBeGreaterThan(0);

    await restart();

    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(db());
    expect(migrations.rows).toHaveLength(15);
    const agents = await db().selectFrom('agents').select('agent_id').execute();
    expect(agents).toHaveLength(11);
    const dispositions = await db().selectFrom('dispositions').select('code').execute();
    expect(dispositions).toHaveLength(6);
    expect(await db().selectFrom('directory').select('extension').orderBy('extension').execute()).toEqual(
      ['8001', '8002', '8003', '8004'].map((extension) => ({ extension })),
    );
    const again = await login(url(), '1007');
    expect((await readWrapUps(again.token, '1007')).body.wrapUps).toEqual(before);
  });
});
