import * as z from 'zod';
import { agentIdSchema } from './sync';

/**
 * First-contact promises (首问责任制, DOMAIN.md rule 3; seed 000 第二十条): the agent who took a call
 * owns what was promised on it. A saved wrap-up that is not resolved and has a promised reply time
 * (约定回复时间) *is* a promise: its id is the wrap-up record's id, on the desk and on the server,
 * so no second record makes it. What happens to it afterwards travels as `promiseStep` records
 * (src/contract/sync.ts) from the owner's desk, saved there first, delivered once:
 *
 *   wrap-up saved (resolved: false, promisedReplyAt) ──▶ open ──kept (a note)──▶ kept (final)
 *                                                        │  ▲
 *                                  calledBack (the owner │  │ accepted by the receiver of a
 *                                  dialled the customer  │  │ handover (src/contract/handovers.ts):
 *                                  from it: call linked) └──┘ the receiver owns it from then on
 *
 * The server is the authority on who owns a promise (a handover is accepted there); the owner's
 * desk is the authority on keeping it. A step from a desk that no longer owns the promise is kept
 * in the promise's history as `ignored` and changes nothing.
 *
 *   GET /v1/agents/:agentId/promises?since=ms  (the agent, or a supervisor) -> { promises }: the
 *       promises the agent owns or owned, changed at or after `since` (server clock, `updatedAt`),
 *       oldest change first. A promise the agent owned and handed over comes with its new owner.
 *   GET /v1/board/promises                     (board) -> { promises }: every open promise, numbers masked
 *
 * Every change is pushed at once on every server instance: `{ topic: 'promise', promise }` on the
 * /v1/live of its owner (and of its previous owner, when it changed hands) and, masked, on every board.
 */

const epochMs = z.number().int().nonnegative();
const person = z.object({ agentId: agentIdSchema, name: z.string().max(64) });
export type PromisePerson = z.infer<typeof person>;

export const promiseStatusSchema = z.enum(['open', 'kept']);
export type PromiseStatus = z.infer<typeof promiseStatusSchema>;

/** What the owner's desk reports of a promise (the `promiseStep` record's payload). */
export const promiseStepKindSchema = z.enum(['calledBack', 'kept']);
export type PromiseStepKind = z.infer<typeof promiseStepKindSchema>;

/** One step of a promise's history, oldest first; the first is `made`. */
export const promiseEventSchema = z.object({
  kind: z.enum(['made', 'calledBack', 'kept', 'handedOver', 'accepted', 'ignored']),
  /** The desk's clock for what a desk did (made, calledBack, kept, handedOver); the server's for `accepted`. */
  at: epochMs,
  by: person,
  /** The note of `kept`, `handedOver` or `ignored` (why); '' otherwise. */
  text: z.string().max(2_000),
  /** For `calledBack`: the call placed. */
  callId: z.uuid().nullable(),
});
export type PromiseEvent = z.infer<typeof promiseEventSchema>;

export const promiseSchema = z.object({
  /** The wrap-up record's id. */
  id: z.uuid(),
  callId: z.uuid(),
  /** Who took the call and made the promise. */
  madeBy: person,
  /** Who owns it now (madeBy, until a handover of it is accepted). */
  owner: person,
  /** The promised reply time (约定回复时间). */
  dueAt: epochMs,
  /** The desk's clock when the wrap-up was saved. */
  madeAt: epochMs,
  disposition: z.string().max(32),
  /** The wrap-up summary, cut to its first 2,000 characters (the whole one is in the history). */
  summary: z.string().max(2_000),
  customerName: z.string().max(128),
  customerContact: z.string().max(128),
  /** The number that called (or was called); masked on the board. */
  remoteNumber: z.string().max(64),
  status: promiseStatusSchema,
  kept: z.object({ at: epochMs, by: person, note: z.string().max(2_000) }).nullable(),
  /** Calls placed from the promise, oldest first. */
  callbacks: z.array(z.object({ callId: z.uuid(), at: epochMs })).max(100),
  /** A handover carrying it that nobody has accepted yet. */
  pendingHandoverId: z.uuid().nullable(),
  /** The last change (server clock): what `since` compares with. */
  updatedAt: epochMs,
  history: z.array(promiseEventSchema).min(1),
});
export type PromiseRecord = z.infer<typeof promiseSchema>;

export const promiseListSchema = z.object({ promises: z.array(promiseSchema) });
