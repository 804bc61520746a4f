import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusyReason, DeskSnapshot } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { askOsNotificationPermission } from '../../shared/os-notification';
import { useDeskCommand } from '../../shared/use-desk-command';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { shortcutButton, shortcutField } from '../shortcuts/shortcut-targets';

/** States in which the agent may switch between ready and busy (not while a call needs them). */
const SWITCHABLE = new Set<DeskSnapshot['state']>(['ready', 'busy', 'wrapUp']);

export function ReadyBusyControls({ snapshot }: { snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const reasons = snapshot.policy?.busyReasons ?? [];
  const [reason, setReason] = useState<BusyReason | ''>('');
  const busyButton = useRef<HTMLButtonElement>(null);
  // Until the agent picks one, offer the current busy reason (switching reason) or the first.
  const current = snapshot.busyReason && reasons.includes(snapshot.busyReason) ? snapshot.busyReason : reasons[0];
  const chosen = reason && reasons.includes(reason) ? reason : current;
  const switchable = SWITCHABLE.has(snapshot.state);

  return (
    <div className="ready-busy">
      <button
        type="button"
        className="button button--ready"
        data-testid="set-ready"
        {...shortcutButton('setReady')}
        disabled={!switchable || snapshot.state === 'ready'}
        onClick={() => void run(() => desk.setReady(null))}
      >
        {t('status.setReady')} <ShortcutHint id="setReady" />
      </button>
      <label className="ready-busy__reason">
        <span className="visually-hidden">{t('busyReason.label')}</span>
        {/* Keyboard: Alt+B comes here, the arrows choose, Enter (or Alt+B again) sets busy with it. */}
        <select
          data-testid="busy-reason"
          {...shortcutField('setBusy')}
          value={chosen ?? ''}
          disabled={!switchable}
          onChange={(event) => setReason(event.target.value as BusyReason)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
            event.preventDefault();
            busyButton.current?.click();
          }}
        >
          {reasons.map((option) => (
            <option key={option} value={option}>
              {t(`busyReason.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--busy"
        ref={busyButton}
        data-testid="set-busy"
        {...shortcutButton('setBusy')}
        disabled={!switchable || !chosen || (snapshot.state === 'busy' && snapshot.busyReason === chosen)}
        onClick={() => {
          if (!chosen) return;
          // Busy may run into its warning while the window is behind others: ask now, from the click.
          askOsNotificationPermission();
          void run(() => desk.setBusy({ reason: chosen }));
        }}
      >
        {t('status.setBusy')} <ShortcutHint id="setBusy" />
      </button>
    </div>
  );
}
