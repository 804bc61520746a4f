import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../state/desk-store';

/** Loud while the desk is unreachable: everything on screen may be stale until it returns. */
// Memoised: it takes no props, so App's renders pass it by; it follows the store itself.
export const ConnectionBanner = memo(function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useDeskStore((state) => state.connection);
  if (connection.status === 'connected') return null;
  const message = connection.otherWindowAttached
    ? t('connection.otherWindow')
    : connection.status === 'reconnecting'
      ? t('connection.lost')
      : t('connection.connecting');
  return (
    <div
      className={`connection-banner connection-banner--${connection.status}`}
      role="alert"
      data-testid="connection-banner"
      data-status={connection.status}
      data-reason={connection.otherWindowAttached ? 'other-window' : undefined}
    >
      <span className="connection-banner__spinner" aria-hidden="true" />
      <span>{message}</span>
      {connection.failedAttempts > 0 && <span className="connection-banner__attempts">{t('connection.attempts', { count: connection.failedAttempts })}</span>}
    </div>
  );
});
