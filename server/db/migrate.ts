import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as initial from './migrations/0001-initial';
import * as allRecordKindsAndAttendance from './migrations/0002-all-record-kinds-and-attendance';
import * as departmentDirectory from './migrations/0003-department-directory';
import * as surveyResults from './migrations/0004-survey-results';
import * as loginFailures from './migrations/0005-login-failures';
import * as sessionLifetimes from './migrations/0006-session-lifetimes';
import * as oneSurveyResultPerCall from './migrations/0007-one-survey-result-per-call';
import * as boardSessions from './migrations/0008-board-sessions';
import * as alerts from './migrations/0009-alerts';
import * as supervisorActions from './migrations/0010-supervisor-actions';
import * as workingDayCalendar from './migrations/0011-working-day-calendar';
import * as callHistory from './migrations/0012-call-history';
import * as standardPhrases from './migrations/0013-standard-phrases';
import * as escalationTickets from './migrations/0014-escalation-tickets';
import * as promisesAndHandovers from './migrations/0015-promises-and-handovers';

/** Every migration, in order. Names sort lexically, so keep the four-digit prefix. */
const migrations = {
  '0001-initial': initial,
  '0002-all-record-kinds-and-attendance': allRecordKindsAndAttendance,
  '0003-department-directory': departmentDirectory,
  '0004-survey-results': surveyResults,
  '0005-login-failures': loginFailures,
  '0006-session-lifetimes': sessionLifetimes,
  '0007-one-survey-result-per-call': oneSurveyResultPerCall,
  '0008-board-sessions': boardSessions,
  '0009-alerts': alerts,
  '0010-supervisor-actions': supervisorActions,
  '0011-working-day-calendar': workingDayCalendar,
  '0012-call-history': callHistory,
  '0013-standard-phrases': standardPhrases,
  '0014-escalation-tickets': escalationTickets,
  '0015-promises-and-handovers': promisesAndHandovers,
} satisfies Record<string, Migration>;

export type MigrationName = keyof typeof migrations;

function migratorFor<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function throwIfFailed({ error, results }: MigrationResultSet): void {
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}

/** Brings the schema up to date; a no-op when it already is (safe on every start). */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  throwIfFailed(await migratorFor(db).migrateToLatest());
}

/** Moves the schema up or down to exactly `name`: a migration's test starts from the one before it. */
export async function migrateTo<DB>(db: Kysely<DB>, name: MigrationName): Promise<void> {
  throwIfFailed(await migratorFor(db).migrateTo(name));
}
