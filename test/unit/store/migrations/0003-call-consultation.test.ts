import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDeskStore } from '../../../../main/store/desk-store';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { AGENT, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

/** A desk file as version 2 left it: one call transferred blind, one not transferred. */
function versionTwoFile(path: string): void {
  const db = new BetterSqlite3(path);
  migrate(db, deskMigrations.slice(0, 2));
  const insert = db.prepare(
    "INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, ended_at, end_reason, transferred_to) VALUES (?, '1001', 'inbound', '13812345678', '', 1, 2, 'x', ?)",
  );
  insert.run('c-transferred', '8001');
  insert.run('c-kept', null);
  db.close();
}

describe('migration 0003-call-consultation', () => {
  it('adds transfer_kind, consulted_with and conference; a transfer recorded before was a blind one', () => {
    const path = tempPath();
    versionTwoFile(path);
    const db = new BetterSqlite3(path);
    expect(migrate(db, deskMigrations.slice(0, 3))).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT id, transferred_to, transfer_kind, consulted_with, conference FROM calls ORDER BY id').all()).toEqual([
      { id: 'c-kept', transferred_to: null, transfer_kind: null, consulted_with: null, conference: 0 },
      { id: 'c-transferred', transferred_to: '8001', transfer_kind: 'blind', consulted_with: null, conference: 0 },
    ]);
    db.close();
  });

  it('accepts only blind or attended, and conference as 0 or 1', () => {
    const db = new BetterSqlite3(tempPath());
    migrate(db, deskMigrations);
    const insert = db.prepare(
      "INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, ended_at, end_reason, transfer_kind, conference) VALUES (?, '1001', 'inbound', '', '', 1, 2, 'x', ?, ?)",
    );
    insert.run('c-1', 'attended', 1);
    insert.run('c-2', 'blind', 0);
    expect(() => insert.run('c-3', 'warm', 0)).toThrow(/CHECK constraint/);
    expect(() => insert.run('c-4', null, 2)).toThrow(/CHECK constraint/);
    db.close();
  });

  it('stores and returns the consultation of a call with its outbox record', () => {
    const store = openDeskStore(tempPath());
    const attended = aCall({ survey: null, transferredTo: '8002', transferKind: 'attended', consultedWith: '8002', endReason: 'transferred' });
    const threeWay = aCall({ consultedWith: '8001', conference: true });
    for (const call of [attended, threeWay]) store.calls.recordFinished(AGENT, call, 0);
    for (const call of [attended, threeWay]) expect(store.calls.get(call.callId)).toEqual({ ...call, agentId: AGENT });
    expect(store.outbox.nextBatch(AGENT, 10, 0).map((record) => record.payload)).toEqual([attended, threeWay]);
    store.close();
  });
});
