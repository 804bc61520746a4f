import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrate';
import type { Migration } from '../../../main/store/migrations';
import { deskMigrations } from '../../../main/store/migrations';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();
const open: BetterSqlite3.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function rawDatabase(): BetterSqlite3.Database {
  const db = new BetterSqlite3(tempPath());
  open.push(db);
  return db;
}

const createNotes: Migration = { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE notes (text TEXT)') };

describe('migrate', () => {
  it('applies pending migrations in order and records the version', () => {
    const db = rawDatabase();
    const addColumn: Migration = { version: 2, name: 'author', up: (d) => d.exec('ALTER TABLE notes ADD COLUMN author TEXT') };
    expect(migrate(db, [createNotes])).toBe(1);
    expect(migrate(db, [createNotes, addColumn])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect((db.pragma('table_info(notes)') as { name: string }[]).map((c) => c.name)).toEqual(['text', 'author']);
  });

  it('rolls a failing migration back completely: no half-made schema, version unchanged', () => {
    const db = rawDatabase();
    migrate(db, [createNotes]);
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE tags (name TEXT)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => migrate(db, [createNotes, broken])).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'tags'").pluck().get()).toBe(0);
  });

  it('rejects a registry whose versions are not 1, 2, 3, …', () => {
    const db = rawDatabase();
    expect(() => migrate(db, [{ ...createNotes, version: 2 }])).toThrow(/expected 1/);
    expect(schemaVersion(db)).toBe(0);
  });

  it('has a consecutive registry for the desk', () => {
    expect(deskMigrations.map((m) => m.version)).toEqual(deskMigrations.map((_, i) => i + 1));
  });
});
