import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposition, KeepPromise, PromiseView } from '../../../src/contract';
import type { PromiseUrgency } from '../../../src/domain/promise-reminders';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { noticeText } from '../../i18n/notice-text';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { useLanguage } from '../../shared/use-language';
import { KeepPromiseForm } from './KeepPromiseForm';
import { callbackNumbers, type CommandFailure } from './promise-list';

const label = ({ date, time }: { date: string | null; time: string }) => (date ? `${date} ${time}` : time);

interface PromiseRowProps {
  promise: PromiseView;
  /** null for a kept promise: nothing is due any more. */
  urgency: PromiseUrgency | null;
  now: number;
  utcOffsetMinutes: number;
  dispositions: Disposition[];
  /** The agent at this desk: a promise made by someone else says whose it was. */
  agentId: string | null;
  /** The desk can place a call now (ready or busy, no call, no dial under way). */
  canCallBack: boolean;
  /** Calls the customer back from the promise; resolves with the failure, or null once main placed the call. */
  onCallBack(promise: PromiseView, number: string): Promise<CommandFailure | null>;
  keep(command: KeepPromise): Promise<void>;
}

/**
 * One promise: when it is due (the center's clock, dated when not today), how near that is, in
 * words as well as colour, who and on which number, what it was about; and what the agent can do:
 * call back, or say it was kept. A promise in a handover nobody has accepted yet is read-only.
 */
export function PromiseRow({ promise, urgency, now, utcOffsetMinutes, dispositions, agentId, canCallBack, onCallBack, keep }: PromiseRowProps) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
  const language = useLanguage();
  const [keeping, setKeeping] = useState(false);
  const [failure, setFailure] = useState<CommandFailure | null>(null);
  const disposition = dispositions.find((known) => known.code === promise.disposition)?.label[language] ?? promise.disposition;
  const numbers = callbackNumbers(promise);
  const open = promise.status === 'open';
  const actionable = open && promise.handingOver === null;
  const receiver = promise.handingOver ? (promise.handingOver.to === 'nextShift' ? t('handover.nextShift') : promise.handingOver.to.name || promise.handingOver.to.agentId) : null;

  return (
    <li
      className={`promises__row promises__row--${open ? (urgency ?? 'later') : 'kept'}`}
      data-testid="promise"
      data-promise-id={promise.id}
      data-status={promise.status}
      data-urgency={open ? (urgency ?? 'later') : ''}
      data-handing-over={promise.handingOver ? promise.handingOver.handoverId : undefined}
    >
      <div className="promises__head">
        <span className="promises__due" data-testid="promise-due" data-due-at={promise.dueAt}>
          {t('promises.dueAt', { at: label(wallTimeLabel(promise.dueAt, now, utcOffsetMinutes)) })}
        </span>
        {open && urgency === 'overdue' && (
          <span className="badge badge--overdue" data-testid="promise-urgency" data-urgency="overdue">
            {t('promises.overdue')}
          </span>
        )}
        {open && urgency === 'soon' && (
          <span className="badge badge--soon" data-testid="promise-urgency" data-urgency="soon">
            {t('promises.soon')}
          </span>
        )}
        {promise.kept && (
          <span className="badge badge--kept" data-testid="promise-kept" data-kept-at={promise.kept.at}>
            {t('promises.keptAt', { at: label(wallTimeLabel(promise.kept.at, now, utcOffsetMinutes)) })}
          </span>
        )}
        {promise.pendingSync && (
          <span className="badge badge--wrapup-pending" data-testid="promise-pending-sync">
            {t('promises.pendingSync')}
          </span>
        )}
      </div>
      <div className="promises__party">
        <span className="promises__customer" data-testid="promise-customer">
          {promise.customerName || t('promises.noName')}
        </span>
        <span className="promises__number" data-testid="promise-number" data-number={promise.remoteNumber}>
          {grouped(promise.remoteNumber)}
        </span>
        {disposition && (
          <span className="promises__disposition" data-testid="promise-disposition" data-disposition={promise.disposition}>
            {disposition}
          </span>
        )}
      </div>
      {promise.summary && (
        <p className="promises__summary muted" data-testid="promise-summary">
          {promise.summary}
        </p>
      )}
      {(promise.callbacks > 0 || (agentId !== null && promise.madeBy.agentId !== agentId)) && (
        <p className="promises__meta muted">
          {promise.callbacks > 0 && <span data-testid="promise-callbacks">{t('promises.callbacks', { count: promise.callbacks })}</span>}
          {agentId !== null && promise.madeBy.agentId !== agentId && (
            <span data-testid="promise-made-by">{t('promises.madeBy', { name: promise.madeBy.name || promise.madeBy.agentId })}</span>
          )}
        </p>
      )}
      {promise.kept?.note && (
        <p className="promises__kept-note muted" data-testid="promise-kept-note">
          {promise.kept.note}
        </p>
      )}
      {open && receiver !== null && (
        <p className="promises__handing-over" data-testid="promise-handing-over">
          {t('promises.handingOver', { name: receiver })}
        </p>
      )}
      {actionable && !keeping && (
        <div className="promises__actions">
          {numbers.map((number, index) => (
            <button
              key={number}
              type="button"
              className="button button--small"
              data-testid="promise-callback"
              data-number={number}
              disabled={!canCallBack}
              title={t('promises.callBackTo', { number: grouped(number) })}
              onClick={() => {
                setFailure(null);
                void onCallBack(promise, number).then(setFailure);
              }}
            >
              {index === 0 ? t('promises.callBack') : t('promises.callBackContact', { number: grouped(number) })}
            </button>
          ))}
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="promise-keep"
            onClick={() => {
              setFailure(null);
              setKeeping(true);
            }}
          >
            {t('promises.keep')}
          </button>
        </div>
      )}
      {actionable && keeping && <KeepPromiseForm promiseId={promise.id} keep={keep} onDone={() => setKeeping(false)} onCancel={() => setKeeping(false)} />}
      {failure && (
        <p className="form-error" role="alert" data-testid="promise-error" data-code={failure.code}>
          {noticeText(t, failure.code, failure.params)}
        </p>
      )}
    </li>
  );
}
