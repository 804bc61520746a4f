import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDateOf, wallTimeLabel } from '../../../src/domain/local-time';
import { boardApi } from '../../api/board-api';
import { useLoaded } from '../../shared/use-loaded';
import { useServerNow } from '../../shared/use-now';
import { boardStore, useBoardStore, type BoardSession } from '../../state/board-store';
import { TicketDetail } from './TicketDetail';
import { ticketErrorText } from './ticket-error-text';
import { TICKET_FILTERS, ticketQueue, type TicketFilter } from './ticket-filter';

/**
 * The escalation tickets (疑难反馈单): the queue, filtered by status, emergencies first, live from
 * the board's socket; the open ones are loaded at start (OpenTicketsBadge), a day's closed ones on
 * asking. The selected ticket is shown in full, with its history and the actions.
 */
export function TicketsView({ session }: { session: BoardSession }) {
  const { t } = useTranslation();
  const tickets = useBoardStore((state) => state.tickets);
  const now = useServerNow();
  const offset = session.policy.shift.utcOffsetMinutes;
  const [filter, setFilter] = useState<TicketFilter>('open');
  const [date, setDate] = useState(() => localDateOf(now, offset));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Closed tickets are not loaded at start: the chosen day's come in when the filter asks for them.
  useLoaded(
    filter === 'closed' ? date : null,
    async (day) => boardStore.getState().ticketsChanged(await boardApi.ticketsOfDay(session.token, day)),
    (error) => setFailure(ticketErrorText(t, error)),
  );

  const all = useMemo(() => Object.values(tickets), [tickets]);
  const queue = useMemo(() => {
    const shown = ticketQueue(all, filter);
    return filter === 'closed' ? shown.filter((ticket) => localDateOf(ticket.receivedAt, offset) === date) : shown;
  }, [all, filter, date, offset]);
  const selected = selectedId === null ? undefined : tickets[selectedId];

  return (
    <section className="tickets" data-testid="tickets-view" aria-label={t('tickets.title')}>
      <div className="board-filters">
        <label>
          {t('tickets.filter')}
          <select data-testid="ticket-filter" value={filter} onChange={(event) => setFilter(event.target.value as TicketFilter)}>
            {TICKET_FILTERS.map((option) => (
              <option key={option} value={option}>
                {option === 'open' ? t('tickets.filterOpen') : t(`tickets.status.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {filter === 'closed' && (
          <label>
            {t('tickets.date')}
            <input type="date" data-testid="ticket-date" value={date} onChange={(event) => event.target.value && setDate(event.target.value)} />
          </label>
        )}
        {failure && (
          <span className="field-error" role="alert">
            {failure}
          </span>
        )}
      </div>
      <div className="tickets-body">
        <ul className="ticket-queue" data-testid="ticket-queue">
          {queue.length === 0 && <li className="muted">{t('tickets.empty')}</li>}
          {queue.map((ticket) => {
            const raised = wallTimeLabel(ticket.raisedAt, now, offset);
            return (
              <li key={ticket.id}>
                <button
                  type="button"
                  className={`ticket-row ticket--${ticket.severity}`}
                  data-testid="ticket-row"
                  data-ticket-id={ticket.id}
                  data-severity={ticket.severity}
                  aria-pressed={ticket.id === selectedId}
                  onClick={() => setSelectedId(ticket.id)}
                >
                  <span className={`ticket-severity ticket-severity--${ticket.severity}`}>{t(`tickets.severity.${ticket.severity}`)}</span>
                  <span>{t('tickets.person', { agentId: ticket.agentId, name: ticket.agentName })}</span>
                  <span className="muted">{raised.date === null ? raised.time : `${raised.date} ${raised.time}`}</span>
                  <span className={`ticket-status ticket-status--${ticket.status}`}>{t(`tickets.status.${ticket.status}`)}</span>
                  <span className="ticket-row__content">{ticket.content}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {selected ? <TicketDetail session={session} ticket={selected} now={now} /> : <p className="muted ticket-none">{t('tickets.choose')}</p>}
      </div>
    </section>
  );
}
