import type { Kysely } from 'kysely';
import type { DirectoryEntry } from '../src/contract';
import type { Database } from './db/schema';

// Departments are Chinese names: pinyin order is what people expect of a phone list, and sorting
// here (not in SQL) gives the same order whatever collation the database was created with.
const byDepartment = new Intl.Collator('zh-CN');

/** The department directory (公司各部门通讯录, DOMAIN.md rule 5), by department, then extension. */
export async function listDirectory(db: Kysely<Database>): Promise<DirectoryEntry[]> {
  const rows = await db.selectFrom('directory').select(['department', 'name', 'extension']).execute();
  return rows.sort(
    (a, b) => byDepartment.compare(a.department, b.department) || byDepartment.compare(a.name, b.name) || a.extension.localeCompare(b.extension),
  );
}

/** Adds a directory line (IT admin). Returns false, changing nothing, when the extension is taken. */
export async function addDirectoryEntry(db: Kysely<Database>, entry: DirectoryEntry): Promise<boolean> {
  const inserted = await db
    .insertInto('directory')
    .values({ extension: entry.extension, department: entry.department, name: entry.name })
    .onConflict((conflict) => conflict.column('extension').doNothing())
    .returning('extension')
    .executeTakeFirst();
  return inserted !== undefined;
}
