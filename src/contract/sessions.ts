import { z } from 'zod';
import { agentIdSchema } from './sync';

/**
 * Logins as the center sees them: failed attempts (for the supervisor board). Every reader needs a
 * supervisor's session.
 *
 *   GET /v1/login-failures?since=<ms>&agentId=<工号>  -> { failures: LoginFailure[] }  newest first, at most 500
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
