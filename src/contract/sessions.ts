import * as z from 'zod';
import { sessionEndedSchema } from './live';
import { agentIdSchema } from './sync';

/**
 * Sessions and logins as the center sees them (for the agent and the supervisor board).
 *
 *   GET  /v1/agents/:agentId/sessions     -> { sessions: AgentSession[] }  newest first, at most 100
 *                                            (Bearer: that agent, or a supervisor)
 *   POST /v1/agents/:agentId/session/end  {} -> { session: SessionEnded }  (Bearer: a supervisor)
 *                                            404 not-found when the agent has no live session
 *   GET  /v1/login-failures?since=<ms>&agentId=<工号>  -> { failures: LoginFailure[] }  newest first,
 *                                            at most 500 (Bearer: a supervisor)
 *
 * A session ends when the same 工号 logs in elsewhere (`replaced`, with the new desk's device id),
 * when a supervisor ends it (`admin`, with their 工号), when it runs out (`expired`: not seen for
 * the server's idle limit, or older than its absolute limit; a desk with an open, answering
 * /v1/live socket is seen every ping), or at logout. The server then sends `sessionEnded`
 * (live.ts) on that session's /v1/live sockets and closes them with 1008; any later request with
 * its token gets 401 `session-ended` carrying the same SessionEnded (SessionEndedError).
 *
 * `POST /v1/login` is throttled: too many attempts from one address in a minute, or too many
 * failed ones for one 工号 or from one address within the failure window, answer 429
 * `too-many-attempts` with `Retry-After` (seconds) before the password is even checked.
 */

/** Why a login failed. The answer to the desk is the same for the first two (who exists stays secret). */
export const loginFailureReasonSchema = z.enum(['bad-password', 'unknown-agent', 'throttled']);
export type LoginFailureReason = z.infer<typeof loginFailureReasonSchema>;

/** One failed login attempt as the server recorded it; never the password. */
export const loginFailureSchema = z.object({
  /** The 工号 that was tried (it may not exist). */
  agentId: agentIdSchema,
  /** The client's address as the server saw it (behind a trusted proxy: the forwarded one). */
  address: z.string(),
  /** The desk installation that tried. */
  deviceId: z.string(),
  /** By the server's clock. */
  attemptedAt: z.number().int().nonnegative(),
  reason: loginFailureReasonSchema,
});
export type LoginFailure = z.infer<typeof loginFailureSchema>;

export const loginFailuresResponseSchema = z.object({ failures: z.array(loginFailureSchema) });

/** One session of an agent, as the server recorded it. */
export const agentSessionSchema = z.object({
  /** The desk installation it was opened from. */
  deviceId: z.string(),
  /** The client's address at login; null for sessions older than the server's recording it. */
  address: z.string().nullable(),
  /** By the server's clock, like every time here. */
  startedAt: z.number().int().nonnegative(),
  /** The last request or answered live ping of its desk. */
  lastSeenAt: z.number().int().nonnegative(),
  /** Null while the session is live. */
  ended: sessionEndedSchema.nullable(),
});
export type AgentSession = z.infer<typeof agentSessionSchema>;

export const agentSessionsResponseSchema = z.object({ sessions: z.array(agentSessionSchema) });

export const endSessionResponseSchema = z.object({ session: sessionEndedSchema });

/** The 401 of any request made with the token of a session that has ended. */
export const sessionEndedErrorSchema = z.object({
  error: z.object({ code: z.literal('session-ended'), message: z.string(), session: sessionEndedSchema }),
});
export type SessionEndedError = z.infer<typeof sessionEndedErrorSchema>;
