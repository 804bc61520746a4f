import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The action kinds of src/contract/actions.ts as they were when this migration was written. */
const KINDS = ['approveBusy', 'forceBusy'];

/**
 * Supervisors' actions on seats: who did what to whom and when, and how the agent's desk took it.
 * Read by day (the board) and per agent without an outcome (a desk catching up).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supervisor_actions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('by_agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${sql.join(KINDS.map((kind) => sql.lit(kind)))})`))
    .addColumn('action', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('applied', 'refused')`))
    .addColumn('outcome_reason', 'text')
    .addColumn('outcome_at', 'bigint')
    .addCheckConstraint('supervisor_actions_outcome_whole', sql`(outcome is null) = (outcome_at is null)`)
    .execute();
  await db.schema.createIndex('supervisor_actions_by_created').on('supervisor_actions').column('created_at').execute();
  await sql`create index supervisor_actions_pending on supervisor_actions (agent_id, created_at) where outcome is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('supervisor_actions').execute();
}
