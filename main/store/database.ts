import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate';
import { deskMigrations } from './migrations';

/** An open, migrated desk database (better-sqlite3 handle). Repositories wrap it. */
export type DeskDatabase = Database;

export interface OpenDeskDatabaseOptions {
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the desk's SQLite file and migrates it to the current schema.
 *
 * - WAL: readers never block the writer, and a crash mid-write cannot corrupt committed data.
 * - synchronous=FULL: a commit is on disk before it returns, so a record the UI was told is saved
 *   survives a power cut (NORMAL in WAL mode may lose the last commits).
 * - foreign_keys=ON: SQLite leaves it off by default, per connection.
 */
export function openDeskDatabase(path: string, options: OpenDeskDatabaseOptions = {}): DeskDatabase {
  const db = new BetterSqlite3(path);
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5_000)}`);
    migrate(db, deskMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
