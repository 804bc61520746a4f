import { useTranslation } from 'react-i18next';
import type { PhrasePlaceholder } from '../../../src/contract';
import { fillPhrase, type PlaceholderValues } from './fill-placeholders';

/** How a placeholder without a value reads in the UI language (【客户姓名】), and the phrase as text with it. */
export function usePhraseText(values: PlaceholderValues): { missing(name: PhrasePlaceholder): string; fill(text: string): string } {
  const { t } = useTranslation();
  const missing = (name: PhrasePlaceholder) => t('phrases.missing', { name: t(`phrases.placeholder.${name}`) });
  return { missing, fill: (text) => fillPhrase(text, values, missing) };
}
