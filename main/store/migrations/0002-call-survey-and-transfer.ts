import type { Migration } from './migration';

/**
 * What became of a call at its end (DOMAIN.md rules 4 and 5): whether the caller went to the
 * survey IVR or the agent skipped it (and why), and where the call was transferred.
 * Nullable, so calls recorded before this version keep their rows unchanged.
 */
export const callSurveyAndTransferMigration: Migration = {
  version: 2,
  name: 'call-survey-and-transfer',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN survey TEXT CHECK (survey IN ('transferred', 'skipped'));
      ALTER TABLE calls ADD COLUMN survey_skip_reason TEXT;
      ALTER TABLE calls ADD COLUMN transferred_to TEXT;
    `);
  },
};
