import * as z from 'zod';
import { supervisorActionSchema } from './actions';
import { alertSchema } from './alerts';
import { phraseBookSchema } from './phrases';
import { serverSurveyResultSchema } from './survey';
import { handoverSchema } from './handovers';
import { promiseSchema } from './promises';
import { ticketSchema } from './tickets';

/**
 * The server's live channel to the desk.
 *
 *   GET /v1/live   WebSocket upgrade (Bearer: a live session) -> LiveMessage frames
 *
 * The server pushes what the desk must hear at once. When it ends a session (the same 工号 logged
 * in on another desk, an administrator ended it, it expired, it was logged out) it first sends
 * `sessionEnded` on that session's sockets, then closes them with 1008. The desk then unregisters
 * from the PBX, ends its phone and shows the login screen with the reason. A desk that missed the
 * frame (it was offline) learns the same from the 401 `session-ended` of its next request.
 */

/** Why a session ended: another login of the same 工号, a supervisor or admin, a time limit, or a logout. */
export const sessionEndReasonSchema = z.enum(['replaced', 'admin', 'expired', 'logout']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/** The end of a session as the server recorded it. */
export const sessionEndedSchema = z.object({
  reason: sessionEndReasonSchema,
  /** When the server ended it, by the server's clock. */
  endedAt: z.number().int().nonnegative(),
  /** For `replaced`: the device (desk install id) that logged in instead. */
  byDeviceId: z.string().max(128).nullable(),
  /** For `admin`: the 工号 of who ended it. */
  byAgentId: z.string().max(32).nullable(),
});
export type SessionEnded = z.infer<typeof sessionEndedSchema>;

/** Frames the server pushes on /v1/live. Unknown topics are ignored by older desks. */
export const liveMessageSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('surveyResult'), result: serverSurveyResultSchema }),
  z.object({ topic: z.literal('sessionEnded'), session: sessionEndedSchema }),
  /** A supervisor acknowledged one of this agent's alerts (主管已确认). */
  z.object({ topic: z.literal('alert'), alert: alertSchema }),
  /** A supervisor's action on this agent's seat, to apply and report on (src/contract/actions.ts). */
  z.object({ topic: z.literal('action'), action: supervisorActionSchema }),
  /** A supervisor changed the standard phrases: the whole book, to every desk (keep it if its revision is newer). */
  z.object({ topic: z.literal('phrasesChanged'), book: phraseBookSchema }),
  /** One of this agent's escalation tickets changed (assigned, answered, closed; src/contract/tickets.ts). */
  z.object({ topic: z.literal('ticket'), ticket: ticketSchema }),
  /** A promise this agent owns or owned changed (a step stored, handed over, accepted; src/contract/promises.ts). */
  z.object({ topic: z.literal('promise'), promise: promiseSchema }),
  /** A handover this agent gave, one to this agent, or one to the next shift (src/contract/handovers.ts). */
  z.object({ topic: z.literal('handover'), handover: handoverSchema }),
]);
export type LiveMessage = z.infer<typeof liveMessageSchema>;
