import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The ratings of src/contract/survey.ts as they were when this migration was written. */
const RATINGS = ['satisfied', 'neutral', 'dissatisfied', 'none'];

/** Satisfaction survey results the IVR reports (DOMAIN.md rule 4). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_results')
    // Made by the IVR, so a retried report is stored once.
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    // Not a reference to `records`: the survey may be reported before the desk syncs the call.
    .addColumn('call_id', 'uuid', (col) => col.notNull())
    .addColumn('agent_id', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('rating', 'text', (col) => col.notNull().check(sql`rating in (${sql.join(RATINGS.map((rating) => sql.lit(rating)))})`))
    .addColumn('customer_number', 'text', (col) => col.notNull())
    .addColumn('rated_at', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .execute();
  // A desk catches up on one agent's results received after the newest it has.
  await db.schema.createIndex('survey_results_by_agent_received').on('survey_results').columns(['agent_id', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_results').execute();
}
