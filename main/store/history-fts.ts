import type { HistoryQuery } from '../../src/contract/history';
import { numbersIn, searchDigits, searchPhrases, searchWords } from '../../src/domain/search-text';

/**
 * How a call's text goes into the FTS5 table `call_search_text` (migration 0006) and how a search
 * is looked up in it. Both sides cut text with src/domain/search-text.ts, and FTS5's unicode61
 * tokenizer then folds case and accents alike on both.
 *
 * - digits: every number of the call (the caller's, those in the customer's contact) as its runs
 *   of four digits, the number closed by an end mark: 13812345678 -> "1381 3812 … 5678 678x". A
 *   part of a number of four digits or more is then the phrase of its own runs, which FTS5 finds
 *   as adjacent tokens, and a part of three digits is the start of a run (`"678"*`): a substring
 *   search on an index. Runs of four, not three, because a whole number is then a phrase of
 *   tokens ten times rarer, which FTS5 intersects five times faster; the end mark keeps a number's
 *   last three digits the start of a run, and no phrase of digits runs on into the next number.
 * - name, summary: the words, space-separated, so each Han character is a token of its own and
 *   a Chinese word is a phrase of its characters.
 *
 * A search becomes one MATCH expression built only from those tokens, each in double quotes and
 * under a fixed column name: what the agent typed can never be FTS5 syntax (NEAR, OR, *, -, ^,
 * column filters, quotes), and a token FTS5 would not index is simply not found.
 */

/** The layout version of what historyDocument writes: change it with the layout, and the desk rebuilds the index. */
export const HISTORY_TEXT_FORMAT = 1;

/** The most of a summary that is indexed: a search box is not for finding text a hundred pages in. */
export const INDEXED_SUMMARY_CHARS = 16_384;

/** Closes each number's runs (any letter would do: a typed number never has one). */
const NUMBER_END = 'x';
const RUN_LENGTH = 4;

export interface HistoryDocument {
  digits: string;
  name: string;
  summary: string;
}

export interface HistoryDocumentFields {
  remoteNumber: string;
  remoteDisplayName: string;
  customerName: string;
  customerContact: string;
  summary: string;
}

/** A call's row of `call_search_text`. */
export function historyDocument(fields: HistoryDocumentFields): HistoryDocument {
  const numbers = new Set([...numbersIn(fields.remoteNumber), ...numbersIn(fields.customerContact)]);
  return {
    digits: [...numbers].flatMap((digits) => digitRuns(`${digits}${NUMBER_END}`)).join(' '),
    name: searchWords(`${fields.customerName} ${fields.remoteDisplayName}`).join(' '),
    summary: searchWords(fields.summary.slice(0, INDEXED_SUMMARY_CHARS)).join(' '),
  };
}

/**
 * What a query asks of the text: nothing (`any`), a MATCH expression, or `nothing` when the agent
 * typed text of which nothing can be searched (only punctuation or emoji): no call has it.
 */
export type HistoryMatch = { kind: 'any' } | { kind: 'nothing' } | { kind: 'match'; expression: string };

export function historyMatch(query: Pick<HistoryQuery, 'number' | 'name' | 'summary'>): HistoryMatch {
  const conditions: string[] = [];
  let unsearchable = false;
  if (query.number.trim() !== '') {
    const digits = searchDigits(query.number);
    // The contract asks for at least three digits; fewer would find nothing here.
    if (digits.length < 3) unsearchable = true;
    conditions.push(`digits : ${digits.length < RUN_LENGTH ? `${phrase([digits])}*` : phrase(digitRuns(digits))}`);
  }
  for (const column of ['name', 'summary'] as const) {
    const text = query[column];
    if (text.trim() === '') continue;
    const phrases = searchPhrases(text);
    if (phrases.length === 0) unsearchable = true;
    for (const words of phrases) conditions.push(`${column} : ${phrase(words)}`);
  }
  if (unsearchable) return { kind: 'nothing' };
  return conditions.length === 0 ? { kind: 'any' } : { kind: 'match', expression: conditions.join(' AND ') };
}

/** Overlapping runs of RUN_LENGTH characters; none for a shorter text. */
function digitRuns(digits: string): string[] {
  const runs: string[] = [];
  for (let start = 0; start + RUN_LENGTH <= digits.length; start++) runs.push(digits.slice(start, start + RUN_LENGTH));
  return runs;
}

/** An FTS5 phrase: the tokens in one string. Tokens hold no quote, but one would be doubled, as FTS5 escapes it. */
function phrase(tokens: string[]): string {
  return `"${tokens.map((token) => token.replaceAll('"', '""')).join(' ')}"`;
}
