import { CallsRepo } from './calls-repo';
import { openDeskDatabase, type DeskDatabase, type OpenDeskDatabaseOptions } from './database';
import { OutboxRepo } from './outbox-repo';
import { QuarantineRepo } from './quarantine-repo';
import { SettingsRepo } from './settings-repo';
import { SurveyResultsRepo } from './survey-results-repo';
import { WrapUpsRepo } from './wrap-ups-repo';

/** The desk's local storage: one database and the repositories over it. */
export interface DeskStore {
  readonly db: DeskDatabase;
  readonly calls: CallsRepo;
  readonly wrapUps: WrapUpsRepo;
  readonly outbox: OutboxRepo;
  readonly settings: SettingsRepo;
  readonly surveyResults: SurveyResultsRepo;
  readonly quarantine: QuarantineRepo;
  close(): void;
}

/** Opens the desk database at `path` (migrating it) and builds the repositories over it. */
export function openDeskStore(path: string, options: OpenDeskDatabaseOptions = {}): DeskStore {
  const db = openDeskDatabase(path, options);
  const outbox = new OutboxRepo(db);
  return {
    db,
    calls: new CallsRepo(db, outbox),
    wrapUps: new WrapUpsRepo(db, outbox),
    outbox,
    settings: new SettingsRepo(db),
    surveyResults: new SurveyResultsRepo(db),
    quarantine: new QuarantineRepo(db),
    close: () => db.close(),
  };
}
