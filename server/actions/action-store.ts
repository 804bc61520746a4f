import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ActionOutcomeRequest, SupervisorAction, SupervisorActionRequest } from '../../src/contract';
import type { Database } from '../db/schema';

function selectActions(db: Kysely<Database>) {
  return db
    .selectFrom('supervisor_actions')
    .innerJoin('agents as supervisor', 'supervisor.agent_id', 'supervisor_actions.by_agent_id')
    .select([
      'supervisor_actions.id',
      'supervisor_actions.agent_id',
      'supervisor_actions.by_agent_id',
      'supervisor.name as by_name',
      'supervisor_actions.action',
      'supervisor_actions.created_at',
      'supervisor_actions.outcome',
      'supervisor_actions.outcome_reason',
      'supervisor_actions.outcome_at',
    ]);
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof selectActions>['execute']>>[number];

function toAction(row: ActionRow): SupervisorAction {
  return {
    id: row.id,
    agentId: row.agent_id,
    by: { agentId: row.by_agent_id, name: row.by_name },
    createdAt: row.created_at,
    action: row.action as SupervisorActionRequest,
    outcome: row.outcome !== null && row.outcome_at !== null ? { status: row.outcome, reason: row.outcome_reason, at: row.outcome_at } : null,
  };
}

async function actionById(db: Kysely<Database>, id: string): Promise<SupervisorAction | undefined> {
  const row = await selectActions(db).where('supervisor_actions.id', '=', id).executeTakeFirst();
  return row ? toAction(row) : undefined;
}

/** Records a supervisor's action on an agent's seat; returns it as the desk and boards get it. */
export async function createAction(db: Kysely<Database>, agentId: string, byAgentId: string, action: SupervisorActionRequest, now: number): Promise<SupervisorAction> {
  const id = uuidv7();
  await db
    .insertInto('supervisor_actions')
    .values({ id, agent_id: agentId, by_agent_id: byAgentId, kind: action.kind, action: JSON.stringify(action), created_at: now, outcome: null, outcome_reason: null, outcome_at: null })
    .execute();
  const created = await actionById(db, id);
  if (!created) throw new Error(`action ${id} vanished`);
  return created;
}

/**
 * The agent's desk says how it took the action. The first report stands (a desk that reports
 * again after a reconnect changes nothing: `changed` false); undefined when the agent has no such action.
 */
export async function recordOutcome(
  db: Kysely<Database>,
  agentId: string,
  id: string,
  outcome: ActionOutcomeRequest,
  now: number,
): Promise<{ action: SupervisorAction; changed: boolean } | undefined> {
  const updated = await db
    .updateTable('supervisor_actions')
    .set({ outcome: outcome.status, outcome_reason: outcome.reason, outcome_at: now })
    .where('id', '=', id)
    .where('agent_id', '=', agentId)
    .where('outcome', 'is', null)
    .returning('id')
    .execute();
  const action = await actionById(db, id);
  return action && action.agentId === agentId ? { action, changed: updated.length > 0 } : undefined;
}

/** The agent's actions its desk has not reported on, oldest first. */
export async function pendingActions(db: Kysely<Database>, agentId: string): Promise<SupervisorAction[]> {
  const rows = await selectActions(db).where('supervisor_actions.agent_id', '=', agentId).where('supervisor_actions.outcome', 'is', null).orderBy('supervisor_actions.created_at').orderBy('supervisor_actions.id').execute();
  return rows.map(toAction);
}

/** Actions taken in [fromMs, toMs), oldest first. */
export async function actionsBetween(db: Kysely<Database>, fromMs: number, toMs: number): Promise<SupervisorAction[]> {
  const rows = await selectActions(db).where('supervisor_actions.created_at', '>=', fromMs).where('supervisor_actions.created_at', '<', toMs).orderBy('supervisor_actions.created_at').orderBy('supervisor_actions.id').execute();
  return rows.map(toAction);
}
