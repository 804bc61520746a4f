import { useTranslation } from 'react-i18next';
import type { Disposition, Phrase, PhraseCategory } from '../../../src/contract';
import { useLanguage } from '../../shared/use-language';

/** A group's heading as shown (问候, 业务类别 · 投诉), for lists and for search. */
export function usePhraseLabels(dispositions: readonly Disposition[]): {
  groupLabel(category: PhraseCategory, dispositionCode: string | null): string;
  searchLabels(phrase: Phrase): string;
} {
  const { t } = useTranslation();
  const language = useLanguage();
  const dispositionLabel = (code: string) => dispositions.find((disposition) => disposition.code === code)?.label[language] ?? code;
  const groupLabel = (category: PhraseCategory, dispositionCode: string | null) =>
    dispositionCode === null ? t(`phrases.category.${category}`) : t('phrases.dispositionGroup', { category: t(`phrases.category.${category}`), disposition: dispositionLabel(dispositionCode) });
  return { groupLabel, searchLabels: (phrase) => groupLabel(phrase.category, phrase.dispositionCode) };
}
