import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyHistoryQuery, type HistoryQuery } from '../../../../src/contract/history';
import { openDeskStore } from '../../../../main/store/desk-store';
import { HISTORY_TEXT_FORMAT } from '../../../../main/store/history-fts';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { AGENT, T0, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

/** A desk file as version 5 left it: two calls, one with a saved wrap-up, one rated by the survey. */
function versionFiveFile(path: string): { wrapped: string; rated: string } {
  const db = new BetterSqlite3(path);
  migrate(db, deskMigrations.slice(0, 5));
  const wrapped = aCall({ remoteNumber: '13812345678', offeredAt: T0 });
  const rated = aCall({ remoteNumber: '057187654321', offeredAt: T0 + 60_000 });
  const insertCall = db.prepare(
    "INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, answered_at, ended_at, rings_at_answer, end_reason) VALUES (?, '1001', 'inbound', ?, '', ?, ?, ?, 2, 'remote-hangup')",
  );
  for (const call of [wrapped, rated]) insertCall.run(call.callId, call.remoteNumber, call.offeredAt, call.offeredAt + 5_000, call.offeredAt + 90_000);
  db.prepare(
    "INSERT INTO wrap_ups VALUES ('w-1', ?, '1001', 'saved', 'repair', '宽带断线，已登记报修', '张三', '138 1234 5678', 0, NULL, 1, 1)",
  ).run(wrapped.callId);
  db.prepare("INSERT INTO survey_results VALUES (?, 'r-1', '1001', 'dissatisfied', 1, 2)").run(rated.callId);
  db.close();
  return { wrapped: wrapped.callId, rated: rated.callId };
}

const search = (query: Partial<HistoryQuery>): HistoryQuery => ({ ...emptyHistoryQuery, ...query });

describe('migration 0006-history-search', () => {
  it('adds the search tables, the FTS5 table and the delete trigger to a version 5 file, keeping its calls', () => {
    const path = tempPath();
    versionFiveFile(path);
    const db = new BetterSqlite3(path);
    expect(migrate(db, deskMigrations.slice(0, 6))).toBe(6);
    expect(schemaVersion(db)).toBe(6);
    const objects = db.prepare("SELECT type, name FROM sqlite_schema WHERE name LIKE 'call_search%' OR name = 'calls_leave_search' ORDER BY name").all();
    expect(objects).toEqual(
      expect.arrayContaining([
        { type: 'table', name: 'call_search' },
        { type: 'index', name: 'call_search_by_agent' },
        { type: 'index', name: 'call_search_by_direction' },
        { type: 'index', name: 'call_search_by_disposition' },
        { type: 'index', name: 'call_search_by_rating' },
        { type: 'table', name: 'call_search_text' },
        { type: 'table', name: 'call_search_format' },
        { type: 'trigger', name: 'calls_leave_search' },
      ]),
    );
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 2 });
    // The index is the desk's to build (with the code that reads it), not the migration's.
    expect(db.prepare('SELECT COUNT(*) AS n FROM call_search_format').get()).toEqual({ n: 0 });
    db.close();
  });

  it('makes the calls stored before the migration searchable once the desk opens the file', () => {
    const path = tempPath();
    const { wrapped, rated } = versionFiveFile(path);
    const store = openDeskStore(path);
    const found = (query: Partial<HistoryQuery>) => store.history.search(AGENT, search(query)).calls.map((call) => call.callId);
    expect(found({})).toEqual([rated, wrapped]);
    expect(found({ number: '138-1234-5678' })).toEqual([wrapped]);
    expect(found({ number: '8765' })).toEqual([rated]);
    expect(found({ name: '张三' })).toEqual([wrapped]);
    expect(found({ summary: '断线' })).toEqual([wrapped]);
    expect(found({ disposition: 'repair' })).toEqual([wrapped]);
    expect(found({ rating: 'dissatisfied' })).toEqual([rated]);
    expect(store.db.prepare('SELECT version FROM call_search_format').pluck().all()).toEqual([HISTORY_TEXT_FORMAT]);
    store.close();

    // Built once: reopening does not build it again (the text rows would be doubled otherwise).
    const reopened = openDeskStore(path);
    expect(reopened.history.search(AGENT, search({ summary: '断线' })).calls.map((call) => call.callId)).toEqual([wrapped]);
    expect(reopened.db.prepare('SELECT COUNT(*) AS n FROM call_search').get()).toEqual({ n: 2 });
    reopened.close();
  });

  it('rebuilds the index when the desk reads another text layout than the one it was built with', () => {
    const path = tempPath();
    const { wrapped } = versionFiveFile(path);
    openDeskStore(path).close();
    const db = new BetterSqlite3(path);
    // As if an older desk had built it: a stale layout, and a text row that no longer fits.
    db.prepare('UPDATE call_search_format SET version = ?').run(HISTORY_TEXT_FORMAT - 1);
    db.exec("INSERT INTO call_search_text (call_search_text) VALUES ('delete-all')");
    db.close();
    const store = openDeskStore(path);
    expect(store.history.search(AGENT, search({ summary: '报修' })).calls.map((call) => call.callId)).toEqual([wrapped]);
    store.close();
  });

  it('takes a deleted call out of the index, whoever deletes it', () => {
    const path = tempPath();
    const { wrapped, rated } = versionFiveFile(path);
    const store = openDeskStore(path);
    store.db.prepare('DELETE FROM wrap_ups WHERE call_id = ?').run(wrapped);
    store.db.prepare('DELETE FROM calls WHERE id = ?').run(wrapped);
    expect(store.history.search(AGENT, search({ number: '1234' })).calls).toEqual([]);
    expect(store.history.search(AGENT, search({})).calls.map((call) => call.callId)).toEqual([rated]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM call_search').get()).toEqual({ n: 1 });
    store.close();
  });

  it('refuses what the schema holds to be impossible: a direction or rating outside the protocol', () => {
    const db = new BetterSqlite3(tempPath());
    migrate(db, deskMigrations);
    const insert = db.prepare("INSERT INTO call_search (sort_key, call_id, agent_id, direction, rating) VALUES (?, ?, '1001', ?, ?)");
    insert.run(1, 'c-1', 'inbound', 'none');
    expect(() => insert.run(2, 'c-2', 'sideways', null)).toThrow(/CHECK constraint/);
    expect(() => insert.run(3, 'c-3', 'inbound', 'great')).toThrow(/CHECK constraint/);
    expect(() => insert.run(4, 'c-1', 'inbound', null)).toThrow(/UNIQUE/);
    db.close();
  });
});
