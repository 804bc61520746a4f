import * as z from 'zod';
import { MIN_SEARCH_DIGITS, searchDigits } from '../domain/search-text';
import { surveyRatingSchema } from './survey';

/**
 * The agent's call history, searched (issue 10, item 3): on the desk with the command
 * `searchHistory`, which reads the desk's own store and the server's copy and merges them, and on
 * the server with
 *
 *   GET /v1/agents/:agentId/history?<HistoryQuery as search params> -> HistoryPage
 *       (Bearer: that agent, or a supervisor; another agent gets 403)
 *
 * Every condition given must hold. Text is read as src/domain/search-text.ts says: a number in any
 * grouping (at least 3 digits, found inside longer numbers), a name or summary as phrases (found
 * inside Chinese text, whole words otherwise). Pages run newest first by when the call was offered
 * (then by call id, for calls of the same millisecond), and the next page starts after `nextCursor`.
 *
 *   page 1: cursor null ──> calls 1..20, nextCursor = (offeredAt, callId) of call 20
 *   page 2: cursor = that ──> calls 21..40, …   nextCursor null: no more calls
 */

/** The most calls one page may hold. */
export const HISTORY_PAGE_SIZE_MAX = 100;
/** The page size the desk shows. */
export const HISTORY_PAGE_SIZE_DEFAULT = 20;
/** How much of a summary a row carries: enough to recognise the call, never a whole 1 MB text. */
export const HISTORY_SUMMARY_EXCERPT = 200;

const epochMs = z.number().int().nonnegative();

/** Where the next page starts: after this call (exclusive). */
export const historyCursorSchema = z.object({ offeredAt: epochMs, callId: z.string().min(1).max(64) });
export type HistoryCursor = z.infer<typeof historyCursorSchema>;

/** A number in any grouping: empty (no condition), or at least MIN_SEARCH_DIGITS digits. */
const numberQuery = z
  .string()
  .max(64)
  .refine((value) => value.trim() === '' || searchDigits(value).length >= MIN_SEARCH_DIGITS, { message: `a number of at least ${MIN_SEARCH_DIGITS} digits` });

/** A search of the history; an empty string or null is no condition. */
export const historyQuerySchema = z
  .object({
    /** The customer's number (the caller's, or one in the wrap-up's contact). */
    number: numberQuery,
    /** The customer's name (the wrap-up's) or the caller's display name. */
    name: z.string().max(64),
    /** Words of the wrap-up's summary. */
    summary: z.string().max(200),
    /** Offered at or after (ms). */
    from: epochMs.nullable(),
    /** Offered before (ms). */
    before: epochMs.nullable(),
    disposition: z.string().min(1).max(32).nullable(),
    direction: z.enum(['inbound', 'outbound']).nullable(),
    /** The survey's verdict (`none`: the customer hung up without rating). */
    rating: surveyRatingSchema.nullable(),
    cursor: historyCursorSchema.nullable(),
    pageSize: z.number().int().min(1).max(HISTORY_PAGE_SIZE_MAX),
  })
  .refine((query) => query.from === null || query.before === null || query.from < query.before, { message: 'from must be before before', path: ['before'] });
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** No condition, the first page. */
export const emptyHistoryQuery: HistoryQuery = {
  number: '',
  name: '',
  summary: '',
  from: null,
  before: null,
  disposition: null,
  direction: null,
  rating: null,
  cursor: null,
  pageSize: HISTORY_PAGE_SIZE_DEFAULT,
};

/** One call of the history, with its wrap-up and survey as far as the source knows them. */
export const historyCallSchema = z.object({
  callId: z.string().min(1).max(64),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string().max(64),
  remoteDisplayName: z.string().max(128),
  offeredAt: epochMs,
  answeredAt: epochMs.nullable(),
  endedAt: epochMs,
  ringsAtAnswer: z.number().int().min(0).nullable(),
  /** The wrap-up's disposition code (a draft's too); null without a wrap-up. */
  disposition: z.string().max(32).nullable(),
  customerName: z.string().max(128),
  /** The first HISTORY_SUMMARY_EXCERPT characters of the summary. */
  summary: z.string().max(HISTORY_SUMMARY_EXCERPT),
  resolved: z.boolean().nullable(),
  /** none: no wrap-up; draft: started, not saved; pending: saved, not on the server yet; synced: the server has it. */
  wrapUp: z.enum(['none', 'draft', 'pending', 'synced']),
  survey: z.enum(['transferred', 'skipped']).nullable(),
  surveyRating: surveyRatingSchema.nullable(),
  /** desk: this desk's store has the call; server: only the server has it (taken on another seat). */
  source: z.enum(['desk', 'server']),
});
export type HistoryCall = z.infer<typeof historyCallSchema>;

/** One page of the history, newest first. */
export const historyPageSchema = z.object({
  calls: z.array(historyCallSchema).max(HISTORY_PAGE_SIZE_MAX),
  /** Null on the last page. */
  nextCursor: historyCursorSchema.nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * What the desk's `searchHistory` answers: the merged page, and whether the server's calls are in
 * it (`unavailable`: unreachable, too slow or refusing; the page is this desk's calls alone).
 */
export interface DeskHistoryPage extends HistoryPage {
  server: 'included' | 'unavailable';
}

/** The order of the history: newest offer first, then the greater call id. Negative: `a` comes first. */
export function compareHistoryOrder(a: HistoryCursor, b: HistoryCursor): number {
  if (a.offeredAt !== b.offeredAt) return b.offeredAt - a.offeredAt;
  return a.callId < b.callId ? 1 : a.callId > b.callId ? -1 : 0;
}

const optionalNumber = z.coerce.number().int().nonnegative().optional();

/** The query string of GET /v1/agents/:agentId/history: HistoryQuery's fields, absent when empty. */
export const historySearchParamsSchema = z
  .object({
    number: z.string().optional(),
    name: z.string().optional(),
    summary: z.string().optional(),
    from: optionalNumber,
    before: optionalNumber,
    disposition: z.string().optional(),
    direction: z.string().optional(),
    rating: z.string().optional(),
    cursorOfferedAt: optionalNumber,
    cursorCallId: z.string().optional(),
    pageSize: optionalNumber,
  })
  .transform((params) => ({
    number: params.number ?? '',
    name: params.name ?? '',
    summary: params.summary ?? '',
    from: params.from ?? null,
    before: params.before ?? null,
    disposition: params.disposition ?? null,
    direction: params.direction ?? null,
    rating: params.rating ?? null,
    cursor: params.cursorOfferedAt === undefined && params.cursorCallId === undefined ? null : { offeredAt: params.cursorOfferedAt, callId: params.cursorCallId },
    pageSize: params.pageSize ?? HISTORY_PAGE_SIZE_DEFAULT,
  }))
  .pipe(historyQuerySchema);

/** The query string's parameters for a HistoryQuery (what historySearchParamsSchema reads back). */
export function historySearchParams(query: HistoryQuery): Record<string, string> {
  const params: Record<string, string> = {};
  const put = (name: string, value: string | number | null) => {
    if (value !== null && value !== '') params[name] = String(value);
  };
  put('number', query.number);
  put('name', query.name);
  put('summary', query.summary);
  put('from', query.from);
  put('before', query.before);
  put('disposition', query.disposition);
  put('direction', query.direction);
  put('rating', query.rating);
  put('cursorOfferedAt', query.cursor?.offeredAt ?? null);
  put('cursorCallId', query.cursor?.callId ?? null);
  put('pageSize', query.pageSize);
  return params;
}
