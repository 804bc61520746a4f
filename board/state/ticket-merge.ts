import type { Ticket } from '../../src/contract';

/**
 * Whether `incoming` is at least as new as `current`: a POST's answer, a pushed change and a
 * GET can arrive in any order, and an older copy must never replace a newer one. The server's
 * `updatedAt` never goes back; two changes within one millisecond are told apart by the history.
 */
export function isNewerTicket(incoming: Ticket, current: Ticket | undefined): boolean {
  if (!current) return true;
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt;
  return incoming.history.length >= current.history.length;
}

/** `tickets` with each of `incoming` that is newer than the copy held. */
export function mergeTickets(tickets: Readonly<Record<string, Ticket>>, incoming: readonly Ticket[]): Record<string, Ticket> {
  let merged: Record<string, Ticket> | null = null;
  for (const ticket of incoming) {
    if (!isNewerTicket(ticket, (merged ?? tickets)[ticket.id])) continue;
    merged ??= { ...tickets };
    merged[ticket.id] = ticket;
  }
  return merged ?? (tickets as Record<string, Ticket>);
}
