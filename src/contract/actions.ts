import * as z from 'zod';
import { agentIdSchema } from './sync';

/**
 * What a supervisor does to a seat from the board (DOMAIN.md rule 2, and a seat left idle), each
 * recorded by the server, delivered live to the agent's desk, which applies it through its rules
 * and reports the outcome (shown on the board with who did it):
 *
 *   approveBusy  let a busy agent stay busy until `until`: the desk stops escalating until then
 *   forceBusy    put a seat left ready into busy (reason away): the agent walked away
 *
 *   POST /v1/board/agents/:agentId/actions          (board) SupervisorActionRequest -> { action }
 *   GET  /v1/board/actions?date=YYYY-MM-DD           (board) -> { actions }: the day's
 *   GET  /v1/agents/:agentId/actions?pending=true    (desk)  -> { actions }: those without an outcome
 *   POST /v1/agents/:agentId/actions/:id/outcome     (desk)  ActionOutcomeRequest -> { action }
 *
 * Ending a stale session is the sessions contract's POST /v1/agents/:agentId/session/end.
 */
export const supervisorActionRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approveBusy'), until: z.number().int().nonnegative(), note: z.string().max(500).default('') }),
  z.object({ kind: z.literal('forceBusy'), note: z.string().max(500).default('') }),
]);
export type SupervisorActionRequest = z.infer<typeof supervisorActionRequestSchema>;

/** How the desk took it: applied, or refused by its rules with the reason (`not-busy`, `not-ready`, …). */
export const actionOutcomeRequestSchema = z.object({
  status: z.enum(['applied', 'refused']),
  reason: z.string().max(64).nullable().default(null),
});
export type ActionOutcomeRequest = z.infer<typeof actionOutcomeRequestSchema>;

const epochMs = z.number().int().nonnegative();

export const supervisorActionSchema = z.object({
  id: z.string().min(1).max(64),
  agentId: agentIdSchema,
  by: z.object({ agentId: agentIdSchema, name: z.string().max(64) }),
  /** By the server's clock. */
  createdAt: epochMs,
  action: supervisorActionRequestSchema,
  /** Null until the desk reported; `at` by the server's clock when it did. */
  outcome: z.object({ status: z.enum(['applied', 'refused']), reason: z.string().max(64).nullable(), at: epochMs }).nullable(),
});
export type SupervisorAction = z.infer<typeof supervisorActionSchema>;

export const supervisorActionListSchema = z.object({ actions: z.array(supervisorActionSchema) });
export const supervisorActionResponseSchema = z.object({ action: supervisorActionSchema });
