import type { Migration } from './migration';

/**
 * The search over the agent's call history (issue 10, item 3): a first page of any search within
 * 10 ms over a million calls.
 *
 * - `call_search`: one row per call, keyed by `sort_key` = offered_at × 1024 + a slot for calls
 *   offered in the same millisecond, so rowid order is history order and a page is a rowid range
 *   read backwards. It holds the conditions the indexes answer (agent, direction, disposition,
 *   rating); each index ends in the rowid, so every one of them is also in history order.
 * - `call_search_text`: FTS5 over the call's numbers (as digit trigrams), names and summary,
 *   contentless (the text is in `calls` and `wrap_ups` already) with its rowid = `sort_key`, so a
 *   text search also comes out in history order and stops at the page's end.
 * - `call_search_format`: the version of the text's layout the index was built with. Empty here:
 *   the desk (main/store/history-index.ts) builds the index from the calls already stored when it
 *   opens the file, and again whenever it changes the layout, so this migration never depends on
 *   code that may change after it shipped.
 *
 * The repositories keep the index in step in the transaction of every write; a deleted call
 * (retention) leaves it by the trigger below, whoever deletes it.
 */
export const historySearchMigration: Migration = {
  version: 6,
  name: 'history-search',
  up(db) {
    db.exec(`
      CREATE TABLE call_search (
        sort_key    INTEGER PRIMARY KEY,
        call_id     TEXT NOT NULL UNIQUE,
        agent_id    TEXT NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        disposition TEXT,
        rating      TEXT CHECK (rating IN ('satisfied', 'neutral', 'dissatisfied', 'none'))
      ) STRICT;
      CREATE INDEX call_search_by_agent ON call_search (agent_id);
      CREATE INDEX call_search_by_direction ON call_search (agent_id, direction);
      CREATE INDEX call_search_by_disposition ON call_search (agent_id, disposition);
      CREATE INDEX call_search_by_rating ON call_search (agent_id, rating);

      CREATE VIRTUAL TABLE call_search_text USING fts5(
        digits, name, summary,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE call_search_format (version INTEGER NOT NULL) STRICT;

      CREATE TRIGGER calls_leave_search AFTER DELETE ON calls BEGIN
        DELETE FROM call_search_text WHERE rowid = (SELECT sort_key FROM call_search WHERE call_id = old.id);
        DELETE FROM call_search WHERE call_id = old.id;
      END;
    `);
  },
};
