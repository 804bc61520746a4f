import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Policy } from '../../src/contract';
import type { Database } from '../db/schema';
import type { LoginAttempt } from '../login-failures';
import { hasRecentAlert, type NewAlert } from './alert-store';

/**
 * After a failed login: a burst of failures of the 工号 (when it exists) or from the address
 * within policy.alerts.loginFailuresWindowMs is an alert, raised once per window.
 */
export async function loginFailureAlerts(db: Kysely<Database>, attempt: LoginAttempt, agentExists: boolean, policy: Policy, now: number): Promise<NewAlert[]> {
  const { loginFailures: threshold, loginFailuresWindowMs: windowMs } = policy.alerts;
  const since = now - windowMs;
  const failures = (key: { agent_id: string } | { address: string }) => {
    let query = db.selectFrom('login_failures').select((eb) => eb.fn.countAll<string>().as('count')).where('attempted_at', '>', since).where('reason', 'in', ['bad-password', 'unknown-agent']);
    query = 'agent_id' in key ? query.where('agent_id', '=', key.agent_id) : query.where('address', '=', key.address);
    return query.executeTakeFirstOrThrow().then((row) => Number(row.count));
  };
  const alerts: NewAlert[] = [];
  if (agentExists) {
    const count = await failures({ agent_id: attempt.agentId });
    if (count >= threshold && !(await hasRecentAlert(db, 'loginFailures', since, { agentId: attempt.agentId }))) {
      alerts.push({ id: uuidv7(), agentId: attempt.agentId, kind: 'loginFailures', occurredAt: now, details: { count, address: attempt.address, windowMs } });
    }
  }
  const fromAddress = await failures({ address: attempt.address });
  if (fromAddress >= threshold && !(await hasRecentAlert(db, 'loginFailures', since, { address: attempt.address }))) {
    alerts.push({ id: uuidv7(), agentId: null, kind: 'loginFailures', occurredAt: now, details: { count: fromAddress, address: attempt.address, windowMs } });
  }
  return alerts;
}
