import * as z from 'zod';
import {
  agentIdSchema,
  alertSchema,
  handoverSchema,
  phraseBookSchema,
  promiseSchema,
  serverSurveyResultSchema,
  sessionEndedSchema,
  supervisorActionSchema,
  syncRecordSchema,
  ticketSchema,
} from '../../src/contract';

/** A session token's hash (session-tokens.ts: SHA-256, base64url). */
const tokenHashSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const instant = z.number().int().nonnegative();
const deskLinkSchema = z.object({ agentId: agentIdSchema, tokenHash: tokenHashSchema });

/**
 * What one server instance tells the others (cluster-bus.ts). It comes from outside the process,
 * so it is parsed like any input: a message that does not parse is logged and dropped.
 */
export const clusterMessageSchema = z.discriminatedUnion('type', [
  /** Presence records of one agent the instance stored just now. */
  z.object({ type: z.literal('records'), agentId: agentIdSchema, records: z.array(syncRecordSchema), receivedAt: instant }),
  z.object({ type: z.literal('deskLoggedIn'), agentId: agentIdSchema, tokenHash: tokenHashSchema, at: instant }),
  z.object({ type: z.literal('sessionEnded'), session: z.object({ agentId: agentIdSchema, tokenHash: tokenHashSchema, ended: sessionEndedSchema }) }),
  /** A desk's live socket opened or closed on the sending instance. */
  z.object({ type: z.literal('deskLink'), agentId: agentIdSchema, tokenHash: tokenHashSchema, open: z.boolean(), at: instant }),
  /** Every desk socket open on the sending instance (its answer to `hello`). */
  z.object({ type: z.literal('links'), links: z.array(deskLinkSchema), at: instant }),
  /** A newcomer (or an instance back from an outage of the bus) asks for everyone's links. */
  z.object({ type: z.literal('hello') }),
  /** The sending instance is alive (sent every heartbeat). */
  z.object({ type: z.literal('alive') }),
  /** The sending instance is stopping: its sockets are closing. */
  z.object({ type: z.literal('goodbye') }),
  z.object({ type: z.literal('alert'), alert: alertSchema }),
  z.object({ type: z.literal('action'), action: supervisorActionSchema, toDesk: z.boolean() }),
  z.object({ type: z.literal('surveyResult'), result: serverSurveyResultSchema }),
  /** A supervisor changed the standard phrases on the sending instance: the book after the change. */
  z.object({ type: z.literal('phrasesChanged'), book: phraseBookSchema }),
  /**
   * An escalation ticket raised or changed on the sending instance, as the agent's desk gets it
   * (unmasked); `alsoTo`: desks that hear it besides its owner's and its raiser's (the previous owner's).
   */
  z.object({ type: z.literal('ticket'), ticket: ticketSchema, alsoTo: z.array(agentIdSchema).max(10).default([]) }),
  /** A first-contact promise made or changed on the sending instance (unmasked); `previousOwnerId` when it changed hands. */
  z.object({ type: z.literal('promise'), promise: promiseSchema, previousOwnerId: agentIdSchema.nullable().default(null) }),
  /** A shift handover given or accepted on the sending instance (unmasked). */
  z.object({ type: z.literal('handover'), handover: handoverSchema }),
]);

export type ClusterMessage = z.infer<typeof clusterMessageSchema>;
