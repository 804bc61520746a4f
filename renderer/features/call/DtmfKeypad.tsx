import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { Keypad } from '../keypad/Keypad';
import type { KeypadKey } from '../keypad/keypad-keys';
import { useKeypadKeyboard } from '../keypad/use-keypad-keyboard';

interface DtmfKeypadProps {
  callId: string;
  /** The tones sent so far in this call (kept by the call panel, so closing the keypad keeps them). */
  sent: string;
  onSent(tone: KeypadKey): void;
}

/**
 * DTMF for IVR menus on the other side ("press 1 for…"). Each key is one `sendDtmf`; presses go
 * out one after another so the tones arrive in the order pressed, and a tone shows as sent only
 * once main took it. The keyboard's digits work too while the keypad is open.
 */
export function DtmfKeypad({ callId, sent, onSent }: DtmfKeypadProps) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const press = useCallback(
    (tone: KeypadKey) => {
      queue.current = queue.current.then(async () => {
        const done = await run(async () => {
          await desk.sendDtmf({ callId, tones: tone });
          return true;
        });
        if (done) onSent(tone);
      });
    },
    [callId, desk, onSent, run],
  );
  useKeypadKeyboard(true, press);

  return (
    <div className="dtmf" data-testid="dtmf-pad">
      <div className="dtmf__sent" aria-live="polite">
        <span className="muted">{t('call.dtmfSent')}</span>{' '}
        <span className="dtmf__tones" data-testid="dtmf-sent" data-tones={sent}>
          {sent || '—'}
        </span>
      </div>
      <Keypad testIdPrefix="dtmf" label={t('call.keypad')} onPress={press} />
    </div>
  );
}
