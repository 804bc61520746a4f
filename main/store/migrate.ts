import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';
import { StoreError } from './store-error';

/** The schema version a database file is at (`PRAGMA user_version`, 0 for a new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last migration. Each migration runs in its own transaction together
 * with its `user_version` bump, so a failure leaves the file at the previous version, intact.
 * A file written by a newer desk is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError('schema-too-new', `the desk database is at schema version ${current}; this desk knows up to ${latest}`);
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we checked above.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return latest;
}
