import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { cleanDialInput, isDialable } from '../dial/dial-string';
import { shortcutButtonElement, shortcutField } from '../shortcuts/shortcut-targets';
import { searchDirectory } from './directory-search';

type TransferMode = 'blind' | 'consult';

/**
 * Transfer (DOMAIN.md rule 5) to the department responsible: pick from the company directory
 * (searchable by department, name or extension) or type a number. 转接 hands the call over at once
 * (blind); 咨询 puts the customer on hold and calls the department first (then transfer, three-way
 * or return, in the consult bar).
 */
export function TransferPanel({ callId, directory, onClose }: { callId: string; directory: DirectoryEntry[]; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const grouped = useGroupedNumber();
  const [query, setQuery] = useState('');
  const [number, setNumber] = useState('');
  const [transferring, setTransferring] = useState<{ target: string; mode: TransferMode } | null>(null);
  const matches = searchDirectory(directory, query);

  const transfer = (target: string, mode: TransferMode) => {
    setTransferring({ target, mode });
    if (mode === 'blind') {
      void run(() => desk.transfer({ callId, target })).finally(() => setTransferring(null));
      return;
    }
    void run(() => desk.consult({ callId, target })).then((placed) => {
      setTransferring(null);
      // The consult bar takes over from here.
      if (placed) onClose();
    });
  };
  const busyWith = (target: string, mode: TransferMode) => transferring?.target === target && transferring.mode === mode;
  const onNumberSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const mode: TransferMode = submitter instanceof HTMLElement && submitter.dataset.mode === 'consult' ? 'consult' : 'blind';
    if (isDialable(number)) transfer(number, mode);
  };

  return (
    // Escape closes the panel, as it closes any drawer or dialog of the desk.
    <section
      className="transfer"
      data-testid="transfer-panel"
      aria-labelledby="transfer-title"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        // Back to the button that opened it, so the keyboard goes on from there.
        shortcutButtonElement('transfer')?.focus();
        onClose();
      }}
    >
      <div className="transfer__head">
        <h3 id="transfer-title">{t('transfer.title')}</h3>
        <span className="muted">{t('transfer.blindHint')}</span>
        <button type="button" className="button button--small button--quiet" data-testid="transfer-close" onClick={onClose}>
          {t('transfer.close')}
        </button>
      </div>
      <label className="field">
        <span className="visually-hidden">{t('transfer.search')}</span>
        {/* Opened (by the button or Alt+T), the panel is for finding the department: the caret goes there. */}
        <input type="search" data-testid="transfer-search" {...shortcutField('transfer')} autoFocus placeholder={t('transfer.searchPlaceholder')} autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />
      </label>
      {directory.length === 0 ? (
        <p className="muted" data-testid="transfer-directory-empty">
          {t('transfer.directoryEmpty')}
        </p>
      ) : matches.length === 0 ? (
        <p className="muted" data-testid="transfer-no-match">
          {t('transfer.noMatch')}
        </p>
      ) : (
        <ul className="transfer__list">
          {matches.map((entry) => (
            <li key={`${entry.department}/${entry.extension}`} className="transfer__entry" data-testid="transfer-entry" data-extension={entry.extension}>
              <span className="transfer__department">{entry.department}</span>
              <span className="transfer__name muted">{entry.name}</span>
              <span className="transfer__extension">{grouped(entry.extension)}</span>
              <button type="button" className="button button--small" data-testid="consult-with" disabled={transferring !== null} onClick={() => transfer(entry.extension, 'consult')}>
                {busyWith(entry.extension, 'consult') ? t('transfer.consulting') : t('transfer.consult')}
              </button>
              <button type="button" className="button button--small button--primary" data-testid="transfer-to" disabled={transferring !== null} onClick={() => transfer(entry.extension, 'blind')}>
                {busyWith(entry.extension, 'blind') ? t('transfer.transferring') : t('transfer.transferTo')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="transfer__number" onSubmit={onNumberSubmit}>
        <label className="field">
          <span>{t('transfer.number')}</span>
          <input type="tel" inputMode="tel" data-testid="transfer-number" autoComplete="off" value={number} onChange={(event) => setNumber(cleanDialInput(event.target.value))} />
        </label>
        <button type="submit" className="button" data-mode="consult" data-testid="consult-number-go" disabled={!isDialable(number) || transferring !== null}>
          {t('transfer.consult')}
        </button>
        <button type="submit" className="button button--primary" data-mode="blind" data-testid="transfer-number-go" disabled={!isDialable(number) || transferring !== null}>
          {t('transfer.transferTo')}
        </button>
      </form>
    </section>
  );
}
