import type { Kysely } from 'kysely';
import type { AgentRole, Database, SessionEndReason } from './db/schema';
import { hashSessionToken, newSessionToken } from './session-tokens';

export interface SessionLookup {
  agentId: string;
  role: AgentRole;
  tokenHash: string;
  endReason: SessionEndReason | null;
  ended: boolean;
}

/**
 * Starts the one live session of a 工号, ending the previous one (end reason `replaced`), so a
 * second desk logging in with the same 工号 is recorded and the first desk learns it on its next call.
 */
export async function startSession(db: Kysely<Database>, agentId: string, deviceId: string, now: number): Promise<string> {
  const token = newSessionToken();
  await db.transaction().execute(async (trx) => {
    // Serialises concurrent logins of one 工号 (PostgreSQL); the partial unique index backs it up.
    await trx.selectFrom('agents').select('agent_id').where('agent_id', '=', agentId).forUpdate().executeTakeFirstOrThrow();
    await trx
      .updateTable('sessions')
      .set({ ended_at: now, end_reason: 'replaced' })
      .where('agent_id', '=', agentId)
      .where('ended_at', 'is', null)
      .execute();
    await trx
      .insertInto('sessions')
      .values({ token_hash: hashSessionToken(token), agent_id: agentId, device_id: deviceId, created_at: now, ended_at: null, end_reason: null })
      .execute();
  });
  return token;
}

export async function findSession(db: Kysely<Database>, token: string): Promise<SessionLookup | undefined> {
  const tokenHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.agent_id', 'sessions.agent_id')
    .select(['sessions.agent_id', 'agents.role', 'sessions.ended_at', 'sessions.end_reason'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return { agentId: row.agent_id, role: row.role, tokenHash, endReason: row.end_reason, ended: row.ended_at !== null };
}

export async function endSession(db: Kysely<Database>, tokenHash: string, reason: SessionEndReason, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now, end_reason: reason })
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .execute();
}
