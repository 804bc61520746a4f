import type { Kysely } from 'kysely';
import type { LoginFailure, LoginFailureReason } from '../src/contract';
import type { Database, LoginFailureRow } from './db/schema';

/** How many failed logins the server tolerates before it stops checking passwords for a while. */
export interface FailureLimits {
  /** Failures of one 工号 within the window (since its last successful login). */
  perAgent: number;
  /** Failures from one client address within the window, whatever 工号 they tried. */
  perAddress: number;
  windowMs: number;
}

export interface LoginAttempt {
  agentId: string;
  address: string;
  deviceId: string;
}

/** Only wrong passwords count towards a lock: refusals during one do not make it last longer. */
const COUNTED: LoginFailureReason[] = ['bad-password', 'unknown-agent'];

/** The most failures one read returns. */
export const LOGIN_FAILURES_PAGE_SIZE = 500;

export async function recordLoginFailure(db: Kysely<Database>, attempt: LoginAttempt, reason: LoginFailureReason, at: number): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({ agent_id: attempt.agentId, address: attempt.address, device_id: attempt.deviceId, attempted_at: at, reason })
    .execute();
}

/**
 * When the limit-th newest counted failure after `since` leaves the window, or null while fewer
 * than `limit` are in it. A lock ends the moment fewer than `limit` failures remain in the window.
 */
async function lockedUntil(db: Kysely<Database>, key: { agent_id: string } | { address: string }, limit: number, since: number, windowMs: number): Promise<number | null> {
  let query = db.selectFrom('login_failures').select('attempted_at').where('attempted_at', '>', since).where('reason', 'in', COUNTED);
  query = 'agent_id' in key ? query.where('agent_id', '=', key.agent_id) : query.where('address', '=', key.address);
  const newest = await query.orderBy('attempted_at', 'desc').limit(limit).execute();
  const oldestCounted = newest[limit - 1];
  return oldestCounted === undefined ? null : oldestCounted.attempted_at + windowMs;
}

/**
 * How long (ms) logins of this 工号 or from this address are refused at `now`; 0 when they are
 * not. A 工号's count starts again at its last successful login, so an agent who finally typed the
 * password right is not locked out by the typos before; an address's count does not (one known
 * password must not reset the guessing of others).
 */
export async function lockoutLeft(db: Kysely<Database>, attempt: LoginAttempt, limits: FailureLimits, now: number): Promise<number> {
  const windowStart = now - limits.windowMs;
  const lastLogin = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('agent_id', '=', attempt.agentId)
    .executeTakeFirst();
  const agentSince = Math.max(windowStart, lastLogin?.at ?? 0);
  const until = await Promise.all([
    lockedUntil(db, { agent_id: attempt.agentId }, limits.perAgent, agentSince, limits.windowMs),
    lockedUntil(db, { address: attempt.address }, limits.perAddress, windowStart, limits.windowMs),
  ]);
  return Math.max(0, ...until.map((at) => (at === null ? 0 : at - now)));
}

function toLoginFailure(row: LoginFailureRow): LoginFailure {
  return { agentId: row.agent_id, address: row.address, deviceId: row.device_id, attemptedAt: row.attempted_at, reason: row.reason };
}

/** Failures at or after `since` (server ms), newest first, at most a page; one 工号's only when given. */
export async function listLoginFailures(db: Kysely<Database>, filter: { since: number; agentId?: string }): Promise<LoginFailure[]> {
  let query = db.selectFrom('login_failures').selectAll().where('attempted_at', '>=', filter.since);
  if (filter.agentId !== undefined) query = query.where('agent_id', '=', filter.agentId);
  const rows = await query.orderBy('attempted_at', 'desc').orderBy('id').limit(LOGIN_FAILURES_PAGE_SIZE).execute();
  return rows.map(toLoginFailure);
}
