import type { Kysely } from 'kysely';
import type { Clock } from '../src/domain/clock';
import { createAgent, type NewAgent } from './agents';
import type { Database } from './db/schema';

/**
 * The lab's people, for demos and tests only (never seed a production server):
 *   agents      1001 … 1010, named 坐席1001 … 坐席1010, password pw<工号> (e.g. pw1001)
 *   supervisor  9001, named 主管9001, password pw9001
 */
export const labAgents: readonly NewAgent[] = [
  ...Array.from({ length: 10 }, (_, index): NewAgent => {
    const agentId = String(1001 + index);
    return { agentId, name: `坐席${agentId}`, password: `pw${agentId}`, role: 'agent' };
  }),
  { agentId: '9001', name: '主管9001', password: 'pw9001', role: 'supervisor' },
];

/** Creates whichever lab agents are missing; existing ones (and their passwords) are left alone. */
export async function seedLabAgents(db: Kysely<Database>, clock: Clock): Promise<void> {
  const existing = new Set(
    (await db.selectFrom('agents').select('agent_id').where('agent_id', 'in', labAgents.map((agent) => agent.agentId)).execute()).map(
      (row) => row.agent_id,
    ),
  );
  // Hash in parallel: scrypt runs on libuv's thread pool, so this is ~4x faster than one by one.
  await Promise.all(labAgents.filter((agent) => !existing.has(agent.agentId)).map((agent) => createAgent(db, clock, agent)));
}
