import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/**
 * Sessions of two kinds: `desk` (a seat: one live per 工号, counted for attendance) and `board`
 * (a supervisor's board: any number, never ending a desk session, never attendance). Every
 * session so far was a desk's. The database's one-live-session-per-工号 index becomes one live
 * desk session per 工号.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('desk').check(sql`kind in ('desk', 'board')`))
    .execute();
  await sql`drop index sessions_one_live_per_agent`.execute(db);
  await sql`create unique index sessions_one_live_desk_per_agent on sessions (agent_id) where ended_at is null and kind = 'desk'`.execute(db);
}

/** Fails, changing nothing, while board sessions exist: going back would make them desk sessions. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const boards = await sql<{ count: string }>`select count(*)::text as count from sessions where kind = 'board'`.execute(db);
  if (Number(boards.rows[0]?.count ?? 0) > 0) {
    throw new Error(`${boards.rows[0]?.count} board sessions exist: delete them (delete from sessions where kind = 'board'), then go back`);
  }
  await sql`drop index sessions_one_live_desk_per_agent`.execute(db);
  await sql`create unique index sessions_one_live_per_agent on sessions (agent_id) where ended_at is null`.execute(db);
  await db.schema.alterTable('sessions').dropColumn('kind').execute();
}
