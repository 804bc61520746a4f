import { useTranslation } from 'react-i18next';
import type { WrapUpSaved } from './WrapUpForm';

export function WrapUpResult({ result, onClose }: { result: WrapUpSaved; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <div className={`wrap-up-result card${result.offline ? ' wrap-up-result--offline' : ''}`} role="status" data-testid="wrap-up-result" data-result={result.offline ? 'saved-offline' : 'saved'} data-pending-sync={result.pendingSync}>
      <span className="wrap-up-result__check" aria-hidden="true">
        ✓
      </span>
      <span>{result.offline ? t('wrapUp.savedOffline', { count: result.pendingSync }) : t('wrapUp.saved')}</span>
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t('wrapUp.cancel')}
      </button>
    </div>
  );
}
