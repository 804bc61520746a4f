import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { TicketRow } from './TicketRow';

/**
 * 我的疑难单: the agent's escalation tickets, open first, as main's snapshot has them, so a
 * supervisor's assignment, reply or close shows the moment the server pushes it.
 */
export function TicketsPanel({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const utcOffsetMinutes = snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes;
  return (
    <section className="tickets card" aria-labelledby="tickets-title" data-testid="tickets">
      <h2 id="tickets-title">{t('tickets.title')}</h2>
      {snapshot.tickets.length === 0 ? (
        <p className="muted" data-testid="tickets-empty">
          {t('tickets.empty')}
        </p>
      ) : (
        <ul className="tickets__list">
          {snapshot.tickets.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} now={now} utcOffsetMinutes={utcOffsetMinutes} />
          ))}
        </ul>
      )}
    </section>
  );
}
