import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import { formatDuration } from '../../shared/format-duration';
import { busyLevel } from './busy-level';

export function StateBadge({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const level = busyLevel(snapshot, now);
  return (
    <div className={`state-badge state-badge--${snapshot.state} state-badge--${level}`}>
      <span className="state-badge__label" data-testid="desk-state" data-state={snapshot.state}>
        {t(`state.${snapshot.state}`)}
      </span>
      {snapshot.state === 'busy' && snapshot.busyReason && (
        <span className="state-badge__reason" data-testid="busy-reason-shown">
          {t(`busyReason.${snapshot.busyReason}`)}
        </span>
      )}
      <span className="state-badge__timer" title={t('status.timeInState')} data-testid="time-in-state">
        {formatDuration(now - snapshot.stateSince)}
      </span>
      {level !== 'normal' && (
        <span className="state-badge__warning" role="status">
          {t(level === 'over' ? 'status.busyOver' : 'status.busyWarn')}
        </span>
      )}
    </div>
  );
}
