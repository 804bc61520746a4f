import { sql, type Expression, type Kysely } from 'kysely';
import type { AgentSession, SessionEnded } from '../src/contract';
import type { AgentRole, Database, SessionKind, SessionRow } from './db/schema';
import { hashSessionToken, newSessionToken } from './session-tokens';

/** How long a session lives: `idleMs` after its desk was last seen, `absoluteMs` after it began. */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** A session the server just ended; its desks must be told (LiveHub.endSession). */
export interface EndedSession {
  tokenHash: string;
  agentId: string;
  ended: SessionEnded;
}

export interface SessionLookup {
  agentId: string;
  role: AgentRole;
  kind: SessionKind;
  tokenHash: string;
  createdAt: number;
  lastSeenAt: number;
  /** Null while the session is live (it may still have run out: see `expiryOf`). */
  ended: SessionEnded | null;
}

/** The most sessions one history read returns. */
export const SESSIONS_PAGE_SIZE = 100;

type EndColumns = Pick<SessionRow, 'ended_at' | 'end_reason' | 'ended_by_device_id' | 'ended_by_agent_id'>;

function endedOf(row: EndColumns): SessionEnded | null {
  if (row.ended_at === null || row.end_reason === null) return null;
  return { reason: row.end_reason, endedAt: row.ended_at, byDeviceId: row.ended_by_device_id, byAgentId: row.ended_by_agent_id };
}

function endedSessionsOf(rows: Array<EndColumns & Pick<SessionRow, 'token_hash' | 'agent_id'>>): EndedSession[] {
  return rows.flatMap((row) => {
    const ended = endedOf(row);
    return ended ? [{ tokenHash: row.token_hash, agentId: row.agent_id, ended }] : [];
  });
}

const ENDED_RETURNING = ['token_hash', 'agent_id', 'ended_at', 'end_reason', 'ended_by_device_id', 'ended_by_agent_id'] as const;

/** When a live session runs out; from that instant on it is expired. */
export function expiryOf(session: { createdAt: number; lastSeenAt: number }, limits: SessionLimits): number {
  return Math.min(session.lastSeenAt + limits.idleMs, session.createdAt + limits.absoluteMs);
}

/** The same instant in SQL, for rows of `sessions`. */
function expiryExpression(limits: SessionLimits): Expression<number> {
  return sql<number>`least(last_seen_at + ${limits.idleMs}, created_at + ${limits.absoluteMs})`;
}

/**
 * Ends the live sessions that have run out at `now` (of one agent or session only, when asked),
 * each at the instant it ran out, not when this noticed.
 */
export async function expireSessions(
  db: Kysely<Database>,
  now: number,
  limits: SessionLimits,
  only: { agentId: string } | { tokenHash: string } | Record<string, never> = {},
): Promise<EndedSession[]> {
  let update = db
    .updateTable('sessions')
    .set({ ended_at: expiryExpression(limits), end_reason: 'expired' })
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('last_seen_at', '<=', now - limits.idleMs), eb('created_at', '<=', now - limits.absoluteMs)]));
  if ('agentId' in only) update = update.where('agent_id', '=', only.agentId);
  if ('tokenHash' in only) update = update.where('token_hash', '=', only.tokenHash);
  return endedSessionsOf(await update.returning(ENDED_RETURNING).execute());
}

/** The earliest instant a live session will run out, unless its desk is seen again; null when none is live. */
export async function nextExpiry(db: Kysely<Database>, limits: SessionLimits): Promise<number | null> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.min(expiryExpression(limits)).as('at'))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return row?.at ?? null;
}

export interface NewSession {
  agentId: string;
  /** Default desk. */
  kind?: SessionKind;
  deviceId: string;
  address: string;
}

/**
 * Starts a session. A desk session is the one live desk session of its 工号: a desk session of it
 * still live is ended as `replaced` by this device. Sessions of the 工号 that had run out are
 * ended as expired. Both are returned, for their desks to be told. A board session replaces nothing.
 */
