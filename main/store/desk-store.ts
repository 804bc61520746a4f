import { CallsRepo } from './calls-repo';
import { openDeskDatabase, type DeskDatabase, type OpenDeskDatabaseOptions } from './database';
import { HandoversRepo } from './handovers-repo';
import { HistoryIndex } from './history-index';
import { HistoryRepo } from './history-repo';
import { OutboxRepo } from './outbox-repo';
import { PromisesRepo } from './promises-repo';
import { QuarantineRepo } from './quarantine-repo';
import { SettingsRepo } from './settings-repo';
import { SurveyResultsRepo } from './survey-results-repo';
import { TicketsRepo } from './tickets-repo';
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
  /** The escalation tickets the agent raised, with the server's state of each. */
  readonly tickets: TicketsRepo;
  /** First-contact promises: made by the agent's wrap-ups or handed to them, with the server's state. */
  readonly promises: PromisesRepo;
  /** Shift handovers given on this desk or told by the server. */
  readonly handovers: HandoversRepo;
  /** The call history, searched (its index is kept by the repositories above). */
  readonly history: HistoryRepo;
  close(): void;
}

/** Opens the desk database at `path` (migrating it) and builds the repositories over it. */
export function openDeskStore(path: string, options: OpenDeskDatabaseOptions = {}): DeskStore {
  const db = openDeskDatabase(path, options);
  const outbox = new OutboxRepo(db);
  const historyIndex = new HistoryIndex(db);
  // A file just migrated to the index, or indexed by a desk with another text layout.
  historyIndex.ensureCurrent();
  const handovers = new HandoversRepo(db, outbox);
  const promises = new PromisesRepo(db, outbox, handovers);
  return {
    db,
    calls: new CallsRepo(db, outbox, historyIndex),
    wrapUps: new WrapUpsRepo(db, outbox, historyIndex, promises),
    outbox,
    settings: new SettingsRepo(db),
    surveyResults: new SurveyResultsRepo(db, historyIndex),
    quarantine: new QuarantineRepo(db),
    tickets: new TicketsRepo(db, outbox),
    promises,
    handovers,
    history: new HistoryRepo(db),
    close: () => db.close(),
  };
}
