import type { Database, Statement } from 'better-sqlite3';
import {
  compareHistoryOrder,
  HISTORY_SUMMARY_EXCERPT,
  historyQuerySchema,
  type HistoryCall,
  type HistoryCursor,
  type HistoryPage,
  type HistoryQuery,
} from '../../src/contract/history';
import type { SurveyRating } from '../../src/contract/survey';
import { historyMatch } from './history-fts';
import { SORT_KEY_SLOTS, sortKeyBase, sqlSortKey } from './history-index';
import { StoreError } from './store-error';

/** A call the search found, by its place in the history. */
interface FoundRow {
  sort_key: number;
  call_id: string;
}

interface CallDetailRow {
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  remote_display_name: string;
  offered_at: number;
  answered_at: number | null;
  ended_at: number;
  rings_at_answer: number | null;
  survey: 'transferred' | 'skipped' | null;
  wrap_up_status: 'draft' | 'saved' | null;
  disposition: string | null;
  customer_name: string | null;
  summary: string | null;
  resolved: 0 | 1 | null;
  wrap_up_acked_at: number | null;
  survey_rating: SurveyRating | null;
}

export type SqlParams = Record<string, string | number | bigint>;

/** The SELECT of one search and its parameters. */
export interface SearchSql {
  text: string;
  params: SqlParams;
}

/**
 * The agent's call history on this desk, searched (src/contract/history.ts) over the index of
 * migration 0006. A page is read backwards along the sort key: by the FTS5 table when text is
 * searched (its rowid is the sort key, so matches come out in history order and the read stops at
 * the page's end), otherwise by the index of `call_search` that fits the conditions, each of
 * which ends in the sort key too. Either way no search sorts more than a page.
 */
export class HistoryRepo {
  private readonly statements = new Map<string, Statement<[SqlParams], FoundRow>>();
  private readonly selectDetail: Statement<[string], CallDetailRow>;

  constructor(private readonly db: Database) {
    // The wrap-up's record id is its outbox id: the join tells whether the server has it.
    this.selectDetail = db.prepare(`
      SELECT calls.id, calls.direction, calls.remote_number, calls.remote_display_name, calls.offered_at, calls.answered_at, calls.ended_at,
             calls.rings_at_answer, calls.survey, wrap_ups.status AS wrap_up_status, NULLIF(wrap_ups.disposition, '') AS disposition,
             wrap_ups.customer_name, substr(wrap_ups.summary, 1, ${HISTORY_SUMMARY_EXCERPT}) AS summary, wrap_ups.resolved,
             outbox.acked_at AS wrap_up_acked_at, survey_results.rating AS survey_rating
      FROM calls
      LEFT JOIN wrap_ups ON wrap_ups.call_id = calls.id
      LEFT JOIN outbox ON outbox.id = wrap_ups.id
      LEFT JOIN survey_results ON survey_results.call_id = calls.id
      WHERE calls.id = ?`);
  }

  /** One page of the agent's calls that meet every condition of `query`, newest first. Refuses a query the contract does not allow. */
  search(agentId: string, query: HistoryQuery): HistoryPage {
    const parsed = historyQuerySchema.safeParse(query);
    if (!parsed.success) throw new StoreError('invalid-query', `not a valid history search: ${parsed.error.message}`);
    const valid = parsed.data;
    const match = historyMatch(valid);
    if (match.kind === 'nothing') return { calls: [], nextCursor: null };

    const bounds = pageBounds(valid);
    if (bounds.low >= bounds.high) return { calls: [], nextCursor: null };
    const find = (low: number, high: number, limit: number | null) =>
      this.find(agentId, valid, match.kind === 'match' ? match.expression : null, { low, high, cursor: valid.cursor }, limit);

    // One more than the page: it tells whether another page follows.
    let found = find(bounds.low, bounds.high, valid.pageSize + 1);
    const last = found.at(-1);
    // Calls of one millisecond follow their slots, not their ids: when the last one has calls of its
    // millisecond in lower slots (slots count up from 0), fetch them too, so the page ends where the
    // history order (offer, then call id) says.
    const slot = last ? last.sort_key % SORT_KEY_SLOTS : 0;
    if (found.length === valid.pageSize + 1 && last && slot > 0) {
      found = [...found, ...find(Math.max(bounds.low, last.sort_key - slot), last.sort_key, null)];
    }
    const ordered = found
      .map((row) => ({ ...row, place: { offeredAt: Math.floor(row.sort_key / SORT_KEY_SLOTS), callId: row.call_id } }))
      .sort((a, b) => compareHistoryOrder(a.place, b.place))
      .slice(0, valid.pageSize + 1);
    const page = ordered.slice(0, valid.pageSize);
    const calls = page.map((row) => this.detail(row.call_id)).filter((call): call is HistoryCall => call !== null);
    return { calls, nextCursor: ordered.length > valid.pageSize ? (page.at(-1)?.place ?? null) : null };
  }

