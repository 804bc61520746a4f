import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusyView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { showOsNotification } from '../../shared/os-notification';
import { busyAlertFor, type SeenBusyLevel } from './busy-alert';
import { formatClock } from './busy-display';

/** Chimes and raises an OS notification when main moves a busy period to warning or over the limit. */
export function useBusyAlerts(busy: BusyView | null): void {
  const { t } = useTranslation();
  const { sounds } = useDeskServices();
  const seen = useRef<SeenBusyLevel | null>(null);
  const since = busy?.since ?? null;
  const level = busy?.level ?? null;
  const limitAt = busy?.limitAt ?? 0;

  useEffect(() => {
    if (since === null || level === null) {
      seen.current = null;
      return;
    }
    const alert = busyAlertFor(seen.current, { since, level });
    seen.current = { since, level };
    if (!alert) return;
    sounds.busyChime.play(alert);
    const limit = formatClock(limitAt - since);
    showOsNotification(t(`busy.notify.${alert}.title`), t(`busy.notify.${alert}.body`, { limit }), `seatdesk-busy-${since}`);
  }, [since, level, limitAt, sounds, t]);
}
