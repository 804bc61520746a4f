import type { Phrase, PhraseCategory } from '../contract/phrases';

/** The phrases of one category, and for disposition phrases of one disposition, in their order. */
export interface PhraseGroupOf {
  /** `category` or `disposition/<code>`: unique among the groups. */
  key: string;
  category: PhraseCategory;
  dispositionCode: string | null;
  phrases: Phrase[];
}

/** Groups phrases in the order the groups first appear (the server's book order: as a call goes). */
export function groupPhrases(phrases: readonly Phrase[]): PhraseGroupOf[] {
  const groups = new Map<string, PhraseGroupOf>();
  for (const phrase of phrases) {
    const key = phrase.dispositionCode === null ? phrase.category : `${phrase.category}/${phrase.dispositionCode}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, category: phrase.category, dispositionCode: phrase.dispositionCode, phrases: [] };
      groups.set(key, group);
    }
    group.phrases.push(phrase);
  }
  return [...groups.values()];
}
