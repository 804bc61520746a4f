import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The record kinds of sync protocol v1 after the desk started reporting ring, busy and attendance events. */
const RECORD_KINDS = ['call', 'wrapUp', 'stateChange', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance'];
const INITIAL_RECORD_KINDS = ['call', 'wrapUp', 'stateChange'];

/** PostgreSQL named 0001's inline column check `<table>_<column>_check`; we keep that name. */
async function replaceKindCheck(db: Kysely<unknown>, kinds: string[]): Promise<void> {
  await sql`alter table records drop constraint records_kind_check`.execute(db);
  await sql`alter table records add constraint records_kind_check check (kind in (${sql.join(kinds.map((kind) => sql.lit(kind)))}))`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceKindCheck(db, RECORD_KINDS);
  // The supervisor board reads one kind of one agent's events at a time.
  await db.schema.createIndex('records_by_agent_kind_time').on('records').columns(['agent_id', 'kind', 'occurred_at']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('records.id'))
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('event', 'text', (col) => col.notNull().check(sql`event in ('login', 'logout')`))
    .addColumn('desk_time', 'bigint', (col) => col.notNull())
    .addColumn('server_time', 'bigint', (col) => col.notNull())
    .addColumn('server_time_source', 'text', (col) => col.notNull().check(sql`server_time_source in ('confirmed', 'estimated')`))
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .execute();
  // Attendance is judged by the server's clock, so reports select by server time.
  await db.schema.createIndex('attendance_by_agent_server_time').on('attendance').columns(['agent_id', 'server_time']).execute();
}

/** Fails, changing nothing, while records of the newer kinds exist: those would not fit the old check. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attendance').execute();
  await db.schema.dropIndex('records_by_agent_kind_time').execute();
  await replaceKindCheck(db, INITIAL_RECORD_KINDS);
}
