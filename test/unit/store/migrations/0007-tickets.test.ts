import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { openDeskStore } from '../../../../main/store/desk-store';
import { AGENT, T0, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';
import { aTicketPayload } from '../../../support/ticket-fixtures';

const tempPath = useTempDatabasePath();

describe('migration 0007-tickets', () => {
  it('adds the tickets table to a version 6 file, keeping its calls and outbox', () => {
    const path = tempPath();
    const before = new BetterSqlite3(path);
    migrate(before, deskMigrations.slice(0, 6));
    const call = aCall();
    before.prepare("INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, answered_at, ended_at, rings_at_answer, end_reason) VALUES (?, '1001', 'inbound', ?, '', ?, ?, ?, 1, 'remote-hangup')").run(call.callId, call.remoteNumber, T0, T0 + 1, T0 + 2);
    before.close();

    const db = new BetterSqlite3(path);
    expect(migrate(db, deskMigrations.slice(0, 7))).toBe(7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare("SELECT type, name FROM sqlite_schema WHERE tbl_name = 'tickets' ORDER BY name").all()).toEqual(
      expect.arrayContaining([
        { type: 'table', name: 'tickets' },
        { type: 'index', name: 'tickets_by_agent' },
      ]),
    );
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 1 });
    // The server's state and its time come together or not at all.
    expect(() => db.prepare("INSERT INTO tickets VALUES ('t', '1001', '{}', 1, '{}', NULL)").run()).toThrow(/CHECK/);
    db.close();
  });

  it('gives a migrated file a working ticket store', () => {
    const path = tempPath();
    const before = new BetterSqlite3(path);
    migrate(before, deskMigrations.slice(0, 6));
    before.close();
    const store = openDeskStore(path);
    try {
      const { ticketId } = store.tickets.raise(AGENT, aTicketPayload(), T0);
      expect(store.tickets.list(AGENT).map((ticket) => ticket.id)).toEqual([ticketId]);
    } finally {
      store.close();
    }
  });
});
