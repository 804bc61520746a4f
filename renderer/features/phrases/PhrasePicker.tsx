import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposition, Phrase } from '../../../src/contract';
import { groupPhrases } from '../../../src/domain/phrase-groups';
import type { PlaceholderValues } from './fill-placeholders';
import { PhraseItem } from './PhraseItem';
import { searchPhrases } from './phrase-search';
import { useCopyText } from './use-copy-text';
import { usePhraseLabels } from './use-phrase-labels';

interface PhrasePickerProps {
  phrases: readonly Phrase[];
  dispositions: readonly Disposition[];
  values: PlaceholderValues;
  /** The disposition chosen in the form ('' for none): its phrases come first. */
  disposition: string;
  onInsert(text: string, button: HTMLButtonElement): void;
}

/**
 * The standard phrases for the wrap-up: searchable (title, text and group, Chinese included),
 * grouped by category, each one click to insert at the summary's cursor or to copy.
 */
export function PhrasePicker({ phrases, dispositions, values, disposition, onInsert }: PhrasePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const copier = useCopyText();
  const { groupLabel, searchLabels } = usePhraseLabels(dispositions);
  const isChosen = (dispositionCode: string | null) => disposition !== '' && dispositionCode === disposition;
  // A stable sort: the chosen disposition's wording first (it is what a summary needs), the rest as the book has them.
  const shown = groupPhrases(searchPhrases(phrases, query, searchLabels)).sort((a, b) => Number(isChosen(b.dispositionCode)) - Number(isChosen(a.dispositionCode)));
  // The picker sits in the wrap-up form: Enter in the search box must not save the form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  return (
    <section className="phrase-picker field--wide" data-testid="phrase-picker" aria-labelledby="phrase-picker-title">
      <div className="phrase-picker__head">
        <h3 id="phrase-picker-title">{t('phrases.title')}</h3>
        <label className="phrase-picker__search">
          <span className="visually-hidden">{t('phrases.search')}</span>
          <input type="search" data-testid="phrase-search" placeholder={t('phrases.searchPlaceholder')} autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} onKeyDown={onKeyDown} />
        </label>
      </div>
      {phrases.length === 0 ? (
        <p className="muted" data-testid="phrases-none">
          {t('phrases.none')}
        </p>
      ) : shown.length === 0 ? (
        <p className="muted" data-testid="phrases-no-match">
          {t('phrases.noMatch')}
        </p>
      ) : (
        <div className="phrase-picker__groups">
          {shown.map((group) => (
            <section key={group.key} className="phrase-group" data-testid="phrase-group" data-group={group.key}>
              <h4>{groupLabel(group.category, group.dispositionCode)}</h4>
              <ul className="phrase-list">
                {group.phrases.map((phrase) => (
                  <PhraseItem key={phrase.id} phrase={phrase} values={values} copier={copier} onInsert={onInsert} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
