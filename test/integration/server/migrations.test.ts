import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../server/db/connect-database';
import { migrateTo, migrateToLatest } from '../../../server/db/migrate';
import type { Database } from '../../../server/db/schema';
import { backends } from './backends';

/** Each migration on a database that already holds the previous one's data, on both backends. */
describe.each(backends)('server migrations on $name', (backend) => {
  let db: Kysely<Database> | undefined;
  let cleanup: () => Promise<void> = async () => undefined;
  const database = () => {
    if (!db) throw new Error('database not open');
    return db;
  };
  const insertRecord = (kind: string, payload: object = {}) =>
    sql`insert into records (id, agent_id, kind, occurred_at, received_at, payload)
        values (${uuidv7()}, '1001', ${kind}, 1, 2, ${JSON.stringify(payload)}::jsonb)`.execute(database());
  const migrationNames = async () =>
    (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database())).rows.map((row) => row.name);
  const tableExists = async (name: string) =>
    (await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(database())).rows[0]?.found === name;

  beforeAll(async () => {
    const prepared = await backend.prepare();
    cleanup = prepared.cleanup;
    db = await connectDatabase(prepared.database);
    await migrateTo(database(), '0001-initial');
    await sql`insert into agents (agent_id, name, password_hash, role, created_at) values ('1001', 'A', 'x', 'agent', 0)`.execute(database());
  });

  afterAll(async () => {
    await db?.destroy();
    await cleanup();
  });

  it('before 0002 the database refuses the new record kinds', async () => {
    await expect(insertRecord('attendance')).rejects.toThrow(/records_kind_check/);
    await insertRecord('stateChange', { from: 'ready', to: 'busy', busyReason: 'break' });
  });

  it('0002 keeps existing records, accepts every kind of the protocol, still refuses unknown kinds', async () => {
    await migrateToLatest(database());
    expect(await migrationNames()).toEqual([
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
    expect(await database().selectFrom('records').select('kind').execute()).toEqual([{ kind: 'stateChange' }]);
    for (const kind of ['call', 'wrapUp', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance']) await insertRecord(kind);
    await expect(insertRecord('gossip')).rejects.toThrow(/records_kind_check/);
    expect(await tableExists('attendance')).toBe(true);
  });

  it('refuses to go back to 0001 while newer kinds are stored, and changes nothing', async () => {
    await expect(migrateTo(database(), '0001-initial')).rejects.toThrow(/0002-all-record-kinds-and-attendance/);
    expect(await migrationNames()).toHaveLength(15);
    expect(await tableExists('attendance')).toBe(true);
    expect(await tableExists('directory')).toBe(true);
    expect(await tableExists('survey_results')).toBe(true);
  });

  it('goes back to 0001 once only the original kinds remain, and forward again', async () => {
    await database().deleteFrom('records').where('kind', 'not in', ['call', 'wrapUp', 'stateChange']).execute();
    await migrateTo(database(), '0001-initial');
    expect(await migrationNames()).toEqual(['0001-initial']);
    expect(await tableExists('attendance')).toBe(false);
    await expect(insertRecord('missedRing')).rejects.toThrow(/records_kind_check/);
    await migrateToLatest(database());
    await insertRecord('missedRing');
  });

  it('0003 adds the department directory: one line per extension, name optional', async () => {
    await migrateTo(database(), '0002-all-record-kinds-and-attendance');
    expect(await tableExists('directory')).toBe(false);
    await insertRecord('attendance');

    await migrateToLatest(database());
    const directory = database().insertInto('directory');
    await directory.values({ extension: '8001', department: '技术支持' }).execute();
    await expect(directory.values({ extension: '8001', department: '投诉处理' }).execute()).rejects.toThrow(/directory_pkey|duplicate key/);
    await expect(sql`insert into directory (extension, name) values ('8002', 'x')`.execute(database())).rejects.toThrow(/null value/);
    expect(await database().selectFrom('directory').selectAll().execute()).toEqual([{ extension: '8001', department: '技术支持', name: '' }]);
    expect(await database().selectFrom('records').select('kind').where('kind', '=', 'attendance').execute()).toEqual([{ kind: 'attendance' }]);
  });

  it('going back to 0002 drops the directory and keeps every record', async () => {
    const recordsBefore = await database().selectFrom('records').select('id').orderBy('id').execute();
    await migrateTo(database(), '0002-all-record-kinds-and-attendance');
    expect(await migrationNames()).toEqual(['0001-initial', '0002-all-record-kinds-and-attendance']);
    expect(await tableExists('directory')).toBe(false);
    expect(await database().selectFrom('records').select('id').orderBy('id').execute()).toEqual(recordsBefore);
  });

  it('0004 adds survey results: one row per id, the four ratings, known agents only, indexed by agent and arrival', async () => {
    await migrateTo(database(), '0003-department-directory');
    expect(await tableExists('survey_results')).toBe(false);
    await database().insertInto('directory').values({ extension: '8003', department: '账务中心' }).execute();

    await migrateToLatest(database());
    expect(await migrationNames()).toContain('0004-survey-results');
    expect(await tableExists('survey_results_by_agent_received')).toBe(true);
    const insertSurvey = (id: string, agentId: string, rating: string) =>
      sql`insert into survey_results (id, call_id, agent_id, rating, customer_number, rated_at, received_at)
          values (${id}, ${uuidv7()}, ${agentId}, ${rating}, '13812345678', 10, 20)`.execute(database());
    const id = uuidv7();
    await insertSurvey(id, '1001', 'satisfied');
    for (const rating of ['neutral', 'dissatisfied', 'none']) await insertSurvey(uuidv7(), '1001', rating);
    await expect(insertSurvey(uuidv7(), '1001', 'delighted')).rejects.toThrow(/survey_results_rating_check/);
    await expect(insertSurvey(uuidv7(), '4242', 'satisfied')).rejects.toThrow(/survey_results_agent_id_fkey/);
    await expect(insertSurvey(id, '1001', 'neutral')).rejects.toThrow(/survey_results_pkey/);
    expect(await database().selectFrom('survey_results').select(['agent_id', 'rating', 'rated_at', 'received_at']).where('id', '=', id).execute()).toEqual([
      { agent_id: '1001', rating: 'satisfied', rated_at: 10, received_at: 20 },
    ]);
  });

  it('going back to 0003 drops survey results and keeps the directory and every record', async () => {
    const recordsBefore = await database().selectFrom('records').select('id').orderBy('id').execute();
    await migrateTo(database(), '0003-department-directory');
    expect(await migrationNames()).toEqual(['0001-initial', '0002-all-record-kinds-and-attendance', '0003-department-directory']);
    expect(await tableExists('survey_results')).toBe(false);
    expect(await database().selectFrom('directory').select('extension').execute()).toEqual([{ extension: '8003' }]);
    expect(await database().selectFrom('records').select('id').orderBy('id').execute()).toEqual(recordsBefore);
  });

  it('0005 records failed logins: who, from where, when, why; ids made by the database; indexed for the throttles', async () => {
    await migrateTo(database(), '0004-survey-results');
    expect(await tableExists('login_failures')).toBe(false);

    await migrateToLatest(database());
    const insertFailure = (agentId: string, reason: string) =>
      sql`insert into login_failures (agent_id, address, device_id, attempted_at, reason) values (${agentId}, '10.0.0.1', 'desk-1', 30, ${reason})`.execute(database());
    // An unknown 工号 is recorded too: no reference to agents.
    for (const reason of ['bad-password', 'unknown-agent', 'throttled']) await insertFailure('4242', reason);
    await expect(insertFailure('1001', 'forgot')).rejects.toThrow(/login_failures_reason_check/);
    const rows = await database().selectFrom('login_failures').selectAll().execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    for (const index of ['login_failures_by_agent_time', 'login_failures_by_address_time', 'login_failures_by_time']) expect(await tableExists(index)).toBe(true);
  });

  it('going back to 0004 drops login failures and keeps the survey results', async () => {
    await migrateTo(database(), '0004-survey-results');
    expect(await tableExists('login_failures')).toBe(false);
    expect(await tableExists('survey_results')).toBe(true);
    await migrateToLatest(database());
  });

  it('0006 gives sessions a last-seen time (their start, for existing ones) and the four ways to end', async () => {
    await migrateTo(database(), '0005-login-failures');
    const insertSession = (tokenHash: string, endReason: string | null) =>
      sql`insert into sessions (token_hash, agent_id, device_id, created_at, ended_at, end_reason)
          values (${tokenHash}, '1001', 'desk-1', 100, ${endReason === null ? null : 200}, ${endReason})`.execute(database());
    await insertSession('old-replaced', 'replaced');
    await insertSession('old-live', null);
    await expect(insertSession('too-early', 'expired')).rejects.toThrow(/sessions_end_reason_check/);

    await migrateToLatest(database());
    expect(await database().selectFrom('sessions').select(['token_hash', 'last_seen_at', 'address', 'ended_by_device_id', 'ended_by_agent_id']).orderBy('token_hash').execute()).toEqual([
      { token_hash: 'old-live', last_seen_at: 100, address: null, ended_by_device_id: null, ended_by_agent_id: null },
      { token_hash: 'old-replaced', last_seen_at: 100, address: null, ended_by_device_id: null, ended_by_agent_id: null },
    ]);
    await expect(sql`insert into sessions (token_hash, agent_id, device_id, created_at) values ('no-last-seen', '1001', 'd', 1)`.execute(database())).rejects.toThrow(/last_seen_at/);
    const endAs = (reason: string) =>
      sql`insert into sessions (token_hash, agent_id, device_id, created_at, last_seen_at, ended_at, end_reason) values (${`ended-${reason}`}, '1001', 'd', 1, 1, 2, ${reason})`.execute(database());
    for (const reason of ['admin', 'expired', 'logout']) await endAs(reason);
    await expect(endAs('vanished')).rejects.toThrow(/sessions_end_reason_check/);
    expect(await tableExists('sessions_by_agent_created')).toBe(true);
  });

  it('refuses to go back to 0005 while sessions ended by an admin or by expiry exist, then goes once they are gone', async () => {
    await expect(migrateTo(database(), '0005-login-failures')).rejects.toThrow(/0006-session-lifetimes/);
    expect(await migrationNames()).toContain('0006-session-lifetimes');
    await database().deleteFrom('sessions').where('end_reason', 'in', ['admin', 'expired']).execute();
    await migrateTo(database(), '0005-login-failures');
    expect(await tableExists('sessions_by_agent_created')).toBe(false);
    expect(await database().selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).toEqual(
      ['ended-logout', 'old-live', 'old-replaced'].map((token_hash) => ({ token_hash })),
    );
    await migrateToLatest(database());
  });

  it('0007 will not pick between two survey results of one call: it stops, changing nothing, until one is left', async () => {
    await migrateTo(database(), '0006-session-lifetimes');
    const callId = uuidv7();
    const insertSurvey = (id: string, call: string) =>
      sql`insert into survey_results (id, call_id, agent_id, rating, customer_number, rated_at, received_at)
          values (${id}, ${call}, '1001', 'neutral', '110', 1, 2)`.execute(database());
    const [kept, extra] = [uuidv7(), uuidv7()];
    await insertSurvey(kept, callId);
    await insertSurvey(extra, callId);

    await expect(migrateToLatest(database())).rejects.toThrow(/0007-one-survey-result-per-call/);
    const failure = await migrateToLatest(database()).catch((error: Error) => error.cause as Error);
    expect(failure?.message).toContain(`some calls have more than one survey result (${callId})`);
    expect(await migrationNames()).not.toContain('0007-one-survey-result-per-call');
    expect(await database().selectFrom('survey_results').select('id').where('call_id', '=', callId).orderBy('id').execute()).toEqual([{ id: kept }, { id: extra }].sort((a, b) => (a.id < b.id ? -1 : 1)));

    await database().deleteFrom('survey_results').where('id', '=', extra).execute();
    await migrateToLatest(database());
    await expect(insertSurvey(uuidv7(), callId.toUpperCase())).rejects.toThrow(/survey_results_one_per_call/);
    await insertSurvey(uuidv7(), uuidv7());
    expect(await tableExists('records_by_call_id')).toBe(true);
  });

  it('going back to 0006 drops both indexes and keeps every result', async () => {
    const before = await database().selectFrom('survey_results').select('id').orderBy('id').execute();
    await migrateTo(database(), '0006-session-lifetimes');
    expect(await tableExists('survey_results_one_per_call')).toBe(false);
    expect(await tableExists('records_by_call_id')).toBe(false);
    expect(await database().selectFrom('survey_results').select('id').orderBy('id').execute()).toEqual(before);
  });
  it('0008 makes every existing session a desk session and takes board sessions; a kind it does not know is refused', async () => {
    await migrateTo(database(), '0007-one-survey-result-per-call');
    await sql`insert into sessions (token_hash, agent_id, device_id, created_at, last_seen_at, ended_at, end_reason) values ('before-0008', '1001', 'desk-1', 5, 5, 6, 'logout')`.execute(database());
    // 'old-live' (from 0006's test) is the live desk session of 1001.
    await migrateToLatest(database());
    expect(await database().selectFrom('sessions').select('kind').where('token_hash', '=', 'before-0008').execute()).toEqual([{ kind: 'desk' }]);
    const insertKind = (tokenHash: string, kind: string) =>
      sql`insert into sessions (token_hash, agent_id, kind, device_id, created_at, last_seen_at) values (${tokenHash}, '1001', ${kind}, 'board', 6, 6)`.execute(database());
    // Live alongside the live desk session of the same 工号, and alongside each other.
    await insertKind('a-board', 'board');
    await insertKind('another-board', 'board');
    await expect(insertKind('a-kiosk', 'kiosk')).rejects.toThrow(/check/);
    await expect(
      sql`insert into sessions (token_hash, agent_id, device_id, created_at, last_seen_at) values ('second-desk', '1001', 'desk-2', 7, 7)`.execute(database()),
    ).rejects.toThrow(/sessions_one_live_desk_per_agent/);
    expect(await tableExists('sessions_one_live_per_agent')).toBe(false);
  });

  it('refuses to go back to 0007 while board sessions exist, then goes once they are gone', async () => {
    await expect(migrateTo(database(), '0007-one-survey-result-per-call')).rejects.toThrow(/0008-board-sessions/);
    expect(await migrationNames()).toContain('0008-board-sessions');
    await database().deleteFrom('sessions').where('kind', '=', 'board').execute();
    await migrateTo(database(), '0007-one-survey-result-per-call');
    expect(await tableExists('sessions_one_live_desk_per_agent')).toBe(false);
    expect(await tableExists('sessions_one_live_per_agent')).toBe(true);
    expect(await database().selectFrom('sessions').select('token_hash').where('token_hash', '=', 'before-0008').execute()).toEqual([{ token_hash: 'before-0008' }]);
    await migrateToLatest(database());
  });
  it('0009 keeps alerts: known kinds only, an acknowledgement says who and when, known agents only', async () => {
    await migrateTo(database(), '0008-board-sessions');
    expect(await tableExists('alerts')).toBe(false);
    await migrateToLatest(database());
    const insertAlert = (id: string, kind: string, ackBy: string | null, ackAt: number | null, agentId: string | null = '1001') =>
      sql`insert into alerts (id, agent_id, kind, occurred_at, raised_at, details, acknowledged_by, acknowledged_at)
          values (${id}, ${agentId}, ${kind}, 1, 2, '{}'::jsonb, ${ackBy}, ${ackAt})`.execute(database());
    await insertAlert('a1', 'busyOverLimit', null, null);
    await insertAlert('a2', 'loginFailures', '1001', 3, null);
    await expect(insertAlert('a3', 'gossip', null, null)).rejects.toThrow(/alerts_kind_check/);
    await expect(insertAlert('a4', 'missedOffer', '1001', null)).rejects.toThrow(/alerts_acknowledged_whole/);
    await expect(insertAlert('a5', 'missedOffer', null, null, '4242')).rejects.toThrow(/foreign key/);
    await migrateTo(database(), '0008-board-sessions');
    expect(await tableExists('alerts')).toBe(false);
    await migrateToLatest(database());
  });
  it('0010 keeps supervisor actions: known kinds, known agents, an outcome always with its time', async () => {
    await migrateTo(database(), '0009-alerts');
    expect(await tableExists('supervisor_actions')).toBe(false);
    await migrateToLatest(database());
    await sql`insert into agents (agent_id, name, password_hash, role, created_at) values ('9001', 'S', 'x', 'supervisor', 0) on conflict do nothing`.execute(database());
    const insertAction = (id: string, kind: string, outcome: string | null, outcomeAt: number | null, agentId = '1001') =>
      sql`insert into supervisor_actions (id, agent_id, by_agent_id, kind, action, created_at, outcome, outcome_at)
          values (${id}, ${agentId}, '9001', ${kind}, '{}'::jsonb, 1, ${outcome}, ${outcomeAt})`.execute(database());
    await insertAction('s1', 'approveBusy', null, null);
    await insertAction('s2', 'forceBusy', 'refused', 5);
    await expect(insertAction('s3', 'fireAgent', null, null)).rejects.toThrow(/supervisor_actions_kind_check/);
    await expect(insertAction('s4', 'forceBusy', 'applied', null)).rejects.toThrow(/supervisor_actions_outcome_whole/);
    await expect(insertAction('s5', 'forceBusy', null, null, '4242')).rejects.toThrow(/foreign key/);
    await migrateTo(database(), '0009-alerts');
    expect(await tableExists('supervisor_actions')).toBe(false);
    await migrateToLatest(database());
  });
  it('0011 keeps the working-day calendar: one entry per date, YYYY-MM-DD, holiday or workday, a short name, set by a known agent', async () => {
    await migrateTo(database(), '0010-supervisor-actions');
    expect(await tableExists('calendar_entries')).toBe(false);
    await migrateToLatest(database());
    const insertEntry = (date: string, kind: string, name: string | null = '国庆节', setBy = '9001') =>
      sql`insert into calendar_entries (date, kind, name, set_by, set_at) values (${date}, ${kind}, ${name}, ${setBy}, 7)`.execute(database());
    // 9001 is the supervisor 0010's test added.
    await insertEntry('2026-10-01', 'holiday');
    await insertEntry('2026-10-11', 'workday', '国庆调休上班');
    await sql`insert into calendar_entries (date, kind, set_by, set_at) values ('2026-10-02', 'holiday', '9001', 8)`.execute(database());
    await expect(insertEntry('2026-10-01', 'workday')).rejects.toThrow(/calendar_entries_pkey/);
    await expect(insertEntry('2026-10-03', 'vacation')).rejects.toThrow(/calendar_entries_kind_check/);
    await expect(insertEntry('2026-10-4', 'holiday')).rejects.toThrow(/calendar_entries_date_check/);
    await expect(insertEntry('10/04/2026', 'holiday')).rejects.toThrow(/calendar_entries_date_check/);
    await expect(insertEntry('2026-10-05', 'holiday', '节'.repeat(33))).rejects.toThrow(/calendar_entries_name_check/);
    await expect(insertEntry('2026-10-06', 'holiday', null)).rejects.toThrow(/null value/);
    await expect(insertEntry('2026-10-07', 'holiday', '', '4242')).rejects.toThrow(/foreign key/);
    await insertEntry('2026-10-05', 'holiday', '节'.repeat(32));
    expect(await database().selectFrom('calendar_entries').select(['date', 'kind', 'name', 'set_by', 'set_at']).orderBy('date').execute()).toEqual([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节', set_by: '9001', set_at: 7 },
      { date: '2026-10-02', kind: 'holiday', name: '', set_by: '9001', set_at: 8 },
      { date: '2026-10-05', kind: 'holiday', name: '节'.repeat(32), set_by: '9001', set_at: 7 },
      { date: '2026-10-11', kind: 'workday', name: '国庆调休上班', set_by: '9001', set_at: 7 },
    ]);
    await migrateTo(database(), '0010-supervisor-actions');
    expect(await tableExists('calendar_entries')).toBe(false);
    expect(await tableExists('supervisor_actions')).toBe(true);
    await migrateToLatest(database());
  });
  it("0012 indexes each agent's call records in the history's order (offered time, then call id), calls only", async () => {
    await migrateTo(database(), '0011-working-day-calendar');
    expect(await tableExists('records_call_history')).toBe(false);
    await migrateToLatest(database());
    const definition = (await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'records_call_history'`.execute(database())).rows[0]?.indexdef ?? '';
    expect(definition).toContain(`(agent_id, (((payload ->> 'offeredAt'::text))::bigint), lower((payload ->> 'callId'::text)) COLLATE "C") WHERE (kind = 'call'::text)`);
    // A call record without the fields still stores (its index entry is null): the desk protocol, not the index, checks records.
    await insertRecord('call', { callId: 'not-a-call' });
    await migrateTo(database(), '0011-working-day-calendar');
    expect(await tableExists('records_call_history')).toBe(false);
    await migrateToLatest(database());
  });
  it('0013 keeps the standard phrases: seeded from the regulations, known categories, a disposition exactly for disposition phrases, sized, an edit says who and when', async () => {
    await migrateTo(database(), '0012-call-history');
    expect(await tableExists('phrases')).toBe(false);
    // A disposition the center removed before 0013 gets no seeded phrase.
    await sql`delete from dispositions where code = 'sale'`.execute(database());
    await migrateToLatest(database());
    const seeded = (await sql<{ category: string; disposition_code: string | null; sort_order: number; edited_by: string | null; edited_at: number | null }>`
      select category, disposition_code, sort_order, edited_by, edited_at from phrases order by category, disposition_code, sort_order`.execute(database())).rows;
    expect(new Set(seeded.map((row) => row.category))).toEqual(new Set(['greeting', 'verification', 'transfer', 'apology', 'closing', 'disposition']));
    expect(seeded.filter((row) => row.category === 'disposition').map((row) => row.disposition_code)).toEqual(['complaint', 'inquiry', 'lookup', 'other', 'repair']);
    expect(seeded.filter((row) => row.category === 'greeting').map((row) => row.sort_order)).toEqual([1, 2]);
    expect(seeded.every((row) => row.edited_by === null && row.edited_at === null)).toBe(true);
    const greeting = await sql<{ text: string }>`select text from phrases where category = 'greeting' and sort_order = 1`.execute(database());
    expect(greeting.rows[0]?.text).toBe('您好，{companyName}，{agentId}号为您服务，请问有什么可以帮您？');
    expect((await sql<{ revision: number }>`select revision from phrase_book`.execute(database())).rows).toEqual([{ revision: 1 }]);

    const insertPhrase = (category: string, dispositionCode: string | null, title = '标题', text = '内容', editedBy: string | null = '9001', editedAt: number | null = 9) =>
      sql`insert into phrases (id, category, disposition_code, title, text, sort_order, edited_by, edited_at)
          values (${uuidv7()}, ${category}, ${dispositionCode}, ${title}, ${text}, 1, ${editedBy}, ${editedAt})`.execute(database());
    await insertPhrase('closing', null);
    await insertPhrase('disposition', 'complaint', '题'.repeat(40), '话'.repeat(1_000));
    await expect(insertPhrase('gossip', null)).rejects.toThrow(/phrases_category_check/);
    await expect(insertPhrase('disposition', null)).rejects.toThrow(/phrases_disposition_when_disposition/);
    await expect(insertPhrase('greeting', 'complaint')).rejects.toThrow(/phrases_disposition_when_disposition/);
    await expect(insertPhrase('disposition', 'sale')).rejects.toThrow(/foreign key/);
    await expect(insertPhrase('greeting', null, '')).rejects.toThrow(/phrases_title_check/);
    await expect(insertPhrase('greeting', null, '题'.repeat(41))).rejects.toThrow(/phrases_title_check/);
    await expect(insertPhrase('greeting', null, '标题', '话'.repeat(1_001))).rejects.toThrow(/phrases_text_check/);
    await expect(insertPhrase('greeting', null, '标题', '内容', '9001', null)).rejects.toThrow(/phrases_edited_whole/);
    await expect(insertPhrase('greeting', null, '标题', '内容', '4242', 9)).rejects.toThrow(/foreign key/);
    // One revision row, ever.
    await expect(sql`insert into phrase_book (id, revision) values (true, 2)`.execute(database())).rejects.toThrow(/phrase_book_pkey/);
    await expect(sql`insert into phrase_book (id, revision) values (false, 2)`.execute(database())).rejects.toThrow(/check/);
    // A disposition removed later takes its phrases with it.
    await sql`delete from dispositions where code = 'other'`.execute(database());
    expect((await sql`select id from phrases where disposition_code = 'other'`.execute(database())).rows).toEqual([]);

    await migrateTo(database(), '0012-call-history');
    expect(await tableExists('phrases')).toBe(false);
    expect(await tableExists('phrase_book')).toBe(false);
    expect(await tableExists('calendar_entries')).toBe(true);
    await sql`insert into dispositions (code, label_zh, label_en, sort_order) values ('sale', '销售', 'Sale', 5), ('other', '其他', 'Other', 6)`.execute(database());
    await migrateToLatest(database());
    expect((await sql`select id from phrases where disposition_code in ('sale', 'other')`.execute(database())).rows).toHaveLength(2);
  });
  it('0014 keeps escalation tickets: one per ticket record, known severities and statuses, a reply whole, a gapless history of known kinds by known agents', async () => {
    await migrateTo(database(), '0013-standard-phrases');
    expect(await tableExists('tickets')).toBe(false);
    await expect(insertRecord('ticket')).rejects.toThrow(/records_kind_check/);
    const insertAlert = (id: string, kind: string) =>
      sql`insert into alerts (id, agent_id, kind, occurred_at, raised_at, details) values (${id}, '1001', ${kind}, 1, 2, '{}'::jsonb)`.execute(database());
    await expect(insertAlert('e0', 'emergency')).rejects.toThrow(/alerts_kind_check/);
    await migrateTo(database(), '0014-escalation-tickets');

    const ticketRecordId = async () => {
      const id = uuidv7();
      await sql`insert into records (id, agent_id, kind, occurred_at, received_at, payload) values (${id}, '1001', 'ticket', 1, 2, '{}'::jsonb)`.execute(database());
      return id;
    };
    const insertTicket = (id: string, severity = 'urgent', status = 'new', reply: [string | null, string | null, number | null] = [null, null, null], agentId = '1001') =>
      sql`insert into tickets (id, agent_id, call_id, severity, content, customer_name, customer_contact, call_at, remote_number, promised_reply_at,
            raised_at, received_at, status, assignee_id, reply_text, reply_by, reply_at, updated_at)
          values (${id}, ${agentId}, null, ${severity}, '断线', '张三', '138', null, '', null, 1, 2, ${status}, null, ${reply[0]}, ${reply[1]}, ${reply[2]}, 2)`.execute(database());
    const insertEvent = (ticketId: string, seq: number, kind: string, assigneeId: string | null = null, by = '1001', text = '') =>
      sql`insert into ticket_events (ticket_id, seq, kind, at, by_agent_id, text, assignee_id) values (${ticketId}, ${seq}, ${kind}, 3, ${by}, ${text}, ${assigneeId})`.execute(database());

    const id = await ticketRecordId();
    await insertTicket(id, 'emergency', 'answered', ['已处理', '9001', 4]);
    await insertEvent(id, 1, 'raised');
    await insertEvent(id, 2, 'assigned', '9001', '9001');
    await insertEvent(id, 3, 'replied', null, '9001', '话'.repeat(2_000));
    await insertAlert('e1', 'emergency');
    await expect(insertTicket(uuidv7())).rejects.toThrow(/foreign key/);
    await expect(insertTicket(await ticketRecordId(), 'minor')).rejects.toThrow(/tickets_severity_check/);
    await expect(insertTicket(await ticketRecordId(), 'urgent', 'lost')).rejects.toThrow(/tickets_status_check/);
    await expect(insertTicket(await ticketRecordId(), 'urgent', 'answered', ['已处理', null, 4])).rejects.toThrow(/tickets_reply_whole/);
    await expect(insertTicket(await ticketRecordId(), 'urgent', 'new', [null, null, null], '4242')).rejects.toThrow(/foreign key/);
    await expect(insertTicket(id)).rejects.toThrow(/tickets_pkey/);
    await expect(insertEvent(id, 3, 'closed')).rejects.toThrow(/ticket_events_pkey/);
    await expect(insertEvent(id, 4, 'reopened')).rejects.toThrow(/ticket_events_kind_check/);
    await expect(insertEvent(id, 4, 'assigned')).rejects.toThrow(/ticket_events_assignee_when_assigned/);
    await expect(insertEvent(id, 4, 'closed', '9001')).rejects.toThrow(/ticket_events_assignee_when_assigned/);
    await expect(insertEvent(id, 4, 'closed', null, '4242')).rejects.toThrow(/foreign key/);
    await expect(insertEvent(id, 4, 'replied', null, '9001', '话'.repeat(2_001))).rejects.toThrow(/ticket_events_text_check/);
    await expect(insertEvent(uuidv7(), 1, 'raised')).rejects.toThrow(/foreign key/);

    // Going back refuses while ticket records or emergency alerts exist, changing nothing.
    await expect(migrateTo(database(), '0013-standard-phrases')).rejects.toThrow(/0014-escalation-tickets/);
    expect(await tableExists('tickets')).toBe(true);
    expect(await database().selectFrom('ticket_events').select('seq').where('ticket_id', '=', id).execute()).toHaveLength(3);
    await sql`delete from alerts where kind = 'emergency'`.execute(database());
    await expect(migrateTo(database(), '0013-standard-phrases')).rejects.toThrow(/0014-escalation-tickets/);
    await sql`delete from ticket_events`.execute(database());
    await sql`delete from tickets`.execute(database());
    await sql`delete from records where kind = 'ticket'`.execute(database());
    await migrateTo(database(), '0013-standard-phrases');
    expect(await tableExists('tickets')).toBe(false);
    expect(await tableExists('ticket_events')).toBe(false);
    expect(await tableExists('phrases')).toBe(true);
    await migrateTo(database(), '0014-escalation-tickets');
  });

  it('0015 keeps promises and handovers: ids of their records, known kinds and statuses, a kept promise and an accept whole, gapless histories; tickets get an owner (their raiser) and the handedOver event', async () => {
    await sql`insert into agents (agent_id, name, password_hash, role, created_at) values ('1002', 'B', 'x', 'agent', 0) on conflict do nothing`.execute(database());
    const recordId = async (kind: string, agentId = '1001') => {
      const id = uuidv7();
      await sql`insert into records (id, agent_id, kind, occurred_at, received_at, payload) values (${id}, ${agentId}, ${kind}, 1, 2, '{}'::jsonb)`.execute(database());
      return id;
    };
    // At 0014: a ticket raised by 1001; the new kinds are refused.
    const ticketId = await recordId('ticket');
    await sql`insert into tickets (id, agent_id, call_id, severity, content, customer_name, customer_contact, call_at, remote_number, promised_reply_at,
          raised_at, received_at, status, assignee_id, reply_text, reply_by, reply_at, updated_at)
        values (${ticketId}, '1001', null, 'urgent', '断线', '张三', '138', null, '', null, 1, 2, 'new', null, null, null, null, 2)`.execute(database());
    const insertTicketEvent = (seq: number, kind: string) =>
      sql`insert into ticket_events (ticket_id, seq, kind, at, by_agent_id, text, assignee_id) values (${ticketId}, ${seq}, ${kind}, 3, '1002', '交给你了', null)`.execute(database());
    await insertTicketEvent(1, 'raised');
    await expect(insertRecord('promiseStep')).rejects.toThrow(/records_kind_check/);
    await expect(insertRecord('handover')).rejects.toThrow(/records_kind_check/);
    await expect(insertTicketEvent(2, 'handedOver')).rejects.toThrow(/ticket_events_kind_check/);
    expect(await tableExists('promises')).toBe(false);

    await migrateToLatest(database());
    expect((await migrationNames()).at(-1)).toBe('0015-promises-and-handovers');
    expect((await sql<{ owner_id: string }>`select owner_id from tickets where id = ${ticketId}`.execute(database())).rows).toEqual([{ owner_id: '1001' }]);
    await insertTicketEvent(2, 'handedOver');
    await expect(sql`update tickets set owner_id = null where id = ${ticketId}`.execute(database())).rejects.toThrow(/owner_id/);
    await expect(sql`update tickets set owner_id = '4242' where id = ${ticketId}`.execute(database())).rejects.toThrow(/foreign key/);
    await expect(insertTicketEvent(3, 'reopened')).rejects.toThrow(/ticket_events_kind_check/);

    const handoverId = await recordId('handover');
    const insertHandover = (id: string, toKind = 'agent', toAgent: string | null = '1002', status = 'pending', acceptedBy: string | null = null, acceptedAt: number | null = null) =>
      sql`insert into handovers (id, from_id, to_kind, to_agent_id, note, handed_at, received_at, status, accepted_by, accepted_at, updated_at)
          values (${id}, '1001', ${toKind}, ${toAgent}, '下班交接', 1, 2, ${status}, ${acceptedBy}, ${acceptedAt}, 2)`.execute(database());
    await insertHandover(handoverId);
    await expect(insertHandover(uuidv7())).rejects.toThrow(/foreign key/);
    await expect(insertHandover(await recordId('handover'), 'nextShift', '1002')).rejects.toThrow(/handovers_recipient_whole/);
    await expect(insertHandover(await recordId('handover'), 'agent', null)).rejects.toThrow(/handovers_recipient_whole/);
    await expect(insertHandover(await recordId('handover'), 'team', null)).rejects.toThrow(/handovers_to_kind_check/);
    await expect(insertHandover(await recordId('handover'), 'nextShift', null, 'accepted')).rejects.toThrow(/handovers_accepted_whole/);
    await expect(insertHandover(await recordId('handover'), 'nextShift', null, 'pending', '1002', 5)).rejects.toThrow(/handovers_accepted_whole/);
    await expect(insertHandover(await recordId('handover'), 'nextShift', null, 'accepted', '4242', 5)).rejects.toThrow(/foreign key/);
    // A 工号 the server does not know may be named (nobody can accept it).
    await insertHandover(await recordId('handover'), 'agent', '4242');
    await insertHandover(await recordId('handover'), 'nextShift', null, 'accepted', '1002', 5);

    const promiseId = await recordId('wrapUp');
    const insertPromise = (id: string, overrides: { status?: string; kept?: [number | null, string | null, string | null]; summary?: string; madeBy?: string; pending?: string | null } = {}) => {
      const [keptAt, keptBy, keptNote] = overrides.kept ?? [null, null, null];
      return sql`insert into promises (id, call_id, made_by, owner_id, due_at, made_at, disposition, summary, customer_name, customer_contact, remote_number,
            status, kept_at, kept_by, kept_note, pending_handover_id, received_at, updated_at)
          values (${id}, ${uuidv7()}, ${overrides.madeBy ?? '1001'}, '1001', 10, 1, 'complaint', ${overrides.summary ?? '断线'}, '张三', '138', '13812345678',
            ${overrides.status ?? 'open'}, ${keptAt}, ${keptBy}, ${keptNote}, ${overrides.pending ?? null}, 2, 2)`.execute(database());
    };
    await insertPromise(promiseId, { summary: '话'.repeat(2_000), pending: handoverId });
    await insertPromise(await recordId('wrapUp'), { status: 'kept', kept: [5, '1001', '已回电'] });
    await expect(insertPromise(uuidv7())).rejects.toThrow(/foreign key/);
    await expect(insertPromise(promiseId)).rejects.toThrow(/promises_pkey/);
    await expect(insertPromise(await recordId('wrapUp'), { status: 'broken' })).rejects.toThrow(/promises_status_check/);
    await expect(insertPromise(await recordId('wrapUp'), { status: 'kept' })).rejects.toThrow(/promises_kept_whole/);
    await expect(insertPromise(await recordId('wrapUp'), { status: 'kept', kept: [5, null, '已回电'] })).rejects.toThrow(/promises_kept_whole/);
    await expect(insertPromise(await recordId('wrapUp'), { kept: [5, '1001', '已回电'] })).rejects.toThrow(/promises_kept_whole/);
    await expect(insertPromise(await recordId('wrapUp'), { summary: '话'.repeat(2_001) })).rejects.toThrow(/promises_summary_check/);
    await expect(insertPromise(await recordId('wrapUp'), { madeBy: '4242' })).rejects.toThrow(/foreign key/);
    await expect(insertPromise(await recordId('wrapUp'), { pending: uuidv7() })).rejects.toThrow(/foreign key/);

    const insertEvent = (seq: number, kind: string, callId: string | null = null, text = '', by = '1001', id = promiseId) =>
      sql`insert into promise_events (promise_id, seq, kind, at, by_agent_id, text, call_id) values (${id}, ${seq}, ${kind}, 3, ${by}, ${text}, ${callId})`.execute(database());
    await insertEvent(1, 'made');
    await insertEvent(2, 'calledBack', uuidv7());
    await insertEvent(3, 'handedOver', null, '交'.repeat(2_000));
    await insertEvent(4, 'ignored', null, 'not the owner', '1002');
    await expect(insertEvent(4, 'kept')).rejects.toThrow(/promise_events_pkey/);
    await expect(insertEvent(5, 'forgotten')).rejects.toThrow(/promise_events_kind_check/);
    await expect(insertEvent(5, 'calledBack')).rejects.toThrow(/promise_events_call_when_called_back/);
    await expect(insertEvent(5, 'kept', uuidv7())).rejects.toThrow(/promise_events_call_when_called_back/);
    await expect(insertEvent(5, 'kept', null, '记'.repeat(2_001))).rejects.toThrow(/promise_events_text_check/);
    await expect(insertEvent(5, 'accepted', null, '', '4242')).rejects.toThrow(/foreign key/);
    await expect(insertEvent(1, 'made', null, '', '1001', uuidv7())).rejects.toThrow(/foreign key/);

    const insertOwner = (agentId: string, id = promiseId) => sql`insert into promise_owners (agent_id, promise_id) values (${agentId}, ${id})`.execute(database());
    await insertOwner('1001');
    await expect(insertOwner('1001')).rejects.toThrow(/promise_owners_pkey/);
    await expect(insertOwner('4242')).rejects.toThrow(/foreign key/);

    const insertItem = (position: number, kind: string, itemId: string, note = '请跟进', outcome: string | null = null) =>
      sql`insert into handover_items (handover_id, position, kind, item_id, note, title, due_at, remote_number, valid, outcome)
          values (${handoverId}, ${position}, ${kind}, ${itemId}, ${note}, '张三：断线', null, '13812345678', true, ${outcome})`.execute(database());
    await insertItem(0, 'promise', promiseId);
    await insertItem(1, 'ticket', ticketId, '交'.repeat(1_000), 'moved');
    await expect(insertItem(1, 'promise', uuidv7())).rejects.toThrow(/handover_items_pkey/);
    await expect(insertItem(2, 'promise', promiseId)).rejects.toThrow(/handover_items_once/);
    await expect(insertItem(2, 'call', uuidv7())).rejects.toThrow(/handover_items_kind_check/);
    await expect(insertItem(2, 'ticket', uuidv7(), '交'.repeat(1_001))).rejects.toThrow(/handover_items_note_check/);
    await expect(insertItem(2, 'ticket', uuidv7(), '', 'lost')).rejects.toThrow(/handover_items_outcome_check/);

    const indexes = (await sql<{ indexname: string }>`select indexname from pg_indexes where tablename in ('promises', 'handovers', 'tickets')`.execute(database())).rows.map((row) => row.indexname);
    expect(indexes).toEqual(
      expect.arrayContaining(['promises_by_owner_updated', 'promises_open', 'handovers_pending', 'handovers_by_from_updated', 'handovers_by_to_updated', 'tickets_by_owner_updated']),
    );

    // Going back refuses while promise steps, handovers or handedOver events exist, changing nothing.
    await insertRecord('promiseStep');
    await expect(migrateTo(database(), '0014-escalation-tickets')).rejects.toThrow(/0015-promises-and-handovers/);
    expect(await tableExists('promises')).toBe(true);
    expect(await database().selectFrom('promise_events').select('seq').where('promise_id', '=', promiseId).execute()).toHaveLength(4);
    for (const table of ['handover_items', 'promise_owners', 'promise_events']) await sql`delete from ${sql.table(table)}`.execute(database());
    await sql`delete from promises`.execute(database());
    await sql`delete from handovers`.execute(database());
    await sql`delete from records where kind in ('promiseStep', 'handover')`.execute(database());
    await expect(migrateTo(database(), '0014-escalation-tickets')).rejects.toThrow(/0015-promises-and-handovers/);
    await sql`delete from ticket_events where kind = 'handedOver'`.execute(database());
    await migrateTo(database(), '0014-escalation-tickets');
    for (const table of ['promises', 'promise_events', 'promise_owners', 'handovers', 'handover_items']) expect(await tableExists(table)).toBe(false);
    const columns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'tickets'`.execute(database())).rows.map((row) => row.column_name);
    expect(columns).not.toContain('owner_id');
    expect(await tableExists('tickets')).toBe(true);
    await migrateToLatest(database());
  });
});
