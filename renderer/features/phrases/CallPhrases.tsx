import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, DeskSnapshot, PhraseCategory } from '../../../src/contract';
import { PhraseItem } from './PhraseItem';
import { nameFromDisplayName, phraseValuesOf } from './phrase-values';
import { useCopyText } from './use-copy-text';

/** What an agent says during a call, in the order a call goes (the disposition wording is for the wrap-up). */
const DURING_A_CALL: readonly PhraseCategory[] = ['greeting', 'verification', 'transfer', 'apology', 'closing'];

/**
 * The phrases at hand while talking, one category at a time: an apology first when the call was
 * answered late (rule 1), the greeting otherwise. Each filled in for this agent and caller, one
 * click to copy.
 */
export function CallPhrases({ call, snapshot }: { call: CallView; snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<PhraseCategory>(call.late ? 'apology' : 'greeting');
  const copier = useCopyText();
  const categories = DURING_A_CALL.filter((candidate) => snapshot.phrases.some((phrase) => phrase.category === candidate));
  // A supervisor may have removed the last phrase of the category shown.
  const current = categories.includes(category) ? category : categories[0];
  if (current === undefined) return null;
  const shown = snapshot.phrases.filter((phrase) => phrase.category === current);
  const values = phraseValuesOf(snapshot, nameFromDisplayName(call.remoteDisplayName));

  return (
    <section className="call-phrases" data-testid="call-phrases" aria-label={t('phrases.title')}>
      <div className="call-phrases__tabs" role="group" aria-label={t('phrases.categories')}>
        {categories.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="button button--small button--quiet"
            data-testid={`call-phrases-${candidate}`}
            aria-pressed={candidate === current}
            onClick={() => setCategory(candidate)}
          >
            {t(`phrases.category.${candidate}`)}
          </button>
        ))}
      </div>
      <ul className="phrase-list">
        {shown.map((phrase) => (
          <PhraseItem key={phrase.id} phrase={phrase} values={values} copier={copier} />
        ))}
      </ul>
    </section>
  );
}
