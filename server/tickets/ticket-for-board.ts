import type { Ticket } from '../../src/contract';
import { maskNumber } from '../seats/mask-number';

/**
 * A ticket as a board gets it: the customer's number masked, as everywhere on the board (DOMAIN.md
 * rule 8). Masked here, not in the board's UI, so the full number never reaches a board. The
 * contact the agent wrote down stays: it is what the supervisor calls back on.
 */
export function ticketForBoard(ticket: Ticket): Ticket {
  return { ...ticket, remoteNumber: maskNumber(ticket.remoteNumber) };
}