  private find(agentId: string, query: HistoryQuery, match: string | null, range: { low: number; high: number; cursor: HistoryCursor | null }, limit: number | null): FoundRow[] {
    const sql = historySearchSql(agentId, query, match, range, limit);
    let statement = this.statements.get(sql.text);
    if (!statement) {
      statement = this.db.prepare(sql.text);
      this.statements.set(sql.text, statement);
    }
    return statement.all(sql.params);
  }

  private detail(callId: string): HistoryCall | null {
    const row = this.selectDetail.get(callId);
    if (!row) return null;
    return {
      callId: row.id,
      direction: row.direction,
      remoteNumber: row.remote_number,
      remoteDisplayName: row.remote_display_name,
      offeredAt: row.offered_at,
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      ringsAtAnswer: row.rings_at_answer,
      disposition: row.disposition,
      customerName: row.customer_name ?? '',
      summary: row.summary ?? '',
      resolved: row.resolved === null ? null : row.resolved === 1,
      wrapUp: row.wrap_up_status === null ? 'none' : row.wrap_up_status === 'draft' ? 'draft' : row.wrap_up_acked_at === null ? 'pending' : 'synced',
      survey: row.survey,
      surveyRating: row.survey_rating,
      source: 'desk',
    };
  }
}

/** The sort keys a page may come from: the date range, and before the cursor's millisecond ends. */
function pageBounds(query: HistoryQuery): { low: number; high: number } {
  const low = query.from === null ? 0 : sortKeyBase(query.from);
  const high = query.before === null ? Number.MAX_SAFE_INTEGER : sortKeyBase(query.before);
  return { low, high: query.cursor ? Math.min(high, sortKeyBase(query.cursor.offeredAt + 1)) : high };
}

/**
 * The SELECT of one search (exported for the tests of its query plans). With text, FTS5 drives (CROSS JOIN keeps SQLite from starting with an
 * index of `call_search` and asking FTS5 row by row) and gets the sort-key range as rowid bounds.
 */
export function historySearchSql(agentId: string, query: HistoryQuery, match: string | null, range: { low: number; high: number; cursor: HistoryCursor | null }, limit: number | null): SearchSql {
  const key = match === null ? 'call_search.sort_key' : 'call_search_text.rowid';
  const where = ['call_search.agent_id = @agentId', `${key} >= @low`, `${key} < @high`];
  const params: SqlParams = { agentId, low: sqlSortKey(range.low), high: sqlSortKey(range.high) };
  if (match !== null) {
    where.unshift('call_search_text MATCH @match');
    params.match = match;
  }
  for (const column of ['direction', 'disposition', 'rating'] as const) {
    const value = query[column];
    if (value === null) continue;
    where.push(`call_search.${column} = @${column}`);
    params[column] = value;
  }
  if (range.cursor) {
    // Within the cursor's millisecond, only the calls after it in id order.
    where.push('(call_search.sort_key < @cursorStart OR call_search.call_id < @cursorCallId)');
    params.cursorStart = sqlSortKey(sortKeyBase(range.cursor.offeredAt));
    params.cursorCallId = range.cursor.callId;
  }
  const from = match === null ? 'call_search' : 'call_search_text CROSS JOIN call_search ON call_search.sort_key = call_search_text.rowid';
  if (limit !== null) params.limit = limit;
  const text = `SELECT call_search.sort_key, call_search.call_id FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${key} DESC${limit === null ? '' : ' LIMIT @limit'}`;
  return { text, params };
}
