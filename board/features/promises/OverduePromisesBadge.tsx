import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../shared/use-now';
import { useBoardStore, type BoardSession } from '../../state/board-store';
import { loadOpenPromises } from './promise-loads';
import { openPromises, overduePromiseCount } from './promise-view';
import { useLiveLoad } from './use-live-load';

/** The 承诺与交接 tab's count of overdue promises, kept by the server's clock; it also keeps the open promises loaded while the tab is not shown. */
export function OverduePromisesBadge({ session }: { session: BoardSession }) {
  const { t } = useTranslation();
  const promises = useBoardStore((state) => state.promises);
  const now = useServerNow();
  useLiveLoad(session.token, loadOpenPromises, () => undefined);
  const open = useMemo(() => openPromises(promises), [promises]);
  const overdue = overduePromiseCount(open, session.policy.promiseRemindBeforeMs, now);
  if (overdue === 0) return null;
  return (
    <span className="ticket-badge" data-testid="overdue-promises-badge" data-count={overdue} aria-label={t('promises.overdueCount', { count: overdue })}>
      {overdue}
    </span>
  );
}
