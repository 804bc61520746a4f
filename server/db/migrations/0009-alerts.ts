import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The alert kinds of src/contract/alerts.ts as they were when this migration was written. */
const KINDS = ['busyOverLimit', 'missedOffer', 'repeatedMisses', 'wrapUpOverLimit', 'deskUnreachable', 'loginFailures'];

/**
 * The supervisor board's alerts: one row each, until a supervisor acknowledges it (who and when).
 * Read by day (the board's history) and per agent (a desk catching up on acknowledgements).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('agent_id', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${sql.join(KINDS.map((kind) => sql.lit(kind)))})`))
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('raised_at', 'bigint', (col) => col.notNull())
    .addColumn('details', 'jsonb', (col) => col.notNull())
    .addColumn('acknowledged_by', 'text', (col) => col.references('agents.agent_id'))
    .addColumn('acknowledged_at', 'bigint')
    // Both or neither: an acknowledgement always says who.
    .addCheckConstraint('alerts_acknowledged_whole', sql`(acknowledged_by is null) = (acknowledged_at is null)`)
    .execute();
  await db.schema.createIndex('alerts_by_raised').on('alerts').column('raised_at').execute();
  await db.schema.createIndex('alerts_by_agent_raised').on('alerts').columns(['agent_id', 'raised_at']).execute();
  await sql`create index alerts_open on alerts (raised_at) where acknowledged_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}