export async function startSession(db: Kysely<Database>, session: NewSession, now: number, limits: SessionLimits): Promise<{ token: string; ended: EndedSession[] }> {
  const token = newSessionToken();
  const ended = await db.transaction().execute(async (trx) => {
    // Serialises concurrent logins of one 工号 (PostgreSQL); the partial unique index backs it up.
    await trx.selectFrom('agents').select('agent_id').where('agent_id', '=', session.agentId).forUpdate().executeTakeFirstOrThrow();
    const expired = await expireSessions(trx, now, limits, { agentId: session.agentId });
    const kind = session.kind ?? 'desk';
    const replaced =
      kind === 'desk'
        ? await trx
            .updateTable('sessions')
            .set({ ended_at: now, end_reason: 'replaced', ended_by_device_id: session.deviceId })
            .where('agent_id', '=', session.agentId)
            .where('kind', '=', 'desk')
            .where('ended_at', 'is', null)
            .returning(ENDED_RETURNING)
            .execute()
        : [];
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashSessionToken(token),
        agent_id: session.agentId,
        kind,
        device_id: session.deviceId,
        address: session.address,
        created_at: now,
        last_seen_at: now,
        ended_at: null,
        end_reason: null,
        ended_by_device_id: null,
        ended_by_agent_id: null,
      })
      .execute();
    return [...expired, ...endedSessionsOf(replaced)];
  });
  return { token, ended };
}

export async function findSession(db: Kysely<Database>, token: string): Promise<SessionLookup | undefined> {
  const tokenHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.agent_id', 'sessions.agent_id')
    .select(['sessions.agent_id', 'agents.role', 'sessions.kind', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.ended_at', 'sessions.end_reason'])
    .select(['sessions.ended_by_device_id', 'sessions.ended_by_agent_id'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return { agentId: row.agent_id, role: row.role, kind: row.kind, tokenHash, createdAt: row.created_at, lastSeenAt: row.last_seen_at, ended: endedOf(row) };
}

/**
 * Marks the desks of these sessions seen at `now`: the idle limit counts from here again. A
 * session that ended or already ran out is left alone (returns how many were renewed).
 */
export async function touchSessions(db: Kysely<Database>, tokenHashes: readonly string[], now: number, limits: SessionLimits): Promise<number> {
  if (tokenHashes.length === 0) return 0;
  const result = await db
    .updateTable('sessions')
    .set({ last_seen_at: sql<number>`greatest(last_seen_at, ${now})` })
    .where('token_hash', 'in', tokenHashes)
    .where('ended_at', 'is', null)
    .where('last_seen_at', '>', now - limits.idleMs)
    .where('created_at', '>', now - limits.absoluteMs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends one live session (its logout); undefined when it had already ended. */
export async function endSession(db: Kysely<Database>, tokenHash: string, now: number): Promise<EndedSession | undefined> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: now, end_reason: 'logout' })
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .returning(ENDED_RETURNING)
    .execute();
  return endedSessionsOf(rows)[0];
}

/** A supervisor ends an agent's live desk session; undefined when the agent has none. */
export async function endAgentSession(db: Kysely<Database>, agentId: string, byAgentId: string, now: number): Promise<EndedSession | undefined> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: now, end_reason: 'admin', ended_by_agent_id: byAgentId })
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'desk')
    .where('ended_at', 'is', null)
    .returning(ENDED_RETURNING)
    .execute();
  return endedSessionsOf(rows)[0];
}

/** An agent's desk sessions, newest first, at most a page: who logged in where, and how each ended. */
export async function listSessions(db: Kysely<Database>, agentId: string): Promise<AgentSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'desk')
    .orderBy('created_at', 'desc')
    .orderBy('token_hash')
    .limit(SESSIONS_PAGE_SIZE)
    .execute();
  return rows.map((row) => ({ deviceId: row.device_id, address: row.address, startedAt: row.created_at, lastSeenAt: row.last_seen_at, ended: endedOf(row) }));
}
