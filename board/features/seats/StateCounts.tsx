import { useTranslation } from 'react-i18next';
import type { SeatPresence } from '../../../src/contract';
import { COUNTED_STATES, stateCounts } from './seat-view';

/** How many agents are in each state (签入/示闲/振铃/通话/话后/示忙). */
export function StateCounts({ seats }: { seats: readonly SeatPresence[] }) {
  const { t } = useTranslation();
  const counts = stateCounts(seats);
  return (
    <ul className="counts" aria-label={t('board.title')}>
      {COUNTED_STATES.map((state) => (
        <li key={state} className={`count count-${state}`} data-testid={`count-${state}`}>
          <span className="count-label">{t(`counts.${state}`)}</span>
          <span className="count-value">{counts[state]}</span>
        </li>
      ))}
    </ul>
  );
}
