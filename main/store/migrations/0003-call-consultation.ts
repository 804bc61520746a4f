import type { Migration } from './migration';

/**
 * Consultation during a call (DOMAIN.md rule 5): how the call was transferred (blind, or attended
 * after consulting the target), whom the agent consulted, and whether it became a three-way call.
 * Calls recorded before this version read as a blind transfer when they have a target.
 */
export const callConsultationMigration: Migration = {
  version: 3,
  name: 'call-consultation',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN transfer_kind TEXT CHECK (transfer_kind IN ('blind', 'attended'));
      UPDATE calls SET transfer_kind = 'blind' WHERE transferred_to IS NOT NULL;
      ALTER TABLE calls ADD COLUMN consulted_with TEXT;
      ALTER TABLE calls ADD COLUMN conference INTEGER NOT NULL DEFAULT 0 CHECK (conference IN (0, 1));
    `);
  },
};
