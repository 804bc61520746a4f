import { Migrator, type Kysely, type Migration } from 'kysely';
import * as initial from './migrations/0001-initial';

/** Every migration, in order. Names sort lexically, so keep the four-digit prefix. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

/** Brings the schema up to date; a no-op when it already is (safe on every start). */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}
