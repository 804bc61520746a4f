import { useTranslation } from 'react-i18next';
import type { RecentCall } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { useLanguage } from '../../shared/use-language';
import { isDialable } from '../dial/dial-string';

const WRAP_UP_LABEL = { none: 'history.wrapUpNone', draft: 'history.wrapUpDraft', pending: 'history.wrapUpPending', synced: 'history.wrapUpSynced' } as const;

interface RecentCallsProps {
  calls: RecentCall[];
  onWrapUp(callId: string): void;
  /** Calls the number back (回访); `canCallBack` is false while a call or a dial is under way, or outside ready/busy. */
  onCallBack(number: string): void;
  canCallBack: boolean;
}

/** DOMAIN.md rule 4: the survey's verdict once the IVR reported it, else whether the customer went to it. */
function SurveyBadge({ call }: { call: RecentCall }) {
  const { t } = useTranslation();
  if (call.surveyRating !== null) {
    return (
      <span className={`badge badge--survey-${call.surveyRating}`} data-testid="survey-rating" data-rating={call.surveyRating}>
        {t(`history.survey.${call.surveyRating}`)}
      </span>
    );
  }
  if (call.survey === null) return null;
  return (
    <span className="badge" data-testid="survey-rating" data-rating="" title={call.survey === 'skipped' ? t('history.survey.skippedHint') : undefined}>
      {t(call.survey === 'transferred' ? 'history.survey.awaiting' : 'history.survey.skipped')}
    </span>
  );
}

export function RecentCalls({ calls, onWrapUp, onCallBack, canCallBack }: RecentCallsProps) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
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
                <span className="history__number">{grouped(call.remoteNumber)}</span>
                {call.remoteDisplayName && <span className="history__name muted">{call.remoteDisplayName}</span>}
              </span>
              <span className="history__duration">{call.answeredAt === null ? t('history.missed') : formatDuration(call.endedAt - call.answeredAt)}</span>
              <span className={`badge badge--wrapup-${call.wrapUp}`}>{t(WRAP_UP_LABEL[call.wrapUp])}</span>
              <SurveyBadge call={call} />
              {isDialable(call.remoteNumber) && (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="call-back"
                  data-number={call.remoteNumber}
                  disabled={!canCallBack}
                  title={t('history.callBackTo', { number: grouped(call.remoteNumber) })}
                  onClick={() => onCallBack(call.remoteNumber)}
                >
                  {t('history.callBack')}
                </button>
              )}
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
