import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { shortcutButton } from '../shortcuts/shortcut-targets';

export type CallDrawer = 'keypad' | 'transfer' | null;

interface CallControlsProps {
  call: CallView;
  drawer: CallDrawer;
  onDrawer(drawer: CallDrawer): void;
}

/**
 * Hold, mute, the DTMF keypad and transfer (blind or consult). Hold and mute show main's state (`call.held`,
 * `call.muted`), never a guess: a button only says what the snapshot says.
 */
export function CallControls({ call, drawer, onDrawer }: CallControlsProps) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [pending, setPending] = useState<'hold' | 'mute' | null>(null);
  const talking = call.phase === 'talking';
  // During a consultation the consult bar steers hold (and a second transfer makes no sense).
  const consulting = call.consult !== null;
  const send = (which: 'hold' | 'mute', command: () => Promise<void>) => {
    setPending(which);
    void run(command).finally(() => setPending(null));
  };
  const toggleDrawer = (which: Exclude<CallDrawer, null>) => onDrawer(drawer === which ? null : which);

  return (
    <div className="call-controls" role="toolbar" aria-label={t('call.controls')}>
      <button
        type="button"
        className={`button call-controls__button${call.held ? ' call-controls__button--on' : ''}`}
        data-testid="hold"
        {...shortcutButton('hold')}
        aria-pressed={call.held}
        disabled={!talking || consulting || pending === 'hold'}
        onClick={() => send('hold', () => desk.hold({ callId: call.id, held: !call.held }))}
      >
        {call.held ? t('call.resume') : t('call.hold')} <ShortcutHint id="hold" />
      </button>
      <button
        type="button"
        className={`button call-controls__button${call.muted ? ' call-controls__button--on' : ''}`}
        data-testid="mute"
        {...shortcutButton('mute')}
        aria-pressed={call.muted}
        disabled={!talking || pending === 'mute'}
        onClick={() => send('mute', () => desk.mute({ callId: call.id, muted: !call.muted }))}
      >
        {call.muted ? t('call.unmute') : t('call.mute')} <ShortcutHint id="mute" />
      </button>
      <button type="button" className="button call-controls__button" data-testid="keypad" aria-expanded={drawer === 'keypad'} disabled={!talking} onClick={() => toggleDrawer('keypad')}>
        {t('call.keypad')}
      </button>
      <button
        type="button"
        className="button call-controls__button"
        data-testid="transfer-open"
        {...shortcutButton('transfer')}
        aria-expanded={drawer === 'transfer'}
        disabled={!talking || consulting}
        onClick={() => toggleDrawer('transfer')}
      >
        {t('call.transfer')} <ShortcutHint id="transfer" />
      </button>
    </div>
  );
}
