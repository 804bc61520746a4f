import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { BusyTimer } from './BusyTimer';

/** The state in large type; while busy, the busy clock (with its reason) takes the plain timer's place. */
export function StateBadge({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const { busy } = snapshot;
  return (
    <div className={`state-badge state-badge--${snapshot.state}${busy ? ` state-badge--busy-${busy.level}` : ''}`}>
      <span className="state-badge__label" data-testid="desk-state" data-state={snapshot.state}>
        {t(`state.${snapshot.state}`)}
      </span>
      {busy ? (
        <BusyTimer busy={busy} now={now} utcOffsetMinutes={snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes} />
      ) : (
        <span className="state-badge__timer" title={t('status.timeInState')} data-testid="time-in-state">
          {formatDuration(now - snapshot.stateSince)}
        </span>
      )}
    </div>
  );
}
