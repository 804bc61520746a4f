import { useTranslation } from 'react-i18next';
import type { Phrase } from '../../../src/contract';
import type { PlaceholderValues } from './fill-placeholders';
import { PhraseText } from './PhraseText';
import type { CopyText } from './use-copy-text';
import { usePhraseText } from './use-phrase-text';

interface PhraseItemProps {
  phrase: Phrase;
  values: PlaceholderValues;
  copier: CopyText;
  /** Puts the filled-in phrase where the agent is writing (`button` is the one clicked); none: the phrase can only be copied. */
  onInsert?: (text: string, button: HTMLButtonElement) => void;
}

/** One phrase with its title, its filled-in text, and one click to insert or copy it. */
export function PhraseItem({ phrase, values, copier, onInsert }: PhraseItemProps) {
  const { t } = useTranslation();
  const { fill, missing } = usePhraseText(values);
  const feedback = copier.last?.key === phrase.id ? copier.last : null;
  return (
    <li className="phrase" data-testid="phrase" data-phrase-id={phrase.id} data-category={phrase.category}>
      <span className="phrase__title">{phrase.title}</span>
      <PhraseText text={phrase.text} values={values} missing={missing} />
      <span className="phrase__actions">
        {onInsert && (
          <button type="button" className="button button--small button--primary" data-testid="phrase-insert" onClick={(event) => onInsert(fill(phrase.text), event.currentTarget)}>
            {t('phrases.insert')}
          </button>
        )}
        <button type="button" className="button button--small" data-testid="phrase-copy" onClick={() => copier.copy(phrase.id, fill(phrase.text))}>
          {t('phrases.copy')}
        </button>
        {feedback && (
          <span className={`phrase__copied${feedback.ok ? '' : ' phrase__copied--failed'}`} role="status" data-testid="phrase-copied" data-ok={feedback.ok}>
            {t(feedback.ok ? 'phrases.copied' : 'phrases.copyFailed')}
          </span>
        )}
      </span>
    </li>
  );
}
