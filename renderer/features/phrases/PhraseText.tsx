import { useTranslation } from 'react-i18next';
import type { PhrasePlaceholder } from '../../../src/contract';
import { phraseSegments, type PlaceholderValues } from './fill-placeholders';

/** A phrase as the agent reads it: values filled in, a placeholder still to fill marked as such. */
export function PhraseText({ text, values, missing }: { text: string; values: PlaceholderValues; missing(name: PhrasePlaceholder): string }) {
  const { t } = useTranslation();
  return (
    <span className="phrase__text" data-testid="phrase-text">
      {phraseSegments(text, values).map((segment, index) =>
        segment.kind === 'missing' ? (
          <mark key={index} className="phrase__missing" title={t('phrases.missingHint')}>
            {missing(segment.name)}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
