import type { Migration } from './migration';

/**
 * The satisfaction survey's verdict on a call (DOMAIN.md rule 4), as the central server relays it
 * from the survey IVR. Keyed by call: a newer report for the same call replaces an older one.
 * No foreign key to `calls`: the result may arrive before this desk has recorded the call (another
 * desk of the same agent took it), and must not be lost for that.
 */
export const surveyResultsMigration: Migration = {
  version: 4,
  name: 'survey-results',
  up(db) {
    db.exec(`
      CREATE TABLE survey_results (
        call_id TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('satisfied', 'neutral', 'dissatisfied', 'none')),
        rated_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX survey_results_by_agent ON survey_results (agent_id, received_at);
    `);
  },
};
