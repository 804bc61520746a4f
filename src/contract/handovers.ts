import * as z from 'zod';
import { agentIdSchema } from './sync';
import { promiseSchema } from './promises';
import { ticketSchema } from './tickets';

/**
 * Shift handover (交接班, DOMAIN.md rule 7: "交得清，接得明"). Before logging out, the agent hands
 * their open promises (src/contract/promises.ts) and tickets (src/contract/tickets.ts) to a named
 * colleague or to the next shift, each with a note. The desk saves the handover as a `handover`
 * record (src/contract/sync.ts): committed with its outbox row before the reply, delivered once,
 * so a handover written offline reaches the server when the desk does. The record's id is the
 * handover's id.
 *
 *   pending ──accept (the named colleague; for the next shift: anyone but the giver)──▶ accepted
 *
 * Accepting asks the server itself (it decides who was first, and ownership changes there): in one
 * transaction every item still open (a promise not kept, a ticket not closed) gets the receiver as
 * its owner; items already finished stay as they are. The giver owns the items until then.
 *
 *   GET  /v1/agents/:agentId/handovers?since=ms  (the agent, or a supervisor) -> { handovers }:
 *        handovers the agent gave, handovers to the agent, and pending ones to the next shift (from
 *        anyone else), changed at or after `since` (server clock), oldest change first
 *   POST /v1/handovers/:id/accept  {}            (desk) -> HandoverAcceptResponse
 *        404 `unknown-handover`; 403 `not-addressee` (to someone else, or one's own);
 *        409 `handover-accepted` (someone accepted it first: `error.acceptedBy`)
 *   GET  /v1/board/handovers?view=pending|day&date=YYYY-MM-DD  (board) -> { handovers }: every one
 *        not accepted yet (any day), or every one given on the center's date; numbers masked
 *
 * Every change is pushed at once on every instance: `{ topic: 'handover', handover }` on the
 * /v1/live of the giver and of the named receiver (to every desk for the next shift) and, masked,
 * on every board. The items that changed owner are pushed as `promise` and `ticket` frames.
 */

const epochMs = z.number().int().nonnegative();
const person = z.object({ agentId: agentIdSchema, name: z.string().max(64) });

export const handoverStatusSchema = z.enum(['pending', 'accepted']);
export type HandoverStatus = z.infer<typeof handoverStatusSchema>;

/** One item as the server describes it to the receiver (and, masked, to the board). */
export const handoverItemSchema = z.object({
  kind: z.enum(['promise', 'ticket']),
  id: z.uuid(),
  /** The giver's note on this item. */
  note: z.string().max(1_000),
  /** One line to recognise it by: the promise's customer and summary, or the ticket's content. */
  title: z.string().max(200),
  /** The promise's reply time; the ticket's promised reply time, if any. */
  dueAt: epochMs.nullable(),
  /** The customer's number (masked on the board). */
  remoteNumber: z.string().max(64),
  /** Whether it is still open now (not kept, not closed): only open items change owner. */
  open: z.boolean(),
});
export type HandoverItem = z.infer<typeof handoverItemSchema>;

export const handoverSchema = z.object({
  id: z.uuid(),
  from: person,
  to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('agent'), agent: person }), z.object({ kind: z.literal('nextShift') })]),
  note: z.string().max(2_000),
  items: z.array(handoverItemSchema).min(1).max(200),
  /** The desk's clock when the agent handed it over. */
  handedAt: epochMs,
  /** When the server stored it (server clock). */
  receivedAt: epochMs,
  status: handoverStatusSchema,
  accepted: z.object({ by: person, at: epochMs }).nullable(),
  /** The last change (server clock): what `since` compares with. */
  updatedAt: epochMs,
});
export type Handover = z.infer<typeof handoverSchema>;

export const handoverListSchema = z.object({ handovers: z.array(handoverSchema) });

/** The accepted handover and the items the receiver now owns, in their new state. */
export const handoverAcceptResponseSchema = z.object({
  handover: handoverSchema,
  promises: z.array(promiseSchema),
  tickets: z.array(ticketSchema),
});
export type HandoverAcceptResponse = z.infer<typeof handoverAcceptResponseSchema>;
