import type { TicketView } from '../../src/contract/desk';
import type { StoredTicket } from '../store/tickets-repo';

/** A list row shows one line of the content: enough to recognise the ticket. */
const CONTENT_LINE_CHARS = 120;

/** The agent's tickets as the desk shows them (DeskSnapshot.tickets). */
export function ticketViews(tickets: readonly StoredTicket[]): TicketView[] {
  return tickets.map(ticketView);
}

function ticketView({ id, payload, raisedAt, server }: StoredTicket): TicketView {
  return {
    id,
    callId: payload.callId,
    severity: payload.severity,
    content: firstLine(payload.content),
    status: server?.status ?? 'pending',
    assignee: server?.assignee ?? null,
    reply: server?.reply ?? null,
    raisedAt,
    updatedAt: server?.updatedAt ?? null,
  };
}

/** The first non-empty line, cut to a row's length; cut by code points so no emoji is split in half. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length <= CONTENT_LINE_CHARS ? line : `${chars.slice(0, CONTENT_LINE_CHARS - 1).join('')}…`;
}
