import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The record kinds of sync protocol v1 once the desk raises escalation tickets; 0002's before. */
const RECORD_KINDS = ['call', 'wrapUp', 'stateChange', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance', 'ticket'];
const PREVIOUS_RECORD_KINDS = ['call', 'wrapUp', 'stateChange', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance'];

/** The severities, statuses, event kinds and caps of src/contract/tickets.ts as they were when this migration was written. */
const SEVERITIES = ['normal', 'urgent', 'emergency'];
const STATUSES = ['new', 'assigned', 'answered', 'closed'];
const EVENT_KINDS = ['raised', 'assigned', 'replied', 'closed'];
const TEXT_MAX = 2_000;

/** The alert kinds of 0009, and with the emergency alert an emergency ticket raises. */
const PREVIOUS_ALERT_KINDS = ['busyOverLimit', 'missedOffer', 'repeatedMisses', 'wrapUpOverLimit', 'deskUnreachable', 'loginFailures'];
const ALERT_KINDS = [...PREVIOUS_ALERT_KINDS, 'emergency'];

const list = (values: string[]) => sql.join(values.map((value) => sql.lit(value)));

/** PostgreSQL named the inline column checks of 0001 and 0009 `<table>_kind_check`; we keep those names. */
async function replaceKindCheck(db: Kysely<unknown>, table: 'records' | 'alerts', kinds: string[]): Promise<void> {
  const constraint = sql.id(`${table}_kind_check`);
  await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in (${list(kinds)}))`.execute(db);
}

/**
 * Escalation tickets (疑难反馈单): `tickets` holds each one's current state (its id is the `ticket`
 * record's, so a ticket exists exactly when its record does), `ticket_events` its whole history in
 * order. The assignee and the newest reply are copied onto the ticket so the queue reads one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceKindCheck(db, 'records', RECORD_KINDS);
  await replaceKindCheck(db, 'alerts', ALERT_KINDS);

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('records.id'))
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('call_id', 'text')
    .addColumn('severity', 'text', (col) => col.notNull().check(sql`severity in (${list(SEVERITIES)})`))
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('customer_name', 'text', (col) => col.notNull())
    .addColumn('customer_contact', 'text', (col) => col.notNull())
    .addColumn('call_at', 'bigint')
    .addColumn('remote_number', 'text', (col) => col.notNull())
    .addColumn('promised_reply_at', 'bigint')
    .addColumn('raised_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in (${list(STATUSES)})`))
    .addColumn('assignee_id', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('reply_text', 'text', (col) => col.check(sql`char_length(reply_text) <= ${sql.lit(TEXT_MAX)}`))
    .addColumn('reply_by', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('reply_at', 'bigint')
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('tickets_reply_whole', sql`(reply_text is null) = (reply_by is null) and (reply_by is null) = (reply_at is null)`)
    .execute();
  // The desk catches up by agent and last change; the board lists what is open and a day's.
  await db.schema.createIndex('tickets_by_agent_updated').on('tickets').columns(['agent_id', 'updated_at']).execute();
  await db.schema.createIndex('tickets_by_status').on('tickets').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('tickets_by_received').on('tickets').column('received_at').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('ticket_id', 'uuid', (col) => col.notNull().references('tickets.id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${list(EVENT_KINDS)})`))
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('by_agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('text', 'text', (col) => col.notNull().defaultTo('').check(sql`char_length(text) <= ${sql.lit(TEXT_MAX)}`))
    .addColumn('assignee_id', 'text', (col) => col.references('agents.agent_id'))
    .addPrimaryKeyConstraint('ticket_events_pkey', ['ticket_id', 'seq'])
    .addCheckConstraint('ticket_events_assignee_when_assigned', sql`(kind = 'assigned') = (assignee_id is not null)`)
    .execute();
}

/** Fails, changing nothing, while ticket records or emergency alerts exist: they would not fit the old checks. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_events').execute();
  await db.schema.dropTable('tickets').execute();
  await replaceKindCheck(db, 'alerts', PREVIOUS_ALERT_KINDS);
  await replaceKindCheck(db, 'records', PREVIOUS_RECORD_KINDS);
}
