import { initialMigration } from './0001-initial';
import { callSurveyAndTransferMigration } from './0002-call-survey-and-transfer';
import { callConsultationMigration } from './0003-call-consultation';
import { surveyResultsMigration } from './0004-survey-results';
import { quarantineMigration } from './0005-quarantine';
import { historySearchMigration } from './0006-history-search';
import { ticketsMigration } from './0007-tickets';
import { promisesAndHandoversMigration } from './0008-promises-and-handovers';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every desk migration, in order. Append new ones; never edit or reorder shipped ones. */
export const deskMigrations: readonly Migration[] = [initialMigration, callSurveyAndTransferMigration, callConsultationMigration, surveyResultsMigration, quarantineMigration, historySearchMigration, ticketsMigration, promisesAndHandoversMigration];
