import * as z from 'zod';
import { agentIdSchema } from './sync';

/**
 * Alerts (告警) of the supervisor board: rows the server creates from what desks record and from
 * what it sees itself, each staying until a supervisor acknowledges it (who and when recorded).
 *
 *   busyOverLimit    a busyOverLimit record (DOMAIN.md rule 2); its id is the record's, so the
 *                    desk that sent it can show 已上报主管 once the record is acknowledged, and
 *                    主管已确认 once this alert is
 *   missedOffer      a missedRing record: an offer rang out unanswered (rule 1); the record's id
 *   repeatedMisses   policy.alerts.repeatedMisses missed offers of one agent within its window
 *   wrapUpOverLimit  a wrap-up that ran to its limit (rule 3); the id of the state change ending it
 *   deskUnreachable  a desk ready or busy whose live connection stayed lost (policy.alerts)
 *   loginFailures    failed logins of one 工号 (agentId) or from one address (agentId null)
 *   emergency        an escalation ticket of severity emergency (紧急、重大事件); the ticket's id
 *
 *   GET  /v1/board/alerts?date=YYYY-MM-DD  (board)  -> { alerts }: the day's, in the center's zone
 *   POST /v1/board/alerts/:id/ack          (board)  -> { alert }: acknowledged (the first ack stands)
 *   GET  /v1/agents/:agentId/alerts?since= (desk)   -> { alerts }: an agent's own, for catching up
 */
export const alertKindSchema = z.enum(['busyOverLimit', 'missedOffer', 'repeatedMisses', 'wrapUpOverLimit', 'deskUnreachable', 'loginFailures', 'emergency']);
export type AlertKind = z.infer<typeof alertKindSchema>;

const epochMs = z.number().int().nonnegative();

export const alertSchema = z.object({
  id: z.string().min(1).max(64),
  /** Whose seat it is about; null for failed logins from one address across 工号s. */
  agentId: agentIdSchema.nullable(),
  kind: alertKindSchema,
  /** When it happened: by the desk's clock for what a desk recorded, the server's otherwise. */
  occurredAt: epochMs,
  /** When the server raised it (the server's clock). */
  raisedAt: epochMs,
  /** What the board shows with it, by kind (busyReason, maskedNumber, count, address, …). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  acknowledged: z.object({ by: agentIdSchema, byName: z.string().max(64), at: epochMs }).nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });
export const alertAckResponseSchema = z.object({ alert: alertSchema });
