/**
 * How the agent's history search reads text (issue 10, item 3). The desk's index and its queries,
 * and the server's search, all cut text with these functions, so a word found on one side is
 * found on the other.
 *
 * Numbers: only the digits count, whatever the grouping: "138 1234 5678", "138-1234-5678",
 * "(138)12345678" and full-width "１３８１２３４５６７８" are all 13812345678. A search for a number
 * drops a leading +86 / 0086 (China's country code), so "+86 138 1234 5678" finds the call from
 * 13812345678; a part of a number finds every number that contains it.
 *
 * Words: text is NFKC-normalised (full-width letters and digits become ASCII); a word is a run
 * of letters, digits and marks. Han, kana and Hangul characters are each a word of their own,
 * because those scripts put no spaces between words: a search for 断线 looks for the word 断
 * followed by the word 线, and so finds it inside 宽带断线已报修.
 *
 *   text ──NFKC──> "宽带断线 Router-5"  ──words──>  [宽, 带, 断, 线, Router, 5]
 *   query "断线 router"  ──phrases──>  [[断, 线], [router]]   (every phrase must be found)
 */

/** The fewest digits a number search may have: fewer would match nearly every call. */
export const MIN_SEARCH_DIGITS = 3;

/** A character of a script written without spaces between words (a word on its own), or a run of other letters, digits and marks. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}])+/gu;
const ASCII_WORD = /[A-Za-z0-9]+/g;
const NOT_ASCII = /[^\x00-\x7f]/;
const COUNTRY_CODE = /^(?:\+|00)86/;
/** What one written number is made of ("138 1234 5678", "(010) 1234-5678", "+86 …"). */
const NUMBER_RUN = /[\d\s\-–—().+]+/gu;

/** The digits of a typed number, for searching: any grouping, full-width digits, no +86. */
export function searchDigits(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  return text.replace(COUNTRY_CODE, '').replace(/\D/g, '');
}

/**
 * The numbers written in a field such as the customer's contact ("138 1234 5678 / 010-8765 4321"),
 * each as its digits. Spaces, dashes, dots and brackets belong to a number; anything else
 * (a slash, a comma, a word) ends it, so two numbers never run together into a false one.
 */
export function numbersIn(text: string): string[] {
  const numbers: string[] = [];
  for (const run of (NOT_ASCII.test(text) ? text.normalize('NFKC') : text).match(NUMBER_RUN) ?? []) {
    const digits = run.replace(/\D/g, '');
    if (digits.length > 0) numbers.push(digits);
  }
  return numbers;
}

/** The words of a text, in order (see above): what the index keeps, and what a phrase is made of. */
export function searchWords(text: string): string[] {
  // ASCII is NFKC already and has no script without spaces: numbers and Latin text stay cheap.
  if (!NOT_ASCII.test(text)) return text.match(ASCII_WORD) ?? [];
  return text.normalize('NFKC').match(WORD) ?? [];
}

/**
 * A typed search as phrases: each space-separated part of it is one phrase (its words, in
 * order), and a call matches when it has every phrase. Parts without any word (punctuation,
 * emoji) are dropped; at most `maxPhrases` are kept, the rest ignored.
 */
export function searchPhrases(query: string, maxPhrases = 8): string[][] {
  return query
    .normalize('NFKC')
    .split(/\s+/u)
    .map(searchWords)
    .filter((words) => words.length > 0)
    .slice(0, maxPhrases);
}
