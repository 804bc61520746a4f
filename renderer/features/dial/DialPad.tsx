import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { Keypad } from '../keypad/Keypad';
import { cleanDialInput, isDialable } from './dial-string';
import type { Dialler } from './use-dial';

/** Calling a customer back (回访): type or key in the number, then call. */
export function DialPad({ dialler }: { dialler: Dialler }) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
  const [number, setNumber] = useState('');
  const dialable = isDialable(number);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dialable || dialler.dialling) return;
    if (await dialler.dial(number)) setNumber('');
  };

  return (
    <form className="dial card" data-testid="dial-pad" onSubmit={(event) => void onSubmit(event)} aria-labelledby="dial-title">
      <h2 id="dial-title">{t('dial.title')}</h2>
      <div className="dial__entry">
        <label className="field dial__field">
          <span className="visually-hidden">{t('dial.number')}</span>
          <input
            type="tel"
            inputMode="tel"
            className="dial__number"
            data-testid="dial-number"
            placeholder={t('dial.placeholder')}
            autoComplete="off"
            value={number}
            onChange={(event) => setNumber(cleanDialInput(event.target.value))}
          />
        </label>
        <button type="button" className="button button--quiet" data-testid="dial-backspace" aria-label={t('dial.backspace')} disabled={number === ''} onClick={() => setNumber((current) => current.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <p className="dial__preview muted" data-testid="dial-preview" aria-live="polite">
        {number ? grouped(number) : '\u00a0'}
      </p>
      <Keypad testIdPrefix="dial-key" label={t('dial.keypad')} onPress={(key) => setNumber((current) => cleanDialInput(current + key))} />
      <button type="submit" className="button button--answer button--wide" data-testid="dial-call" disabled={!dialable || dialler.dialling}>
        {dialler.dialling ? t('dial.dialling') : t('dial.call')}
      </button>
    </form>
  );
}
