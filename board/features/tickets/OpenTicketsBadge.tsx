import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoardStore, type BoardSession } from '../../state/board-store';
import { openTicketCount } from './ticket-filter';
import { useOpenTickets } from './use-open-tickets';

/** The 疑难单 tab's count of open tickets; it also keeps them loaded while the tab is not shown. */
export function OpenTicketsBadge({ session }: { session: BoardSession }) {
  const { t } = useTranslation();
  const tickets = useBoardStore((state) => state.tickets);
  useOpenTickets(session, () => undefined);
  const open = useMemo(() => openTicketCount(Object.values(tickets)), [tickets]);
  if (open === 0) return null;
  return (
    <span className="ticket-badge" data-testid="open-tickets-badge" aria-label={t('tickets.openCount', { count: open })}>
      {open}
    </span>
  );
}
