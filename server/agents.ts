import type { Kysely } from 'kysely';
import type { Clock } from '../src/domain/clock';
import type { AgentRole, AgentRow, Database } from './db/schema';
import { hashPassword } from './passwords';

export interface NewAgent {
  agentId: string;
  name: string;
  password: string;
  role: AgentRole;
}

export function findAgent(db: Kysely<Database>, agentId: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
}

/** Provisions an agent (IT admin). Returns false, changing nothing, when the 工号 already exists. */
export async function createAgent(db: Kysely<Database>, clock: Clock, agent: NewAgent): Promise<boolean> {
  const passwordHash = await hashPassword(agent.password);
  const inserted = await db
    .insertInto('agents')
    .values({
      agent_id: agent.agentId,
      name: agent.name,
      password_hash: passwordHash,
      role: agent.role,
      created_at: clock.now(),
    })
    .onConflict((conflict) => conflict.column('agent_id').doNothing())
    .returning('agent_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The center's other agents (role agent, not `agentId`), by 工号: whom a shift handover can name. */
export async function listColleagues(db: Kysely<Database>, agentId: string): Promise<Array<{ agentId: string; name: string }>> {
  const rows = await db.selectFrom('agents').select(['agent_id', 'name']).where('role', '=', 'agent').where('agent_id', '!=', agentId).orderBy('agent_id').execute();
  return rows.map((row) => ({ agentId: row.agent_id, name: row.name }));
}
