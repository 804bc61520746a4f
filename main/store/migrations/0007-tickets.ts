import type { Migration } from './migration';

/**
 * Escalation tickets (疑难反馈单, issue 10 item 1): the ones the agent raised on this desk.
 *
 * - `id` is the ticket's sync record id (the server keeps it as the ticket's id);
 * - `payload` is the ticket record's payload as sent (JSON), so the desk shows what the agent wrote
 *   even before the server has it;
 * - `server_state` / `server_updated_at`: the server's last known state of the ticket (a
 *   src/contract/tickets.ts `Ticket` as JSON) and its `updatedAt`, NULL until the server told.
 *   Kept only when newer, so a late catch-up never undoes a live change.
 *
 * The outbox row of the raise is written in the same transaction (main/store/tickets-repo.ts).
 */
export const ticketsMigration: Migration = {
  version: 7,
  name: 'tickets',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id                TEXT PRIMARY KEY,
        agent_id          TEXT NOT NULL,
        payload           TEXT NOT NULL,
        raised_at         INTEGER NOT NULL,
        server_state      TEXT,
        server_updated_at INTEGER,
        CHECK ((server_state IS NULL) = (server_updated_at IS NULL))
      ) STRICT;
      CREATE INDEX tickets_by_agent ON tickets (agent_id, raised_at);
    `);
  },
};
