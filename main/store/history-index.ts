import type { Database, Statement } from 'better-sqlite3';
import { HISTORY_TEXT_FORMAT, historyDocument, INDEXED_SUMMARY_CHARS, type HistoryDocument } from './history-fts';

/**
 * Keeps the history's search index (migration 0006: `call_search`, `call_search_text`) in step
 * with `calls`, `wrap_ups` and `survey_results`. The repositories call `refresh` inside the
 * transaction of every write that changes what a call's search finds, so the index is never
 * behind what was committed; the text is cut in JS (src/domain/search-text.ts), which SQL
 * triggers cannot do. Deleting a call takes its index rows with it (the migration's trigger).
 */

/** Calls offered in the same millisecond share its sort keys: up to this many of them. */
export const SORT_KEY_SLOTS = 1024;

/** The first sort key of calls offered at `offeredAt`: sort keys run in the order of offers. */
export function sortKeyBase(offeredAt: number): number {
  return offeredAt * SORT_KEY_SLOTS;
}

/**
 * A sort key as SQLite must be given it: better-sqlite3 binds every JS number as REAL, and FTS5
 * ignores a REAL rowid constraint (`rowid = 6.0` matches every row, a REAL bound does not seek).
 * Sort keys are safe integers, so the BigInt is exact.
 */
export function sqlSortKey(sortKey: number): bigint {
  return BigInt(sortKey);
}

const REBUILD_CHUNK = 5_000;

/** What the index needs of a call, read from its tables in one row. */
interface IndexedCallRow {
  call_id: string;
  agent_id: string;
  direction: 'inbound' | 'outbound';
  offered_at: number;
  remote_number: string;
  remote_display_name: string;
  disposition: string | null;
  customer_name: string | null;
  customer_contact: string | null;
  summary: string | null;
  rating: string | null;
}

interface SearchRow {
  sort_key: number;
  call_id: string;
  agent_id: string;
  direction: string;
  disposition: string | null;
  rating: string | null;
}

const INDEXED_CALL = `
  SELECT calls.id AS call_id, calls.agent_id, calls.direction, calls.offered_at, calls.remote_number, calls.remote_display_name,
         NULLIF(wrap_ups.disposition, '') AS disposition, wrap_ups.customer_name, wrap_ups.customer_contact,
         substr(wrap_ups.summary, 1, ${INDEXED_SUMMARY_CHARS}) AS summary, survey_results.rating
  FROM calls
  LEFT JOIN wrap_ups ON wrap_ups.call_id = calls.id
  LEFT JOIN survey_results ON survey_results.call_id = calls.id`;

export class HistoryIndex {
  private readonly selectCall: Statement<[string], IndexedCallRow>;
  private readonly selectCallsAfter: Statement<[number, number], IndexedCallRow & { row: number }>;
  private readonly selectSortKey: Statement<[string], { sort_key: number }>;
  private readonly selectLastSlot: Statement<[bigint, bigint], { sort_key: number | null }>;
  private readonly upsertSearch: Statement<[SearchRow]>;
  private readonly deleteText: Statement<[bigint]>;
  private readonly insertText: Statement<[{ sort_key: bigint } & HistoryDocument]>;
  private readonly selectFormat: Statement<[], { version: number }>;

  constructor(private readonly db: Database) {
    this.selectCall = db.prepare(`${INDEXED_CALL} WHERE calls.id = ?`);
    this.selectCallsAfter = db.prepare(`${INDEXED_CALL.replace('SELECT', 'SELECT calls.rowid AS row,')} WHERE calls.rowid > ? ORDER BY calls.rowid LIMIT ?`);
    this.selectSortKey = db.prepare('SELECT sort_key FROM call_search WHERE call_id = ?');
    this.selectLastSlot = db.prepare('SELECT MAX(sort_key) AS sort_key FROM call_search WHERE sort_key >= ? AND sort_key < ?');
    this.upsertSearch = db.prepare(`
      INSERT INTO call_search (sort_key, call_id, agent_id, direction, disposition, rating)
      VALUES (@sort_key, @call_id, @agent_id, @direction, @disposition, @rating)
      ON CONFLICT (sort_key) DO UPDATE SET disposition = excluded.disposition, rating = excluded.rating`);
    this.deleteText = db.prepare('DELETE FROM call_search_text WHERE rowid = ?');
    this.insertText = db.prepare('INSERT INTO call_search_text (rowid, digits, name, summary) VALUES (@sort_key, @digits, @name, @summary)');
    this.selectFormat = db.prepare('SELECT version FROM call_search_format');
  }

  /** Writes the call's index rows as its tables have it now; a call this desk does not have is skipped. Call inside the write's transaction. */
  refresh(callId: string): void {
    const call = this.selectCall.get(callId);
    if (!call) return;
    const existing = this.selectSortKey.get(callId)?.sort_key;
    if (existing === undefined) this.write(this.freeSortKey(call.offered_at), call, { fresh: true });
    else this.write(existing, call);
  }

  /** Builds the whole index again from the tables, in one transaction. Returns how many calls it holds. */
  rebuild(): number {
    return this.db.transaction(() => {
      this.db.exec("DELETE FROM call_search; INSERT INTO call_search_text (call_search_text) VALUES ('delete-all'); DELETE FROM call_search_format;");
      // In chunks: better-sqlite3 runs no other statement while one is being iterated.
      let count = 0;
      for (let after = 0; ; ) {
        const chunk = this.selectCallsAfter.all(after, REBUILD_CHUNK);
        for (const call of chunk) this.write(this.freeSortKey(call.offered_at), call, { fresh: true });
        count += chunk.length;
        if (chunk.length < REBUILD_CHUNK) break;
        after = chunk[chunk.length - 1]!.row;
      }
      this.db.prepare('INSERT INTO call_search_format (version) VALUES (?)').run(HISTORY_TEXT_FORMAT);
      return count;
    }).immediate();
  }

  /** Rebuilds the index when it was built with another text layout than this desk's, or never (a file the migration just took to version 6). */
  ensureCurrent(): boolean {
    if (this.selectFormat.get()?.version === HISTORY_TEXT_FORMAT) return false;
    this.rebuild();
    return true;
  }

  private freeSortKey(offeredAt: number): number {
    const base = sortKeyBase(offeredAt);
    const last = this.selectLastSlot.get(sqlSortKey(base), sqlSortKey(base + SORT_KEY_SLOTS))?.sort_key ?? null;
    const sortKey = last === null ? base : last + 1;
    if (sortKey >= base + SORT_KEY_SLOTS) throw new Error(`more than ${SORT_KEY_SLOTS} calls offered at ${offeredAt}`);
    return sortKey;
  }

  /** `fresh`: the call has no text row yet (a rebuild), so there is none to delete first. */
  private write(sortKey: number, call: IndexedCallRow, { fresh }: { fresh: boolean } = { fresh: false }): void {
    this.upsertSearch.run({ sort_key: sortKey, call_id: call.call_id, agent_id: call.agent_id, direction: call.direction, disposition: call.disposition, rating: call.rating });
    if (!fresh) this.deleteText.run(sqlSortKey(sortKey));
    this.insertText.run({
      sort_key: sqlSortKey(sortKey),
      ...historyDocument({
        remoteNumber: call.remote_number,
        remoteDisplayName: call.remote_display_name,
        customerName: call.customer_name ?? '',
        customerContact: call.customer_contact ?? '',
        summary: call.summary ?? '',
      }),
    });
  }
}
