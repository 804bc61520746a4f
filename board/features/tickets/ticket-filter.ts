import type { Ticket, TicketSeverity, TicketStatus } from '../../../src/contract';

/** The queue's filter: one status, or `open` (every status but closed). */
export type TicketFilter = TicketStatus | 'open';
export const TICKET_FILTERS: readonly TicketFilter[] = ['open', 'new', 'assigned', 'answered', 'closed'];

const SEVERITY_RANK: Record<TicketSeverity, number> = { emergency: 0, urgent: 1, normal: 2 };

/** The queue as shown: the filter's tickets, emergencies first, then urgent, oldest raised first within each. */
export function ticketQueue(tickets: readonly Ticket[], filter: TicketFilter): Ticket[] {
  return tickets
    .filter((ticket) => (filter === 'open' ? ticket.status !== 'closed' : ticket.status === filter))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
}

export function openTicketCount(tickets: readonly Ticket[]): number {
  return tickets.filter((ticket) => ticket.status !== 'closed').length;
}
