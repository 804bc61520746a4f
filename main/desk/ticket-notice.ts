import type { DeskNotice } from '../../src/contract/desk';
import type { Ticket } from '../../src/contract/tickets';
import { firstLine } from './ticket-views';

/**
 * What the agent is told when the server's state of their ticket changes: a supervisor's new
 * reply (主管已回复疑难单) or the ticket's close. Assigning it is shown in the list, not announced.
 */
export function ticketChangeNotice(before: Ticket | null, after: Ticket): DeskNotice | null {
  const ticket = firstLine(after.content);
  const reply = after.reply;
  const newReply = reply !== null && (before?.reply?.at !== reply.at || before.reply.text !== reply.text);
  if (newReply) return { level: 'info', code: 'ticket-replied', params: { by: reply.by.name || reply.by.agentId, text: firstLine(reply.text), ticket } };
  if (after.status === 'closed' && before?.status !== 'closed') {
    const closedBy = after.history.findLast((event) => event.kind === 'closed')?.by;
    return { level: 'info', code: 'ticket-closed', params: { by: closedBy ? closedBy.name || closedBy.agentId : '', ticket } };
  }
  return null;
}
