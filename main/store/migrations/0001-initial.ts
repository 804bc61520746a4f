import type { Migration } from './migration';

/**
 * The first desk schema: finished calls, their wrap-ups (drafts and saved records), the sync
 * outbox, and a key/value cache for what the server delivered (policy, dispositions) and desk
 * identity (device id, last agent).
 *
 * Times are INTEGER ms since the epoch; booleans are INTEGER 0/1; JSON is TEXT.
 */
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id                  TEXT PRIMARY KEY,
        agent_id            TEXT NOT NULL,
        direction           TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number       TEXT NOT NULL,
        remote_display_name TEXT NOT NULL,
        offered_at          INTEGER NOT NULL,
        answered_at         INTEGER,
        ended_at            INTEGER NOT NULL,
        rings_at_answer     INTEGER,
        end_reason          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calls_by_agent_recent ON calls (agent_id, ended_at DESC);

      -- One wrap-up per call: a draft while the agent is writing it, then saved (and queued) once.
      CREATE TABLE wrap_ups (
        id                TEXT PRIMARY KEY,
        call_id           TEXT NOT NULL UNIQUE REFERENCES calls (id),
        agent_id          TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('draft', 'saved')),
        disposition       TEXT NOT NULL,
        summary           TEXT NOT NULL,
        customer_name     TEXT NOT NULL,
        customer_contact  TEXT NOT NULL,
        resolved          INTEGER CHECK (resolved IN (0, 1)),
        promised_reply_at INTEGER,
        updated_at        INTEGER NOT NULL,
        saved_at          INTEGER,
        CHECK ((status = 'saved') = (saved_at IS NOT NULL)),
        CHECK (status = 'draft' OR resolved IS NOT NULL)
      ) STRICT;

      -- seq keeps insertion order exactly (UUIDv7 ids are only ordered to the millisecond and
      -- follow the wall clock, which can step back); the record id stays the sync key.
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        agent_id        TEXT NOT NULL,
        kind            TEXT NOT NULL,
        occurred_at     INTEGER NOT NULL,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        next_attempt_at INTEGER,
        acked_at        INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending_by_agent ON outbox (agent_id, seq) WHERE acked_at IS NULL;

      CREATE TABLE kv (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
