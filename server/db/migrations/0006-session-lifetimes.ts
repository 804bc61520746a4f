import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The end reasons of src/contract/live.ts as they were when this migration was written. */
const END_REASONS = ['replaced', 'admin', 'expired', 'logout'];
const INITIAL_END_REASONS = ['replaced', 'logout'];

/** PostgreSQL named 0001's inline column check `<table>_<column>_check`; we keep that name. */
async function replaceEndReasonCheck(db: Kysely<unknown>, reasons: string[]): Promise<void> {
  await sql`alter table sessions drop constraint sessions_end_reason_check`.execute(db);
  await sql`alter table sessions add constraint sessions_end_reason_check check (end_reason in (${sql.join(reasons.map((reason) => sql.lit(reason)))}))`.execute(db);
}

/**
 * Sessions that expire (idle and absolute limits: the server must know when each desk was last
 * seen) and say how they ended: which device replaced them, which supervisor ended them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceEndReasonCheck(db, END_REASONS);
  await db.schema
    .alterTable('sessions')
    .addColumn('last_seen_at', 'bigint')
    .addColumn('address', 'text')
    .addColumn('ended_by_device_id', 'text')
    .addColumn('ended_by_agent_id', 'text')
    .execute();
  // Existing sessions were last seen, as far as anyone knows, when they began.
  await sql`update sessions set last_seen_at = created_at`.execute(db);
  await db.schema.alterTable('sessions').alterColumn('last_seen_at', (col) => col.setNotNull()).execute();
  // An agent's sessions are read by time: their history, and attendance from their starts and ends.
  await db.schema.createIndex('sessions_by_agent_created').on('sessions').columns(['agent_id', 'created_at']).execute();
}

/** Fails, changing nothing, while sessions ended by an admin or by expiry exist: the old check refuses them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_by_agent_created').execute();
  await db.schema
    .alterTable('sessions')
    .dropColumn('last_seen_at')
    .dropColumn('address')
    .dropColumn('ended_by_device_id')
    .dropColumn('ended_by_agent_id')
    .execute();
  await replaceEndReasonCheck(db, INITIAL_END_REASONS);
}
