import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDeskDatabase } from '../../../main/store/database';
import { deskMigrations } from '../../../main/store/migrations';
import { StoreError } from '../../../main/store/store-error';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();

describe('openDeskDatabase', () => {
  it('opens a file in WAL mode with foreign keys on, FULL sync and a busy timeout', () => {
    const path = tempPath();
    const db = openDeskDatabase(path, { busyTimeoutMs: 1_234 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1_234);
    expect(existsSync(path)).toBe(true);
    db.close();
  });

  it('opens an in-memory database, migrated', () => {
    const db = openDeskDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(deskMigrations.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a file written by a newer desk and leaves it as it was', () => {
    const path = tempPath();
    const newer = openDeskDatabase(path);
    const future = deskMigrations.length + 1;
    newer.pragma(`user_version = ${future}`);
    newer.close();

    expect(() => openDeskDatabase(path)).toThrow(StoreError);
    expect(() => openDeskDatabase(path)).toThrow(new RegExp(`schema version ${future}`));
  });
});
