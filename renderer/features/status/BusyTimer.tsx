import { useTranslation } from 'react-i18next';
import type { BusyView } from '../../../src/contract';
import { localClockOf } from '../../../src/domain/local-time';
import { busyDisplay } from './busy-display';
import { useBusyAlerts } from './use-busy-alerts';

/**
 * The busy clock of DOMAIN.md rule 2, always on screen while busy: the reason, elapsed time and
 * the allowance; amber from main's warning, red over the limit with whether the supervisor has it.
 */
export function BusyTimer({ busy, now, utcOffsetMinutes }: { busy: BusyView; now: number; utcOffsetMinutes: number }) {
  const { t } = useTranslation();
  useBusyAlerts(busy);
  const display = busyDisplay(busy, now);

  return (
    <div className={`busy-timer busy-timer--${busy.level}`} data-testid="busy-timer" data-level={busy.level}>
      <span className="busy-timer__reason" data-testid="busy-reason-shown">
        {t(`busyReason.${busy.reason}`)}
      </span>
      <span className="busy-timer__clock">
        <span className="busy-timer__elapsed" data-testid="busy-elapsed">
          {display.elapsed}
        </span>
        <span className="busy-timer__limit">{t('busy.limit', { limit: display.limit })}</span>
      </span>
      {busy.approvedBy && (
        <span className="busy-timer__approved" data-testid="busy-approved">
          {t('busy.approved', { by: busy.approvedBy.agentId, until: localClockOf(busy.approvedBy.until, utcOffsetMinutes) })}
          {busy.approvedBy.note && `（${busy.approvedBy.note}）`}
        </span>
      )}
      {busy.level === 'warning' && display.left && (
        <span className="busy-timer__message" role="status">
          {t('busy.warning', { left: display.left })}
        </span>
      )}
      {busy.level === 'overLimit' && (
        <span className="busy-timer__message" role="alert">
          {t('busy.overLimit', { over: display.over ?? '00:00' })}{' '}
          <span className="busy-timer__supervisor" data-testid="supervisor-notified" data-status={busy.supervisorNotified}>
            {t(`busy.supervisor.${busy.supervisorNotified}`, busy.acknowledgedBy ? { by: busy.acknowledgedBy.agentId, time: localClockOf(busy.acknowledgedBy.at, utcOffsetMinutes) } : {})}
          </span>
        </span>
      )}
    </div>
  );
}
