import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDeskStore } from '../../../../main/store/desk-store';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { AGENT, OTHER_AGENT, T0, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

describe('migration 0005-quarantine', () => {
  it('adds the quarantine table to a version 4 file, keeping its calls; a record must be JSON', () => {
    const call = aCall();
    const db = new BetterSqlite3(tempPath());
    migrate(db, deskMigrations.slice(0, 4));
    db.prepare("INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, ended_at, end_reason) VALUES (?, '1001', 'inbound', '', '', 1, 2, 'x')").run(call.callId);
    expect(migrate(db, deskMigrations.slice(0, 5))).toBe(5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM quarantine').get()).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO quarantine (agent_id, kind, record, error, kept_at) VALUES ('1001', 'call', 'not json', 'e', 1)").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('keeps a refused record whole, with why, per agent and in order, across a reopen', () => {
    const path = tempPath();
    const store = openDeskStore(path);
    const refused = aCall({ remoteDisplayName: '"张三" \\ 😀'.repeat(40) });
    store.quarantine.keep(AGENT, 'call', refused, 'invalid-record: too long', T0);
    store.quarantine.keep(OTHER_AGENT, 'missedRing', { kind: 'missedRing' }, 'e', T0 + 1);
    store.quarantine.keep(AGENT, 'attendance', { event: 'login' }, 'disk full', T0 + 2);
    store.close();

    const reopened = openDeskStore(path);
    expect(reopened.quarantine.all(AGENT)).toEqual([
      { kind: 'call', record: refused, error: 'invalid-record: too long', keptAt: T0 },
      { kind: 'attendance', record: { event: 'login' }, error: 'disk full', keptAt: T0 + 2 },
    ]);
    reopened.close();
  });
});
