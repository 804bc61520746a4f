import * as z from 'zod';
import { agentIdSchema, ticketPayloadSchema } from './sync';

/**
 * Escalation tickets (疑难反馈单, DOMAIN.md rule 3): a difficult call or complaint goes to the
 * supervisors with the call's time, content, customer contact and the promised reply time; an
 * emergency (紧急、重大事件, seed 000 第二十四条) at once, during the call.
 *
 * The desk raises one as a `ticket` sync record (src/contract/sync.ts `ticketPayloadSchema`):
 * saved on the desk first, delivered once by the outbox; the record's id is the ticket's id.
 * From then on the server holds its state, and every change is recorded with who and when.
 *
 *   new ──assign──▶ assigned ──reply──▶ answered ──close──▶ closed
 *    │                 │                   │  ▲
 *    └──reply──────────┴───────────────────┘  └─ reply again (a follow-up) stays answered
 *   (a supervisor may close a ticket in any state but closed; a closed ticket changes no more)
 *
 *   GET  /v1/agents/:agentId/tickets?since=ms  (desk: own; supervisors: any) -> { tickets }:
 *        raised or changed at or after `since` (server clock, `updatedAt`), oldest change first
 *   GET  /v1/board/tickets?view=open|day&date=YYYY-MM-DD  (board) -> { tickets }: every ticket not
 *        closed (any day), or every ticket raised on the center's date
 *   POST /v1/board/tickets/:id/assign  TicketAssignRequest (board) -> { ticket }
 *   POST /v1/board/tickets/:id/reply   TicketReplyRequest  (board) -> { ticket }
 *   POST /v1/board/tickets/:id/close   TicketCloseRequest  (board) -> { ticket }
 *
 * Every change is pushed at once, on every server instance: `{ topic: 'ticket', ticket }` on the
 * agent's `/v1/live` and on every board's socket. An emergency is also an alert (kind `emergency`,
 * its id the ticket's), so the board chimes and keeps it until acknowledged.
 */

export const ticketSeveritySchema = z.enum(['normal', 'urgent', 'emergency']);
export type TicketSeverity = z.infer<typeof ticketSeveritySchema>;

export const ticketStatusSchema = z.enum(['new', 'assigned', 'answered', 'closed']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

const epochMs = z.number().int().nonnegative();
const person = z.object({ agentId: agentIdSchema, name: z.string().max(64) });
export type TicketPerson = z.infer<typeof person>;

/**
 * One step of a ticket's history. `text`: the reply, the closing note, the giver's note of a
 * handover, or '' (raised, assigned). `handedOver`: a shift handover of it was accepted; `by` is
 * the receiver (the new owner), `assignee` null.
 */
export const ticketEventSchema = z.object({
  kind: z.enum(['raised', 'assigned', 'replied', 'closed', 'handedOver']),
  /** Server clock, except `raised`: the desk's clock when the agent raised it. */
  at: epochMs,
  by: person,
  text: z.string().max(2_000),
  /** For `assigned`: to whom. */
  assignee: person.nullable(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const ticketSchema = ticketPayloadSchema.extend({
  id: z.uuid(),
  agentId: agentIdSchema,
  agentName: z.string().max(64),
  /**
   * Who owns it now: the agent who raised it until a shift handover of it is accepted
   * (src/contract/handovers.ts). Absent from older servers: the agent who raised it.
   */
  owner: person.optional(),
  /** The desk's clock when the agent raised it. */
  raisedAt: epochMs,
  /** When the server stored it (server clock). */
  receivedAt: epochMs,
  status: ticketStatusSchema,
  assignee: person.nullable(),
  /** The newest reply, if any (the whole thread is in `history`). */
  reply: z.object({ text: z.string().max(2_000), by: person, at: epochMs }).nullable(),
  /** The last change (server clock): what `since` compares with. */
  updatedAt: epochMs,
  /** Every step, oldest first; the first is `raised`. */
  history: z.array(ticketEventSchema).min(1),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** The 工号 of the ticket's owner: the desk that follows it. */
export function ticketOwnerId(ticket: Pick<Ticket, 'agentId' | 'owner'>): string {
  return ticket.owner?.agentId ?? ticket.agentId;
}

export const ticketListSchema = z.object({ tickets: z.array(ticketSchema) });
export const ticketResponseSchema = z.object({ ticket: ticketSchema });

/** Assign to a supervisor (one's self, or another supervisor's 工号). */
export const ticketAssignRequestSchema = z.object({ assignee: agentIdSchema });
export const ticketReplyRequestSchema = z.object({ text: z.string().trim().min(1).max(2_000) });
export const ticketCloseRequestSchema = z.object({ note: z.string().trim().max(2_000).default('') });
export type TicketAssignRequest = z.infer<typeof ticketAssignRequestSchema>;
export type TicketReplyRequest = z.infer<typeof ticketReplyRequestSchema>;
export type TicketCloseRequest = z.infer<typeof ticketCloseRequestSchema>;
