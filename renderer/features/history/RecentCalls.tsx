import { useTranslation } from 'react-i18next';
import type { RecentCall } from '../../../src/contract';
import { formatDuration } from '../../shared/format-duration';
import { useLanguage } from '../../shared/use-language';
import { groupNumber } from '../ringing/group-number';

const WRAP_UP_LABEL = { none: 'history.wrapUpNone', draft: 'history.wrapUpDraft', pending: 'history.wrapUpPending', synced: 'history.wrapUpSynced' } as const;

export function RecentCalls({ calls, onWrapUp }: { calls: RecentCall[]; onWrapUp(callId: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

  return (
    <section className="history card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {calls.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ul className="history__list">
          {calls.map((call) => (
            <li key={call.callId} className="history__row" data-testid="recent-call" data-call-id={call.callId} data-wrapup={call.wrapUp}>
              <span className="history__time">{timeFormat.format(call.offeredAt)}</span>
              <span className={`history__direction history__direction--${call.direction}`}>{t(`history.${call.direction}`)}</span>
              <span className="history__party">
                <span className="history__number">{groupNumber(call.remoteNumber)}</span>
                {call.remoteDisplayName && <span className="history__name muted">{call.remoteDisplayName}</span>}
              </span>
              <span className="history__duration">{call.answeredAt === null ? t('history.missed') : formatDuration(call.endedAt - call.answeredAt)}</span>
              <span className={`badge badge--wrapup-${call.wrapUp}`}>{t(WRAP_UP_LABEL[call.wrapUp])}</span>
              {call.wrapUp === 'none' && (
                <button type="button" className="button button--small" data-testid="recent-call-wrap-up" onClick={() => onWrapUp(call.callId)}>
                  {t('history.fillWrapUp')}
                </button>
              )}
              {/* A form cut short by the wrap-up limit (or a reload, a restart): its draft is in main. */}
              {call.wrapUp === 'draft' && (
                <button type="button" className="button button--small button--primary" data-testid="finish-wrap-up" onClick={() => onWrapUp(call.callId)}>
                  {t('history.finishWrapUp')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
