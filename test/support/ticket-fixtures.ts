import type { TicketPayload } from '../../src/contract/sync';
import type { Ticket, TicketPerson } from '../../src/contract/tickets';

export const SUPERVISOR: TicketPerson = { agentId: '9001', name: '李主管' };

export function aTicketPayload(overrides: Partial<TicketPayload> = {}): TicketPayload {
  return {
    callId: null,
    severity: 'normal',
    content: '客户投诉宽带多次断线，要求上门',
    customerName: '张三',
    customerContact: '138 1234 5678',
    callAt: null,
    remoteNumber: '',
    promisedReplyAt: null,
    ...overrides,
  };
}

/**
 * The server's state of a ticket (src/contract/tickets.ts), as the server half would send it:
 * `new` when raised, then one step per change, each at `updatedAt`.
 */
export function serverTicket(
  id: string,
  agentId: string,
  payload: TicketPayload,
  raisedAt: number,
  change: { status: Ticket['status']; updatedAt: number; reply?: string; replyAt?: number; assignee?: TicketPerson | null },
): Ticket {
  const raised = { kind: 'raised' as const, at: raisedAt, by: { agentId, name: '王小明' }, text: '', assignee: null };
  const history: Ticket['history'] = [raised];
  const assignee = change.assignee === undefined ? (change.status === 'new' ? null : SUPERVISOR) : change.assignee;
  if (assignee) history.push({ kind: 'assigned', at: change.updatedAt, by: SUPERVISOR, text: '', assignee });
  if (change.reply !== undefined) history.push({ kind: 'replied', at: change.replyAt ?? change.updatedAt, by: SUPERVISOR, text: change.reply, assignee: null });
  if (change.status === 'closed') history.push({ kind: 'closed', at: change.updatedAt, by: SUPERVISOR, text: '', assignee: null });
  return {
    ...payload,
    id,
    agentId,
    agentName: '王小明',
    raisedAt,
    receivedAt: raisedAt + 20,
    status: change.status,
    assignee,
    reply: change.reply === undefined ? null : { text: change.reply, by: SUPERVISOR, at: change.replyAt ?? change.updatedAt },
    updatedAt: change.updatedAt,
    history,
  };
}
