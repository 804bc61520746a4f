import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { emptyHistoryForm, toHistoryQuery, type HistoryFormValues } from './history-form';
import { HistoryRow } from './HistoryRow';
import { HistorySearchForm } from './HistorySearchForm';
import { useHistorySearch } from './use-history-search';

interface HistoryPanelProps {
  snapshot: DeskSnapshot;
  now: number;
  onWrapUp(callId: string): void;
  onCallBack(number: string): void;
  canCallBack: boolean;
}

/**
 * The agent's call history (通话记录), searched: by number in any grouping, name, summary words,
 * date range, disposition, direction and survey rating, a page at a time, newest first. Calls
 * taken on another seat come from the server; without it, the panel says the page is this desk's
 * calls only. Without conditions it is the newest calls, kept live as calls end.
 */
export function HistoryPanel({ snapshot, now, onWrapUp, onCallBack, canCallBack }: HistoryPanelProps) {
  const { t } = useTranslation();
  const utcOffsetMinutes = (snapshot.policy ?? defaultPolicy).shift.utcOffsetMinutes;
  const [form, setForm] = useState<{ id: number; values: HistoryFormValues }>({ id: 0, values: emptyHistoryForm });
  const request = useMemo(() => ({ id: form.id, query: toHistoryQuery(form.values, utcOffsetMinutes) }), [form, utcOffsetMinutes]);
  // The newest calls and what became of them: when any changes, the page shown is read again.
  const changes = snapshot.recentCalls.map((call) => `${call.callId}:${call.wrapUp}:${call.surveyRating ?? ''}`).join('|');
  const search = useHistorySearch(request, changes);
  const calls = search.page?.calls ?? [];
  const searching = JSON.stringify(form.values) !== JSON.stringify(emptyHistoryForm);

  return (
    <section className="history card" aria-labelledby="history-title" data-testid="history" data-loading={search.loading} data-page={search.pageNumber}>
      <h2 id="history-title">{t('history.title')}</h2>
      <HistorySearchForm dispositions={snapshot.dispositions} onSearch={(values) => setForm((shown) => ({ id: shown.id + 1, values }))} />
      {search.failed && (
        <p className="form-error" role="alert" data-testid="history-failed">
          {t('history.failed')}
        </p>
      )}
      {search.page?.server === 'unavailable' && (
        <p className="history__note muted" data-testid="history-server-unavailable">
          {t('history.serverUnavailable')}
        </p>
      )}
      {search.page && calls.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {t(searching ? 'history.noMatch' : 'history.empty')}
        </p>
      ) : (
        <ul className="history__list" aria-busy={search.loading}>
          {calls.map((call) => (
            <HistoryRow
              key={call.callId}
              call={call}
              now={now}
              utcOffsetMinutes={utcOffsetMinutes}
              dispositions={snapshot.dispositions}
              onWrapUp={onWrapUp}
              onCallBack={onCallBack}
              canCallBack={canCallBack}
            />
          ))}
        </ul>
      )}
      {(search.pageNumber > 1 || search.page?.nextCursor) && (
        <nav className="history__pager" aria-label={t('history.pages')}>
          <button type="button" className="button button--small" data-testid="history-previous" disabled={search.pageNumber === 1} onClick={search.previous}>
            {t('history.previous')}
          </button>
          <span className="muted" data-testid="history-page" data-page={search.pageNumber}>
            {t('history.page', { page: search.pageNumber })}
          </span>
          <button type="button" className="button button--small" data-testid="history-next" disabled={!search.page?.nextCursor || search.loading} onClick={search.next}>
            {t('history.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
