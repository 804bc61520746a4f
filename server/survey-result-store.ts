import type { Kysely } from 'kysely';
import type { ServerSurveyResult, SurveyResult } from '../src/contract';
import type { Database, SurveyResultRow } from './db/schema';

/** The most results one catch-up read returns; the desk reads again from the newest it got. */
export const SURVEY_RESULTS_PAGE_SIZE = 500;

function toServerSurveyResult(row: SurveyResultRow): ServerSurveyResult {
  return {
    id: row.id,
    callId: row.call_id,
    agentId: row.agent_id,
    rating: row.rating,
    customerNumber: row.customer_number,
    ratedAt: row.rated_at,
    receivedAt: row.received_at,
  };
}

/** What became of a reported result: stored now, or not, and why not. */
export type SurveyResultOutcome =
  | { kind: 'stored'; result: ServerSurveyResult }
  /** This id was stored before: a retry of the same report. The first one stands. */
  | { kind: 'retried' }
  /** Another result (another id) was stored for this call before: the first one stands. */
  | { kind: 'call-already-rated' };

/** Whether a result with this id is stored already (the retry of a report). */
export async function surveyResultStored(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('survey_results').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * Stores the first result of a call. The database holds both rules (one row per id, one per
 * call), so two reports racing cannot both be stored; which rule refused tells a retry from a
 * second result. Returned as stored: PostgreSQL spells uuids in lower case.
 */
export async function storeSurveyResult(db: Kysely<Database>, result: SurveyResult, receivedAt: number): Promise<SurveyResultOutcome> {
  const row = await db
    .insertInto('survey_results')
    .values({
      id: result.id,
      call_id: result.callId,
      agent_id: result.agentId,
      rating: result.rating,
      customer_number: result.customerNumber,
      rated_at: result.ratedAt,
      received_at: receivedAt,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { kind: 'stored', result: toServerSurveyResult(row) };
  return (await surveyResultStored(db, result.id)) ? { kind: 'retried' } : { kind: 'call-already-rated' };
}

/**
 * One agent's results received after `since` (server ms), oldest first, at most a page. A page
 * never ends part-way through one `receivedAt`: the desk asks again with `since` = the newest it
 * got, which would skip the rest of that millisecond. (Only a page that is all one millisecond
 * has to be cut there.) So a short page does not mean the end: the end is an empty page.
 */
export async function listSurveyResults(db: Kysely<Database>, agentId: string, since: number): Promise<ServerSurveyResult[]> {
  const rows = await db
    .selectFrom('survey_results')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('received_at', '>', since)
    .orderBy('received_at')
    .orderBy('id')
    .limit(SURVEY_RESULTS_PAGE_SIZE + 1)
    .execute();
  const firstLeftOut = rows[SURVEY_RESULTS_PAGE_SIZE];
  let page = rows.slice(0, SURVEY_RESULTS_PAGE_SIZE);
  if (firstLeftOut !== undefined) {
    const wholeMilliseconds = page.filter((row) => row.received_at !== firstLeftOut.received_at);
    if (wholeMilliseconds.length > 0) page = wholeMilliseconds;
  }
  return page.map(toServerSurveyResult);
}
