import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDateOf, utcOffsetLabel } from '../../../src/domain/local-time';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { useLoaded } from '../../shared/use-loaded';
import { useServerNow } from '../../shared/use-now';
import { useBoardStore, type BoardSession } from '../../state/board-store';
import { AcceptedHandoverList, PendingHandoverList } from './HandoverLists';
import { PromiseAgentTable } from './PromiseAgentTable';
import { loadHandoversOfDay, loadOpenPromises, loadPendingHandovers } from './promise-loads';
import { acceptedHandoversOn, openPromises, pendingHandovers, promisesByAgent } from './promise-view';
import { useLiveLoad } from './use-live-load';

/**
 * First-contact promises (首问责任制) per agent, overdue ones first, and shift handovers (交接班)
 * nobody has accepted yet, plus a day's accepted ones. Loaded when the tab opens and after every
 * reconnect; the socket's `promise` and `handover` frames keep it live; overdue is judged on the
 * server's clock, every second.
 */
export function PromisesView({ session }: { session: BoardSession }) {
  const { t, i18n } = useTranslation();
  const promises = useBoardStore((state) => state.promises);
  const handovers = useBoardStore((state) => state.handovers);
  const now = useServerNow();
  const offset = session.policy.shift.utcOffsetMinutes;
  const lead = session.policy.promiseRemindBeforeMs;
  const [date, setDate] = useState(() => localDateOf(now, offset));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const onError = (error: unknown) => setFailure(errorText(t, error));

  useLiveLoad(session.token, async (token) => {
    await Promise.all([loadOpenPromises(token), loadPendingHandovers(token)]);
    setFailure(null);
  }, onError);
  useLiveLoad(date, (day) => loadHandoversOfDay(session.token, day), onError);
  // The disposition names (the wrap-up's 业务类别) come with the phrase book; without it the code shows.
  const book = useLoaded(session.token, (token) => boardApi.phrases(token), () => undefined);
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const dispositionLabel = (code: string) => book?.dispositions.find((disposition) => disposition.code === code)?.label[language] ?? code;

  const open = useMemo(() => openPromises(promises), [promises]);
  // Re-grouped every tick: a promise turns overdue at its reply time without any frame saying so.
  const groups = useMemo(() => promisesByAgent(open, lead, now), [open, lead, now]);
  const pending = useMemo(() => pendingHandovers(handovers), [handovers]);
  const accepted = useMemo(() => acceptedHandoversOn(handovers, date, offset), [handovers, date, offset]);
  const overdue = groups.reduce((sum, group) => sum + group.overdueCount, 0);

  const toggle = (agentId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(agentId)) next.add(agentId);
      return next;
    });

  return (
    <div className="promises-view" data-testid="promises-view">
      {failure && <p role="alert">{failure}</p>}
      <section className="report-card" aria-labelledby="promises-title">
        <header className="alerts-head">
          <h2 id="promises-title">{t('promises.title')}</h2>
          <span className={overdue > 0 ? 'alerts-open alerts-open--some' : 'alerts-open'} data-testid="promises-summary">
            {t('promises.summary', { open: open.length, overdue })}
          </span>
        </header>
        <PromiseAgentTable groups={groups} expanded={expanded} onToggle={toggle} now={now} utcOffsetMinutes={offset} dispositionLabel={dispositionLabel} />
      </section>
      <section className="report-card" aria-labelledby="handovers-pending-title">
        <header className="alerts-head">
          <h2 id="handovers-pending-title">{t('handovers.pendingTitle')}</h2>
          <span className={pending.length > 0 ? 'alerts-open alerts-open--some' : 'alerts-open'} data-testid="handovers-pending-count">
            {t('handovers.pendingCount', { count: pending.length })}
          </span>
        </header>
        <PendingHandoverList handovers={pending} now={now} utcOffsetMinutes={offset} />
      </section>
      <section className="report-card" aria-labelledby="handovers-accepted-title">
        <header className="alerts-head">
          <h2 id="handovers-accepted-title">{t('handovers.acceptedTitle')}</h2>
          <label>
            {t('handovers.date', { zone: utcOffsetLabel(offset) })}{' '}
            <input type="date" data-testid="handover-date" value={date} onChange={(event) => event.target.value && setDate(event.target.value)} />
          </label>
        </header>
        <AcceptedHandoverList handovers={accepted} now={now} utcOffsetMinutes={offset} />
      </section>
    </div>
  );
}
