import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The reasons of src/contract/sessions.ts as they were when this migration was written. */
const REASONS = ['bad-password', 'unknown-agent', 'throttled'];

/** Failed logins: what the per-工号 and per-address throttles count, and what supervisors read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The 工号 that was tried, not a reference: unknown ones are recorded too.
    .addColumn('agent_id', 'text', (col) => col.notNull())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    .addColumn('attempted_at', 'bigint', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull().check(sql`reason in (${sql.join(REASONS.map((reason) => sql.lit(reason)))})`))
    .execute();
  // Each login counts the recent failures of its 工号 and of its address.
  await db.schema.createIndex('login_failures_by_agent_time').on('login_failures').columns(['agent_id', 'attempted_at']).execute();
  await db.schema.createIndex('login_failures_by_address_time').on('login_failures').columns(['address', 'attempted_at']).execute();
  // The board reads the newest first.
  await db.schema.createIndex('login_failures_by_time').on('login_failures').column('attempted_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
