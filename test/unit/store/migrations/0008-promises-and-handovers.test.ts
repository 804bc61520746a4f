import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { openDeskStore } from '../../../../main/store/desk-store';
import { AGENT, T0, aCall, aWrapUp } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

describe('migration 0008-promises-and-handovers', () => {
  it('adds promises, handovers and their items to a version 7 file, and gives every ticket its raiser as owner', () => {
    const path = tempPath();
    const before = new BetterSqlite3(path);
    migrate(before, deskMigrations.slice(0, 7));
    before.prepare("INSERT INTO tickets (id, agent_id, payload, raised_at, server_state, server_updated_at) VALUES ('t1', '1001', '{}', 1, NULL, NULL)").run();
    before.prepare(`INSERT INTO tickets (id, agent_id, payload, raised_at, server_state, server_updated_at) VALUES ('t2', '1001', '{}', 1, '{"owner":{"agentId":"1002","name":"李华"}}', 5)`).run();
    before.close();

    const db = new BetterSqlite3(path);
    expect(migrate(db, deskMigrations.slice(0, 8))).toBe(8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND tbl_name IN ('promises', 'handovers', 'handover_items') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all()).toEqual([
      'handover_items',
      'handover_items_by_item',
      'handovers',
      'handovers_by_from',
      'promises',
      'promises_by_call',
      'promises_by_owner',
    ]);
    expect(db.prepare('SELECT id, owner_id FROM tickets ORDER BY id').all()).toEqual([
      { id: 't1', owner_id: '1001' },
      { id: 't2', owner_id: '1002' },
    ]);
    // The server's state and its time come together or not at all; a handover is given here or told by the server.
    const promise = "INSERT INTO promises (id, owner_id, call_id, made_by_id, made_by_name, due_at, made_at, disposition, summary, customer_name, customer_contact, remote_number, server_state, server_updated_at) VALUES ('p', '1001', 'c', '1001', '', 1, 1, '', '', '', '', '', ?, ?)";
    expect(() => db.prepare(promise).run('{}', null)).toThrow(/CHECK/);
    expect(() => db.prepare(promise).run(null, null)).not.toThrow();
    expect(() => db.prepare("INSERT INTO handovers (id, from_id, handed_at, items, from_name, to_name) VALUES ('h', '1001', 1, '[]', '', '')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('gives a migrated file a working promise store: a saved unresolved wrap-up makes its promise', () => {
    const path = tempPath();
    const before = new BetterSqlite3(path);
    migrate(before, deskMigrations.slice(0, 7));
    before.close();
    const store = openDeskStore(path);
    try {
      const call = aCall();
      store.calls.recordFinished(AGENT, call, T0);
      const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId), T0 + 1, '王小明');
      expect(store.promises.open(AGENT).map((promise) => promise.id)).toEqual([recordId]);
    } finally {
      store.close();
    }
  });
});
