import { sql, type Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The entry kinds and name cap of src/contract/calendar.ts as they were when this migration was written. */
const KINDS = ['holiday', 'workday'];
const NAME_MAX = 32;

/**
 * The center's working-day calendar: one row per date that breaks the Monday-to-Friday week (a
 * weekday holiday, a weekend make-up working day), with who set it and when. The date is the
 * text `YYYY-MM-DD`, as everywhere else in the server (the drivers would turn a `date` column
 * into a JS Date in the host's time zone); fixed width, so text order is date order and a
 * month or year is a range of the primary key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_entries')
    .addColumn('date', 'text', (col) => col.primaryKey().check(sql`date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in (${sql.join(KINDS.map((kind) => sql.lit(kind)))})`))
    .addColumn('name', 'text', (col) => col.notNull().defaultTo('').check(sql`char_length(name) <= ${sql.lit(NAME_MAX)}`))
    .addColumn('set_by', 'text', (col) => col.notNull().references('agents.agent_id'))
    .addColumn('set_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_entries').execute();
}
