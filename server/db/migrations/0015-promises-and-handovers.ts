import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The record kinds of sync protocol v1 once desks send promise steps and handovers; 0014's before. */
const PREVIOUS_RECORD_KINDS = ['call', 'wrapUp', 'stateChange', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance', 'ticket'];
const RECORD_KINDS = [...PREVIOUS_RECORD_KINDS, 'promiseStep', 'handover'];

/** The ticket event kinds of 0014, and with a shift handover of a ticket accepted. */
const PREVIOUS_TICKET_EVENT_KINDS = ['raised', 'assigned', 'replied', 'closed'];
const TICKET_EVENT_KINDS = [...PREVIOUS_TICKET_EVENT_KINDS, 'handedOver'];

/** The statuses, kinds and caps of src/contract/promises.ts and handovers.ts as they were when this migration was written. */
const PROMISE_STATUSES = ['open', 'kept'];
const PROMISE_EVENT_KINDS = ['made', 'calledBack', 'kept', 'handedOver', 'accepted', 'ignored'];
const HANDOVER_STATUSES = ['pending', 'accepted'];
const RECIPIENT_KINDS = ['agent', 'nextShift'];
const ITEM_KINDS = ['promise', 'ticket'];
const ITEM_OUTCOMES = ['moved', 'stayed'];
const TEXT_MAX = 2_000;
const ITEM_NOTE_MAX = 1_000;
const TITLE_MAX = 200;
const NAME_MAX = 128;
const NUMBER_MAX = 64;

const list = (values: string[]) => sql.join(values.map((value) => sql.lit(value)));
const atMost = (column: string, max: number) => sql`char_length(${sql.ref(column)}) <= ${sql.lit(max)}`;

/** PostgreSQL named the inline column checks of 0001 and 0014 `<table>_kind_check`; we keep those names. */
async function replaceKindCheck(db: Kysely<unknown>, table: 'records' | 'ticket_events', kinds: string[]): Promise<void> {
  const constraint = sql.id(`${table}_kind_check`);
  await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in (${list(kinds)}))`.execute(db);
}

/**
 * First-contact promises (首问责任制) and shift handovers (交接班).
 *
 * `promises` holds each promise's current state (its id is the wrap-up record's that made it),
 * `promise_events` its whole history in order, `promise_owners` everyone who owned it (the maker,
 * then each receiver of a handover of it), so an agent reads the promises they own or owned.
 * `handovers` holds each handover (its id is the `handover` record's), `handover_items` what it
 * carries, in the giver's order, as it was when the server stored it (`valid`: the giver owned
 * it then) and what the accept did with it (`outcome`).
 *
 * Tickets get an owner: the agent who raised them until a handover of one is accepted
 * (`owner_id`, existing tickets backfilled with `agent_id`), and the `handedOver` event kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceKindCheck(db, 'records', RECORD_KINDS);
  await replaceKindCheck(db, 'ticket_events', TICKET_EVENT_KINDS);

  await sql`alter table tickets add column owner_id text references agents (agent_id)`.execute(db);
  await sql`update tickets set owner_id = agent_id`.execute(db);
  await sql`alter table tickets alter column owner_id set not null`.execute(db);
  await db.schema.createIndex('tickets_by_owner_updated').on('tickets').columns(['owner_id', 'updated_at']).execute();

  await db.schema
    .createTable('handovers')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('records.id'))
    .addColumn('from_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('to_kind', 'text', (col) => col.notNull().check(sql`to_kind in (${list(RECIPIENT_KINDS)})`))
    // Not a foreign key: a desk may name a 工号 the server does not know (it is stored, nobody can accept it).
    .addColumn('to_agent_id', 'text')
    .addColumn('note', 'text', (col) => col.notNull().check(atMost('note', TEXT_MAX)))
    .addColumn('handed_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in (${list(HANDOVER_STATUSES)})`))
    .addColumn('accepted_by', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('accepted_at', 'bigint')
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('handovers_recipient_whole', sql`(to_kind = 'agent') = (to_agent_id is not null)`)
    .addCheckConstraint('handovers_accepted_whole', sql`(status = 'accepted') = (accepted_by is not null) and (accepted_by is null) = (accepted_at is null)`)
    .execute();
  // The board lists pending ones and a day's; a desk catches up on what it gave and what it got.
  await db.schema.createIndex('handovers_pending').on('handovers').columns(['status', 'to_kind', 'updated_at']).execute();
  await db.schema.createIndex('handovers_by_from_updated').on('handovers').columns(['from_id', 'updated_at']).execute();
  await db.schema.createIndex('handovers_by_to_updated').on('handovers').columns(['to_agent_id', 'updated_at']).execute();
  await db.schema.createIndex('handovers_by_received').on('handovers').column('received_at').execute();

  await db.schema
    .createTable('handover_items')
    .addColumn('handover_id', 'uuid', (col) => col.notNull().references('handovers.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${list(ITEM_KINDS)})`))
    // Not a foreign key: the item may be a promise or a ticket, or neither (then it is not valid).
    .addColumn('item_id', 'uuid', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().check(atMost('note', ITEM_NOTE_MAX)))
    .addColumn('title', 'text', (col) => col.notNull().check(atMost('title', TITLE_MAX)))
    .addColumn('due_at', 'bigint')
    .addColumn('remote_number', 'text', (col) => col.notNull().check(atMost('remote_number', NUMBER_MAX)))
    .addColumn('valid', 'boolean', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in (${list(ITEM_OUTCOMES)})`))
    .addPrimaryKeyConstraint('handover_items_pkey', ['handover_id', 'position'])
    .addUniqueConstraint('handover_items_once', ['handover_id', 'kind', 'item_id'])
    .execute();

  await db.schema
    .createTable('promises')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('records.id'))
    .addColumn('call_id', 'uuid', (col) => col.notNull())
    .addColumn('made_by', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('owner_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('due_at', 'bigint', (col) => col.notNull())
    .addColumn('made_at', 'bigint', (col) => col.notNull())
    .addColumn('disposition', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull().check(atMost('summary', TEXT_MAX)))
    .addColumn('customer_name', 'text', (col) => col.notNull().check(atMost('customer_name', NAME_MAX)))
    .addColumn('customer_contact', 'text', (col) => col.notNull().check(atMost('customer_contact', NAME_MAX)))
    .addColumn('remote_number', 'text', (col) => col.notNull().check(atMost('remote_number', NUMBER_MAX)))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in (${list(PROMISE_STATUSES)})`))
    .addColumn('kept_at', 'bigint')
    .addColumn('kept_by', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('kept_note', 'text', (col) => col.check(atMost('kept_note', TEXT_MAX)))
    .addColumn('pending_handover_id', 'uuid', (col) => col.references('handovers.id'))
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint(
      'promises_kept_whole',
      sql`(status = 'kept') = (kept_at is not null) and (kept_at is null) = (kept_by is null) and (kept_by is null) = (kept_note is null)`,
    )
    .execute();
  // An agent's promises by last change (the desk's catch-up), and the open ones by when they are due (the board).
  await db.schema.createIndex('promises_by_owner_updated').on('promises').columns(['owner_id', 'updated_at']).execute();
  await sql`create index promises_open on promises (due_at) where status = 'open'`.execute(db);

  await db.schema
    .createTable('promise_events')
    .addColumn('promise_id', 'uuid', (col) => col.notNull().references('promises.id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${list(PROMISE_EVENT_KINDS)})`))
    .addColumn('at', 'bigint', (col) => col.notNull())
    .addColumn('by_agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('text', 'text', (col) => col.notNull().defaultTo('').check(atMost('text', TEXT_MAX)))
    .addColumn('call_id', 'uuid')
    .addPrimaryKeyConstraint('promise_events_pkey', ['promise_id', 'seq'])
    .addCheckConstraint('promise_events_call_when_called_back', sql`(kind = 'calledBack') = (call_id is not null)`)
    .execute();

  await db.schema
    .createTable('promise_owners')
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('promise_id', 'uuid', (col) => col.notNull().references('promises.id'))
    .addPrimaryKeyConstraint('promise_owners_pkey', ['agent_id', 'promise_id'])
    .execute();
}

/**
 * Drops promises, handovers and ticket owners. Fails, changing nothing, while promiseStep or
 * handover records or handedOver ticket events exist: they would not fit the old checks.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('promise_owners').execute();
  await db.schema.dropTable('promise_events').execute();
  await db.schema.dropTable('promises').execute();
  await db.schema.dropTable('handover_items').execute();
  await db.schema.dropTable('handovers').execute();
  await db.schema.dropIndex('tickets_by_owner_updated').execute();
  await sql`alter table tickets drop column owner_id`.execute(db);
  await replaceKindCheck(db, 'ticket_events', PREVIOUS_TICKET_EVENT_KINDS);
  await replaceKindCheck(db, 'records', PREVIOUS_RECORD_KINDS);
}
