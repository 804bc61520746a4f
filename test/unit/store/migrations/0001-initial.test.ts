import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { initialMigration } from '../../../../main/store/migrations/0001-initial';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

function columns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
}

function openAtVersion1(path: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  migrate(db, [initialMigration]);
  return db;
}

describe('migration 0001-initial', () => {
  it('takes a fresh file to version 1 with the calls, wrap_ups, outbox and kv tables', () => {
    const db = openAtVersion1(tempPath());
    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['calls', 'kv', 'outbox', 'wrap_ups']);
    expect(columns(db, 'calls')).toEqual([
      'id', 'agent_id', 'direction', 'remote_number', 'remote_display_name',
      'offered_at', 'answered_at', 'ended_at', 'rings_at_answer', 'end_reason',
    ]);
    expect(columns(db, 'wrap_ups')).toEqual([
      'id', 'call_id', 'agent_id', 'status', 'disposition', 'summary', 'customer_name',
      'customer_contact', 'resolved', 'promised_reply_at', 'updated_at', 'saved_at',
    ]);
    expect(columns(db, 'outbox')).toEqual([
      'seq', 'id', 'agent_id', 'kind', 'occurred_at', 'payload', 'created_at',
      'attempts', 'last_error', 'next_attempt_at', 'acked_at',
    ]);
    expect(columns(db, 'kv')).toEqual(['key', 'value']);
    expect(db.pragma('foreign_key_list(wrap_ups)')).toEqual([
      expect.objectContaining({ table: 'calls', from: 'call_id', to: 'id' }),
    ]);
    db.close();
  });

  it('is not run again when the file is reopened, so data survives', () => {
    const path = tempPath();
    const first = openAtVersion1(path);
    first.prepare("INSERT INTO kv (key, value) VALUES ('deviceId', '\"d-1\"')").run();
    first.close();

    // Running `up` a second time would fail on CREATE TABLE: reopening proves it is skipped.
    const again = openAtVersion1(path);
    expect(schemaVersion(again)).toBe(1);
    expect(again.prepare('SELECT value FROM kv').pluck().get()).toBe('"d-1"');
    expect(migrate(again, [initialMigration])).toBe(1);
    again.close();
  });

  it('enforces the rules the schema owns: call directions, one wrap-up per call, saved means saved_at', () => {
    const db = openAtVersion1(tempPath());
    const insertCall = db.prepare(
      "INSERT INTO calls VALUES (?, '1001', ?, '138', '', 1, NULL, 2, NULL, 'hangup')",
    );
    expect(() => insertCall.run('c-1', 'sideways')).toThrow(/CHECK constraint/);
    insertCall.run('c-1', 'inbound');
    const insertWrapUp = db.prepare(
      "INSERT INTO wrap_ups VALUES (?, ?, '1001', ?, 'repair', '', '', '', 1, NULL, 5, ?)",
    );
    expect(() => insertWrapUp.run('w-0', 'no-such-call', 'draft', null)).toThrow(/FOREIGN KEY/);
    expect(() => insertWrapUp.run('w-1', 'c-1', 'saved', null)).toThrow(/CHECK constraint/);
    insertWrapUp.run('w-1', 'c-1', 'saved', 5);
    expect(() => insertWrapUp.run('w-2', 'c-1', 'draft', null)).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO outbox (id, agent_id, kind, occurred_at, payload, created_at) VALUES ('r', '1001', 'call', 1, 'not json', 1)").run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});
