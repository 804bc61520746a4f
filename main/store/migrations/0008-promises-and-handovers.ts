import type { Migration } from './migration';

/**
 * First-contact promises (首问责任制, src/contract/promises.ts) and shift handovers (交接班,
 * src/contract/handovers.ts).
 *
 * `promises`: one row per promise this desk knows of, made here (a saved wrap-up, unresolved, with a
 * promised reply time: `id` is the wrap-up's record id, written in the wrap-up's transaction) or
 * received from the server (handed to the agent).
 * - `owner_id`: who owns it as this desk last knew (the maker until the server says otherwise);
 * - `kept_at` / `kept_note` / `kept_record_id`: the agent kept it on this desk (the `promiseStep`
 *   record's id): final, whatever an older server state says;
 * - `callbacks`: calls placed from it on this desk, JSON `[{ callId, at }]`;
 * - `server_state` / `server_updated_at`: the server's last known `PromiseRecord` (JSON) and its
 *   `updatedAt`, kept only when newer; `heard_by`: the agent whose session stored it, so a
 *   catch-up starts from what that agent's session heard, not another's;
 * - `reminded_soon` / `reminded_due`: the reminders already given (a restart does not repeat one).
 *
 * `handovers`: the ones this desk's agents gave (`payload`: the record as sent; `items`: the items as
 * this desk described them) and the ones the server told of (`server_state`). `handover_items`
 * marks every item a handover carries, so an item is in at most one pending handover.
 *
 * `tickets.owner_id`: who owns the ticket now (src/contract/tickets.ts `ticketOwnerId`): a shift
 * handover may move it; the desk lists the tickets the agent owns.
 */
export const promisesAndHandoversMigration: Migration = {
  version: 8,
  name: 'promises-and-handovers',
  up(db) {
    db.exec(`
      CREATE TABLE promises (
        id                TEXT PRIMARY KEY,
        owner_id          TEXT NOT NULL,
        call_id           TEXT NOT NULL,
        made_by_id        TEXT NOT NULL,
        made_by_name      TEXT NOT NULL,
        due_at            INTEGER NOT NULL,
        made_at           INTEGER NOT NULL,
        disposition       TEXT NOT NULL,
        summary           TEXT NOT NULL,
        customer_name     TEXT NOT NULL,
        customer_contact  TEXT NOT NULL,
        remote_number     TEXT NOT NULL,
        kept_at           INTEGER,
        kept_note         TEXT,
        kept_record_id    TEXT,
        callbacks         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(callbacks)),
        server_state      TEXT CHECK (server_state IS NULL OR json_valid(server_state)),
        server_updated_at INTEGER,
        heard_by          TEXT,
        reminded_soon     INTEGER NOT NULL DEFAULT 0 CHECK (reminded_soon IN (0, 1)),
        reminded_due      INTEGER NOT NULL DEFAULT 0 CHECK (reminded_due IN (0, 1)),
        CHECK ((server_state IS NULL) = (server_updated_at IS NULL)),
        CHECK ((kept_at IS NULL) = (kept_note IS NULL))
      ) STRICT;
      CREATE INDEX promises_by_owner ON promises (owner_id, due_at);
      CREATE INDEX promises_by_call ON promises (call_id);

      CREATE TABLE handovers (
        id                TEXT PRIMARY KEY,
        from_id           TEXT NOT NULL,
        to_id             TEXT,
        handed_at         INTEGER NOT NULL,
        payload           TEXT CHECK (payload IS NULL OR json_valid(payload)),
        items             TEXT NOT NULL CHECK (json_valid(items)),
        from_name         TEXT NOT NULL,
        to_name           TEXT NOT NULL,
        server_state      TEXT CHECK (server_state IS NULL OR json_valid(server_state)),
        server_updated_at INTEGER,
        heard_by          TEXT,
        CHECK ((server_state IS NULL) = (server_updated_at IS NULL)),
        CHECK (payload IS NOT NULL OR server_state IS NOT NULL)
      ) STRICT;
      CREATE INDEX handovers_by_from ON handovers (from_id, handed_at);

      CREATE TABLE handover_items (
        handover_id TEXT NOT NULL REFERENCES handovers (id),
        kind        TEXT NOT NULL CHECK (kind IN ('promise', 'ticket')),
        item_id     TEXT NOT NULL,
        PRIMARY KEY (handover_id, kind, item_id)
      ) STRICT;
      CREATE INDEX handover_items_by_item ON handover_items (kind, item_id);

      ALTER TABLE tickets ADD COLUMN owner_id TEXT NOT NULL DEFAULT '';
      UPDATE tickets SET owner_id = coalesce(json_extract(server_state, '$.owner.agentId'), agent_id);
      CREATE INDEX tickets_by_owner ON tickets (owner_id, raised_at);
    `);
  },
};
