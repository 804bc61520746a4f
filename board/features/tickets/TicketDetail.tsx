import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../src/contract';
import { utcOffsetLabel, wallTimeLabel } from '../../../src/domain/local-time';
import type { BoardSession } from '../../state/board-store';
import { TicketActions } from './TicketActions';

/** A time in the center's zone, with the date when it is not today. */
function centerTime(at: number, now: number, offset: number): string {
  const { date, time } = wallTimeLabel(at, now, offset);
  return date === null ? time : `${date} ${time}`;
}

/**
 * One ticket in full: what the agent wrote, the customer (number masked by the server), the call's
 * time and the promised reply time in the center's zone, its whole history, and the actions.
 */
export function TicketDetail({ session, ticket, now }: { session: BoardSession; ticket: Ticket; now: number }) {
  const { t } = useTranslation();
  const offset = session.policy.shift.utcOffsetMinutes;
  const person = (who: { agentId: string; name: string }) => t('tickets.person', who);
  return (
    <article className={`ticket-detail ticket--${ticket.severity}`} data-testid="ticket-detail" data-ticket-id={ticket.id} data-status={ticket.status}>
      <header>
        <h3>
          <span className={`ticket-severity ticket-severity--${ticket.severity}`}>{t(`tickets.severity.${ticket.severity}`)}</span> {person({ agentId: ticket.agentId, name: ticket.agentName })}
        </h3>
        <span className={`ticket-status ticket-status--${ticket.status}`} data-testid="ticket-status">
          {t(`tickets.status.${ticket.status}`)}
        </span>
      </header>
      <p className="ticket-content" data-testid="ticket-content">
        {ticket.content}
      </p>
      <dl className="ticket-facts">
        <dt>{t('tickets.field.callAt')}</dt>
        <dd>{ticket.callAt === null ? t('tickets.noCall') : centerTime(ticket.callAt, now, offset)}</dd>
        <dt>{t('tickets.field.number')}</dt>
        <dd data-testid="ticket-number">{ticket.remoteNumber || '—'}</dd>
        <dt>{t('tickets.field.customer')}</dt>
        <dd>
          {ticket.customerName || '—'} · {ticket.customerContact || '—'}
        </dd>
        <dt>{t('tickets.field.promisedReplyAt', { zone: utcOffsetLabel(offset) })}</dt>
        <dd data-testid="ticket-promised" className={ticket.promisedReplyAt !== null && ticket.promisedReplyAt < now && ticket.status !== 'closed' ? 'overdue' : undefined}>
          {ticket.promisedReplyAt === null ? '—' : centerTime(ticket.promisedReplyAt, now, offset)}
        </dd>
        <dt>{t('tickets.field.assignee')}</dt>
        <dd data-testid="ticket-assignee-name">{ticket.assignee ? person(ticket.assignee) : '—'}</dd>
      </dl>
      <ol className="ticket-history" data-testid="ticket-history" aria-label={t('tickets.history')}>
        {ticket.history.map((event, index) => (
          <li key={index} data-kind={event.kind}>
            <time>{centerTime(event.at, now, offset)}</time> {t(`tickets.event.${event.kind}`, { by: person(event.by), to: event.assignee ? person(event.assignee) : '' })}
            {event.text && <q>{event.text}</q>}
          </li>
        ))}
      </ol>
      <TicketActions key={ticket.id} session={session} ticket={ticket} />
    </article>
  );
}
