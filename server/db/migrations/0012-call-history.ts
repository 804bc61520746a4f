import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/**
 * An agent's call history, newest first (GET /v1/agents/:agentId/history): the call records of
 * one agent in the history's order, offered time then call id, read backwards from a cursor.
 * The expressions are the ones server/history-search.ts orders and pages by, to the letter; the
 * call id compares byte by byte ("C"), as the desk compares it when it merges pages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index records_call_history on records (agent_id, ((payload->>'offeredAt')::bigint), (lower(payload->>'callId') collate "C"))
    where kind = 'call'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('records_call_history').execute();
}
