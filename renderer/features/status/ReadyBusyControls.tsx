import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusyReason, DeskSnapshot } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { askOsNotificationPermission } from '../../shared/os-notification';
import { useDeskCommand } from '../../shared/use-desk-command';

/** States in which the agent may switch between ready and busy (not while a call needs them). */
const SWITCHABLE = new Set<DeskSnapshot['state']>(['ready', 'busy', 'wrapUp']);

export function ReadyBusyControls({ snapshot }: { snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const reasons = snapshot.policy?.busyReasons ?? [];
  const [reason, setReason] = useState<BusyReason | ''>('');
  // Until the agent picks one, offer the current busy reason (switching reason) or the first.
  const current = snapshot.busyReason && reasons.includes(snapshot.busyReason) ? snapshot.busyReason : reasons[0];
  const chosen = reason && reasons.includes(reason) ? reason : current;
  const switchable = SWITCHABLE.has(snapshot.state);

  return (
    <div className="ready-busy">
      <button type="button" className="button button--ready" data-testid="set-ready" disabled={!switchable || snapshot.state === 'ready'} onClick={() => void run(() => desk.setReady(null))}>
        {t('status.setReady')}
      </button>
      <label className="ready-busy__reason">
        <span className="visually-hidden">{t('busyReason.label')}</span>
        <select data-testid="busy-reason" value={chosen ?? ''} disabled={!switchable} onChange={(event) => setReason(event.target.value as BusyReason)}>
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
        data-testid="set-busy"
        disabled={!switchable || !chosen || (snapshot.state === 'busy' && snapshot.busyReason === chosen)}
        onClick={() => {
          if (!chosen) return;
          // Busy may run into its warning while the window is behind others: ask now, from the click.
          askOsNotificationPermission();
          void run(() => desk.setBusy({ reason: chosen }));
        }}
      >
        {t('status.setBusy')}
      </button>
    </div>
  );
}
