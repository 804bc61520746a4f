import { sql, type Kysely, type RawBuilder } from 'kysely';
import { callPayloadSchema, type HistoryCall, type HistoryPage, type HistoryQuery, type SurveyRating } from '../src/contract';
import { HISTORY_SUMMARY_EXCERPT } from '../src/contract/history';
import { searchDigits, searchPhrases } from '../src/domain/search-text';
import type { Database } from './db/schema';

/**
 * An agent's calls as desks reported them (`records` of kind call), each with its wrap-up and
 * survey result, searched and paged as src/contract/history.ts says: what a desk shows of the
 * agent's history when its own store does not have the calls (another seat, a new machine).
 *
 * The pages run along the index of migration 0012 (agent, offered time, call id), so a page reads
 * at most as many of the agent's calls as it takes to find a page of matches. Text is matched as
 * a substring (ILIKE), a little wider than the desk's whole-word match for Latin words: a desk
 * merging both shows a call either side finds.
 */

const offeredAt = sql<number>`(r.payload->>'offeredAt')::bigint`;
/** Byte order, as the desk compares ids when it merges its page with this one. */
const callIdOrder = sql<string>`(lower(r.payload->>'callId') collate "C")`;
const callUuid = sql`(r.payload->>'callId')::uuid`;

interface HistoryRow {
  payload: unknown;
  wrap_up_id: string | null;
  disposition: string | null;
  customer_name: string | null;
  summary: string | null;
  resolved: boolean | null;
  rating: SurveyRating | null;
}

export async function searchCallHistory(db: Kysely<Database>, agentId: string, query: HistoryQuery): Promise<HistoryPage> {
  const conditions = historyConditions(agentId, query);
  if (conditions === null) return { calls: [], nextCursor: null };
  // The wrap-up: the newest the agent sent for the call (a desk sends one; a second would be a stray copy).
  const { rows } = await sql<HistoryRow>`
    select r.payload, w.id as wrap_up_id, nullif(w.disposition, '') as disposition, w.customer_name,
           left(w.summary, ${sql.lit(HISTORY_SUMMARY_EXCERPT)}) as summary, w.resolved, s.rating
    from records r
    left join lateral (
      select id, disposition, customer_name, customer_contact, summary, resolved from wrap_ups
      where wrap_ups.call_id = ${callUuid} and wrap_ups.agent_id = r.agent_id
      order by occurred_at desc limit 1
    ) w on true
    left join survey_results s on s.call_id = ${callUuid} and s.agent_id = r.agent_id
    where ${sql.join(conditions, sql` and `)}
    order by ${offeredAt} desc, ${callIdOrder} desc
    limit ${query.pageSize + 1}
  `.execute(db);
  const calls = rows.map(toHistoryCall).filter((call): call is HistoryCall => call !== null);
  const page = calls.slice(0, query.pageSize);
  const last = page.at(-1);
  return { calls: page, nextCursor: rows.length > query.pageSize && last ? { offeredAt: last.offeredAt, callId: last.callId.toLowerCase() } : null };
}

/** The WHERE of a search, or null when it can match nothing (text without a searchable word). */
function historyConditions(agentId: string, query: HistoryQuery): RawBuilder<unknown>[] | null {
  const conditions: RawBuilder<unknown>[] = [sql`r.agent_id = ${agentId}`, sql`r.kind = 'call'`];
  if (query.number.trim() !== '') {
    const pattern = `%${searchDigits(query.number)}%`;
    conditions.push(sql`(regexp_replace(r.payload->>'remoteNumber', '[^0-9]', '', 'g') like ${pattern}
                         or regexp_replace(coalesce(w.customer_contact, ''), '[^0-9]', '', 'g') like ${pattern})`);
  }
  for (const column of ['name', 'summary'] as const) {
    if (query[column].trim() === '') continue;
    const parts = searchParts(query[column]);
    if (parts.length === 0) return null;
    for (const part of parts) {
      const pattern = `%${escapeLike(part)}%`;
      conditions.push(column === 'name' ? sql`(w.customer_name ilike ${pattern} or r.payload->>'remoteDisplayName' ilike ${pattern})` : sql`w.summary ilike ${pattern}`);
    }
  }
  if (query.from !== null) conditions.push(sql`${offeredAt} >= ${query.from}::bigint`);
  if (query.before !== null) conditions.push(sql`${offeredAt} < ${query.before}::bigint`);
  if (query.direction !== null) conditions.push(sql`r.payload->>'direction' = ${query.direction}`);
  if (query.disposition !== null) conditions.push(sql`w.disposition = ${query.disposition}`);
  if (query.rating !== null) conditions.push(sql`s.rating = ${query.rating}`);
  if (query.cursor !== null) {
    conditions.push(sql`(${offeredAt}, ${callIdOrder}) < (${query.cursor.offeredAt}::bigint, ${query.cursor.callId.toLowerCase()}::text collate "C")`);
  }
  return conditions;
}

/** The space-separated parts of a typed search that have a word in them (the desk's phrases), as typed. */
function searchParts(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/\s+/u)
    .filter((part) => searchPhrases(part).length > 0)
    .slice(0, 8);
}

/** LIKE's own characters taken literally (backslash is PostgreSQL's default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toHistoryCall(row: HistoryRow): HistoryCall | null {
  // Stored once validated; read through the same schema, so a payload of an older desk gets its defaults.
  const parsed = callPayloadSchema.safeParse(row.payload);
  if (!parsed.success) return null;
  const call = parsed.data;
  return {
    callId: call.callId,
    direction: call.direction,
    remoteNumber: call.remoteNumber,
    remoteDisplayName: call.remoteDisplayName,
    offeredAt: call.offeredAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    ringsAtAnswer: call.ringsAtAnswer,
    disposition: row.disposition,
    customerName: row.customer_name ?? '',
    summary: row.summary ?? '',
    resolved: row.resolved,
    wrapUp: row.wrap_up_id === null ? 'none' : 'synced',
    survey: call.survey,
    surveyRating: row.rating,
    source: 'server',
  };
}
