import type { Migration } from './migration';

/**
 * Records the store refused (issue 8: nothing is lost): the record as the desk built it, as JSON,
 * and why it was refused, so support can read and repair it. Rows are never sent nor purged.
 */
export const quarantineMigration: Migration = {
  version: 5,
  name: 'quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE quarantine (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        agent_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        record TEXT NOT NULL CHECK (json_valid(record)),
        error TEXT NOT NULL,
        kept_at INTEGER NOT NULL
      );
      CREATE INDEX quarantine_by_agent ON quarantine (agent_id, seq);
    `);
  },
};
