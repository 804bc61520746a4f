import { loginFailureAlerts } from './alerts/login-failure-alerts';
import { findAgent } from './agents';
import type { AgentRow } from './db/schema';
import { ApiFailure } from './http/api-failure';
import { lockoutLeft, recordLoginFailure, type LoginAttempt } from './login-failures';
import { decoyPasswordHash, verifyPassword } from './passwords';
import type { ServerContext } from './server-context';

/**
 * The 工号 and password of a login (a desk's or a board's), under the throttles: a 工号 or
 * address with too many recent failures is refused before the password is checked (guessing
 * costs the server nothing while locked), and every failure is recorded. An unknown 工号 and a
 * wrong password take the same work and get the same answer. A burst of failures is an alert for
 * the supervisors' boards.
 */
export async function checkCredentials(context: ServerContext, attempt: LoginAttempt, password: string, whileHashing?: (agent: AgentRow) => void): Promise<AgentRow> {
  const { db, clock, loginThrottle, policy, board } = context;
  const locked = await lockoutLeft(db, attempt, loginThrottle.failures, clock.now());
  if (locked > 0) {
    await recordLoginFailure(db, attempt, 'throttled', clock.now());
    throw new ApiFailure(429, 'too-many-attempts', 'too many failed logins for this 工号 or from this address: try again later', { retryAfterMs: locked });
  }
  const agent = await findAgent(db, attempt.agentId);
  const checking = verifyPassword(password, agent?.password_hash ?? (await decoyPasswordHash()));
  // scrypt runs in Node's thread pool: the database is free for what a good password needs next.
  if (agent) whileHashing?.(agent);
  const passwordOk = await checking;
  if (!agent || !passwordOk) {
    await recordLoginFailure(db, attempt, agent ? 'bad-password' : 'unknown-agent', clock.now());
    await board.raise(await loginFailureAlerts(db, attempt, agent !== undefined, policy, clock.now()));
    throw new ApiFailure(401, 'bad-credentials', 'wrong 工号 or password');
  }
  return agent;
}
