/**
 * Texts cut to a length limit, between characters: never half a surrogate pair (an emoji, a rare
 * 汉字). The contract's zod schemas count UTF-16 units and PostgreSQL counts code points; a cut
 * fits both.
 */

/** The start of `text`, at most `max` characters by either count. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let units = 0;
  let points = 0;
  for (const char of text) {
    if (units + char.length > max || points + 1 > max) break;
    units += char.length;
    points += 1;
  }
  return text.slice(0, units);
}

/** `text` as it fits in `max` characters, ending in `…` when it had to be cut (for a list row or a title). */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutText(text, Math.max(0, max - 1))}…`;
}
