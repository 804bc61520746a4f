import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/**
 * One survey result per call, for calls the server knows: a unique index on the call, and an
 * index to find a call record by its call id. Refuses to run, changing nothing, while some call
 * has two results: which one counts is for a person to decide, not for a migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const twice = await sql<{ call_id: string }>`
    select call_id from survey_results group by call_id having count(*) > 1 order by call_id limit 5
  `.execute(db);
  if (twice.rows.length > 0) {
    const calls = twice.rows.map((row) => row.call_id).join(', ');
    throw new Error(`some calls have more than one survey result (${calls}${twice.rows.length === 5 ? ', …' : ''}): delete all but one per call, then start again`);
  }
  await db.schema.createIndex('survey_results_one_per_call').on('survey_results').column('call_id').unique().execute();
  // The desk writes ids in lower case; lower() makes the lookup hold for any spelling.
  await sql`create index records_by_call_id on records (lower(payload->>'callId')) where kind = 'call'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('records_by_call_id').execute();
  await db.schema.dropIndex('survey_results_one_per_call').execute();
}
