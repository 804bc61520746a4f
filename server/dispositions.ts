import type { Kysely } from 'kysely';
import type { Disposition } from '../src/contract';
import type { Database } from './db/schema';

/** The wrap-up categories the desk offers, in display order. */
export async function listDispositions(db: Kysely<Database>): Promise<Disposition[]> {
  const rows = await db.selectFrom('dispositions').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((row) => ({ code: row.code, label: { 'zh-CN': row.label_zh, en: row.label_en } }));
}
