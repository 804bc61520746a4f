import * as z from 'zod';
import { supervisorActionSchema } from './actions';
import { alertSchema } from './alerts';
import { deskStateSchema } from './desk';
import { sessionEndedSchema } from './live';
import { busyReasonSchema, policySchema } from './policy';
import { agentIdSchema } from './sync';
import { handoverSchema } from './handovers';
import { promiseSchema } from './promises';
import { ticketSchema } from './tickets';

/**
 * The supervisor board (主管看板) and the server.
 *
 *   POST /v1/board/login   BoardLoginRequest -> BoardLoginResponse   (supervisors only; agents 403)
 *   POST /v1/board/logout  (Bearer: a board session)
 *   GET  /v1/board/seats   (Bearer) -> BoardSeats: every agent's seat now
 *   GET  /v1/board/live    WebSocket; the first frame is BoardHello, then BoardMessage frames
 *
 * A board session is not a desk session: it never ends the supervisor's desk session (one seat
 * per 工号 is about desks) and never counts for attendance. A browser cannot put a header on a
 * WebSocket, so the board's socket says who it is in its first frame, not in its URL (URLs end up
 * in logs and history).
 */

export const boardLoginRequestSchema = z.object({
  agentId: agentIdSchema,
  password: z.string().min(1).max(256),
});
export type BoardLoginRequest = z.infer<typeof boardLoginRequestSchema>;

export const boardLoginResponseSchema = z.object({
  token: z.string(),
  supervisor: z.object({ agentId: agentIdSchema, name: z.string().max(64) }),
  /** The policy the desks run on: the board colours busy timers by it. */
  policy: policySchema,
  serverTime: z.number().int(),
});
export type BoardLoginResponse = z.infer<typeof boardLoginResponseSchema>;

const epochMs = z.number().int().nonnegative();

/** The call a seat is in, as a supervisor may see it: the customer's number masked (DOMAIN.md rule 8). */
export const seatCallSchema = z.object({
  direction: z.enum(['inbound', 'outbound']),
  /** e.g. 138****5678: enough to tell calls apart, not to call the customer. */
  maskedNumber: z.string().max(64),
  since: epochMs,
});
export type SeatCall = z.infer<typeof seatCallSchema>;

/** An agent's figures for one day in the center's time zone (src/domain/day-figures.ts). */
export const dayFiguresSchema = z.object({
  answered: z.number().int().nonnegative(),
  missed: z.number().int().nonnegative(),
  declined: z.number().int().nonnegative(),
  /** Average of talk + wrap-up over the answered calls that ended (ms); null before the first. */
  averageHandleMs: z.number().nonnegative().nullable(),
  /** Time in busy today (ms), the period still running counted up to `asOf`. */
  busyMs: z.number().int().nonnegative(),
  /** Offers that reached the seat per hour of the day, 0-23 (各时段进线数量). */
  offeredPerHour: z.array(z.number().int().nonnegative()).length(24),
  answeredPerHour: z.array(z.number().int().nonnegative()).length(24),
  missedPerHour: z.array(z.number().int().nonnegative()).length(24),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

/**
 * One agent's seat as the server knows it now. The state is what the agent's desk last recorded
 * while its session is live, and offline otherwise (the server, not the desk, says when a session
 * ended). `since` is by the desk's clock for a recorded state (never later than the server
 * received it), by the server's for offline.
 */
export const seatPresenceSchema = z.object({
  agentId: agentIdSchema,
  name: z.string().max(64),
  state: deskStateSchema,
  busyReason: busyReasonSchema.nullable(),
  since: epochMs.nullable(),
  call: seatCallSchema.nullable(),
  /** When the live desk session began (server clock); null while offline. */
  loginAt: epochMs.nullable(),
  /**
   * Whether the live desk session has its /v1/live socket open; `linkSince` is when that last
   * changed (server clock). Offline seats have no desk: `connected` false, `linkSince` null.
   */
  link: z.object({ connected: z.boolean(), since: epochMs.nullable() }),
  today: dayFiguresSchema,
});
export type SeatPresence = z.infer<typeof seatPresenceSchema>;

export const boardSeatsSchema = z.object({ seats: z.array(seatPresenceSchema), serverTime: z.number().int() });
export type BoardSeats = z.infer<typeof boardSeatsSchema>;

/** The board's first frame on /v1/board/live. */
export const boardHelloSchema = z.object({ type: z.literal('hello'), token: z.string().min(1).max(256) });
export type BoardHello = z.infer<typeof boardHelloSchema>;

/**
 * Frames the server pushes to boards: every seat and the alerts once the hello is accepted, then
 * each seat that changed and each alert raised or acknowledged. When the board session ends it hears why (`sessionEnded`), then the socket closes with 1008.
 */
export const boardMessageSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('seats'), seats: z.array(seatPresenceSchema), serverTime: z.number().int() }),
  z.object({ topic: z.literal('seat'), seat: seatPresenceSchema, serverTime: z.number().int() }),
  z.object({ topic: z.literal('sessionEnded'), session: sessionEndedSchema }),
  /** With the seats: every alert not yet acknowledged, and the day's others. */
  z.object({ topic: z.literal('alerts'), alerts: z.array(alertSchema) }),
  /** An alert raised or acknowledged. */
  z.object({ topic: z.literal('alert'), alert: alertSchema }),
  /** With the seats: the day's supervisor actions. */
  z.object({ topic: z.literal('actions'), actions: z.array(supervisorActionSchema) }),
  /** A supervisor's action taken or its outcome reported by the desk. */
  z.object({ topic: z.literal('action'), action: supervisorActionSchema }),
  /** An escalation ticket raised or changed (src/contract/tickets.ts). */
  z.object({ topic: z.literal('ticket'), ticket: ticketSchema }),
  /** A first-contact promise made or changed (src/contract/promises.ts); the customer's number masked. */
  z.object({ topic: z.literal('promise'), promise: promiseSchema }),
  /** A shift handover given or accepted (src/contract/handovers.ts); numbers masked. */
  z.object({ topic: z.literal('handover'), handover: handoverSchema }),
]);
export type BoardMessage = z.infer<typeof boardMessageSchema>;
