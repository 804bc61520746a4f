import type { Phrase } from '../../../src/contract';

/** Full-width letters, digits and spaces as their plain forms, and one case: "ＶＩＰ" finds "vip". */
function normalized(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/**
 * The phrases matching what the agent typed, in book order. Every word of the query must appear
 * in the title, the text or the phrase's `labels` (its category and disposition, as shown);
 * Chinese needs no spaces: "久等" finds 让您久等了. An empty query lists everything.
 */
export function searchPhrases(phrases: readonly Phrase[], query: string, labels: (phrase: Phrase) => string = () => ''): Phrase[] {
  const words = normalized(query).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [...phrases];
  return phrases.filter((phrase) => {
    const haystack = normalized(`${phrase.title}\n${phrase.text}\n${labels(phrase)}`);
    return words.every((word) => haystack.includes(word));
  });
}
