import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../src/contract';
import { wallTimeLabel } from '../../../src/domain/local-time';

const label = ({ date, time }: { date: string | null; time: string }) => (date ? `${date} ${time}` : time);

/** One of the agent's tickets: severity, what it is about, where it stands, who is on it, the newest reply. */
export function TicketRow({ ticket, now, utcOffsetMinutes }: { ticket: TicketView; now: number; utcOffsetMinutes: number }) {
  const { t } = useTranslation();
  return (
    <li className={`tickets__row tickets__row--${ticket.status}`} data-testid="ticket" data-ticket-id={ticket.id} data-status={ticket.status} data-severity={ticket.severity}>
      <div className="tickets__head">
        <span className={`badge tickets__severity tickets__severity--${ticket.severity}`}>{t(`tickets.severity.${ticket.severity}`)}</span>
        <span className="tickets__status" data-testid="ticket-status">
          {t(`tickets.status.${ticket.status}`)}
        </span>
        <span className="muted tickets__when">{label(wallTimeLabel(ticket.raisedAt, now, utcOffsetMinutes))}</span>
      </div>
      <p className="tickets__content" data-testid="ticket-content">
        {ticket.content}
      </p>
      {ticket.assignee && (
        <p className="muted" data-testid="ticket-assignee">
          {t('tickets.assignee', { name: ticket.assignee.name || ticket.assignee.agentId })}
        </p>
      )}
      {ticket.reply && (
        <blockquote className="tickets__reply" data-testid="ticket-reply">
          <span className="muted">{t('tickets.replyBy', { name: ticket.reply.by.name || ticket.reply.by.agentId, at: label(wallTimeLabel(ticket.reply.at, now, utcOffsetMinutes)) })}</span>
          <span className="tickets__reply-text">{ticket.reply.text}</span>
        </blockquote>
      )}
    </li>
  );
}
