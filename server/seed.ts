import type { Kysely } from 'kysely';
import type { DirectoryEntry } from '../src/contract';
import type { Clock } from '../src/domain/clock';
import { createAgent, type NewAgent } from './agents';
import type { Database } from './db/schema';
import { addDirectoryEntry } from './directory';

/**
 * The lab's people, for demos and tests only (never seed a production server):
 *   agents      1001 … 1010, named 坐席1001 … 坐席1010, password pw<工号> (e.g. pw1001)
 *   supervisor  9001, named 主管9001, password pw9001
 *   directory   the departments of `labDirectory` (8001 … 8004), answered by lab/endpoints
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

/** The lab's department directory (公司各部门通讯录): the extensions lab/endpoints registers. */
export const labDirectory: readonly DirectoryEntry[] = [
  { department: '技术支持', name: 'Technical support', extension: '8001' },
  { department: '投诉处理', name: 'Complaints', extension: '8002' },
  { department: '账务中心', name: 'Billing', extension: '8003' },
  { department: '营业厅预约', name: 'Store appointments', extension: '8004' },
];

/** Adds whichever lab directory lines are missing; an extension already listed is left alone. */
export async function seedLabDirectory(db: Kysely<Database>): Promise<void> {
  for (const entry of labDirectory) await addDirectoryEntry(db, entry);
}
