import { useTranslation } from 'react-i18next';
import type { Disposition, HistoryCall } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { useLanguage } from '../../shared/use-language';
import { isDialable } from '../dial/dial-string';
import { wallTimeLabel } from '../../../src/domain/local-time';

const WRAP_UP_LABEL = { none: 'history.wrapUpNone', draft: 'history.wrapUpDraft', pending: 'history.wrapUpPending', synced: 'history.wrapUpSynced' } as const;

interface HistoryRowProps {
  call: HistoryCall;
  now: number;
  utcOffsetMinutes: number;
  dispositions: Disposition[];
  onWrapUp(callId: string): void;
  /** Calls the number back (回访); `canCallBack` is false while a call or a dial is under way, or outside ready/busy. */
  onCallBack(number: string): void;
  canCallBack: boolean;
}

/** DOMAIN.md rule 4: the survey's verdict once the IVR reported it, else whether the customer went to it. */
function SurveyBadge({ call }: { call: HistoryCall }) {
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

/**
 * One call of the history: when (the center's time, with the date when not today), direction,
 * the number grouped as the agent reads numbers, who, how long, the ring it was answered on, the
 * wrap-up's disposition and summary, the survey; and what can be done with it here.
 */
export function HistoryRow({ call, now, utcOffsetMinutes, dispositions, onWrapUp, onCallBack, canCallBack }: HistoryRowProps) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
  const language = useLanguage();
  const when = wallTimeLabel(call.offeredAt, now, utcOffsetMinutes);
  const disposition = call.disposition === null ? null : (dispositions.find((known) => known.code === call.disposition)?.label[language] ?? call.disposition);
  const who = [call.customerName, call.remoteDisplayName].filter((name, index, names) => name !== '' && names.indexOf(name) === index).join(' · ');
  // Only this desk can finish a wrap-up: a call only the server has was taken on another seat.
  const here = call.source === 'desk';

  return (
    <li className="history__row" data-testid="recent-call" data-call-id={call.callId} data-wrapup={call.wrapUp} data-source={call.source}>
      <span className="history__time" data-testid="history-when" data-offered-at={call.offeredAt}>
        {when.date ? `${when.date} ${when.time}` : when.time}
      </span>
      <span className={`history__direction history__direction--${call.direction}`}>{t(`history.${call.direction}`)}</span>
      <span className="history__party">
        <span className="history__number" data-testid="history-call-number">
          {grouped(call.remoteNumber)}
        </span>
        {who && <span className="history__name muted">{who}</span>}
      </span>
      <span className="history__duration" data-testid="history-duration">
        {call.answeredAt === null ? t('history.missed') : formatDuration(call.endedAt - call.answeredAt)}
        {call.ringsAtAnswer !== null && call.answeredAt !== null && (
          <span className="history__rings" data-testid="history-rings" data-rings={call.ringsAtAnswer}>
            {t('history.rings', { ring: call.ringsAtAnswer })}
          </span>
        )}
      </span>
      {(disposition || call.summary) && (
        <span className="history__wrap-up" data-testid="history-wrap-up">
          {disposition && (
            <span className="history__disposition" data-testid="history-disposition-label" data-disposition={call.disposition}>
              {disposition}
            </span>
          )}
          {call.summary && <span className="history__summary muted">{call.summary}</span>}
        </span>
      )}
      <span className="history__badges">
        <span className={`badge badge--wrapup-${call.wrapUp}`}>{t(WRAP_UP_LABEL[call.wrapUp])}</span>
        <SurveyBadge call={call} />
        {!here && <span className="badge badge--server" data-testid="history-from-server">{t('history.fromServer')}</span>}
      </span>
      <span className="history__actions">
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
        {here && call.wrapUp === 'none' && (
          <button type="button" className="button button--small" data-testid="recent-call-wrap-up" onClick={() => onWrapUp(call.callId)}>
            {t('history.fillWrapUp')}
          </button>
        )}
        {/* A form cut short by the wrap-up limit (or a reload, a restart): its draft is in main. */}
        {here && call.wrapUp === 'draft' && (
          <button type="button" className="button button--small button--primary" data-testid="finish-wrap-up" onClick={() => onWrapUp(call.callId)}>
            {t('history.finishWrapUp')}
          </button>
        )}
      </span>
    </li>
  );
}
