import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema';

export type DatabaseConfig =
  | { kind: 'pglite'; /** undefined = in memory */ dataDir?: string }
  | { kind: 'postgres'; url: string };

const INT8_OID = 20;

/**
 * pg returns int8 as a string (it may exceed 2^53). Our int8 columns hold ms timestamps and
 * counts, so read them as numbers, and fail loudly rather than round silently. Per pool, not global.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return value;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens the server database: embedded PGlite (one query at a time) or a real PostgreSQL pool. */
export async function connectDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, types: pgTypes, max: 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  // PGlite already reads int8 as a number when it fits.
  const pglite = await PGlite.create(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}
