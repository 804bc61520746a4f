import type { Kysely } from 'kysely';

// Migrations never import the live schema types: they must keep compiling as those change.

/** The department directory (公司各部门通讯录, DOMAIN.md rule 5) the desk transfers calls with. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory')
    // One line per extension: a transfer target must be unambiguous.
    .addColumn('extension', 'text', (col) => col.primaryKey())
    .addColumn('department', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory').execute();
}
