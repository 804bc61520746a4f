import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { actionOutcomeRequestSchema, agentIdSchema, supervisorActionRequestSchema, type SupervisorAction } from '../../src/contract';
import { dayOf } from '../../src/domain/day-figures';
import { localDateOf, localInstant } from '../../src/domain/local-time';
import { actionsBetween, createAction, pendingActions, recordOutcome } from '../actions/action-store';
import { findAgent } from '../agents';
import { readableAgentId, requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';

const agentParamsSchema = z.object({ agentId: agentIdSchema });
const outcomeParamsSchema = z.object({ agentId: agentIdSchema, id: z.string().min(1).max(64) });
const dayQuerySchema = z.object({ date: z.iso.date().optional() });

/** Supervisors' actions on seats and the desks' reports on them (src/contract/actions.ts). */
export function registerActionRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, events } = context;
  const boardSession = requireSession(context, ['board']);

  app.post('/v1/board/agents/:agentId/actions', { onRequest: boardSession }, async (request): Promise<{ action: SupervisorAction }> => {
    requireSupervisor(request, "act on an agent's seat");
    const { agentId } = parseRequest(agentParamsSchema, request.params);
    const requested = parseRequest(supervisorActionRequestSchema, request.body);
    const agent = await findAgent(db, agentId);
    if (!agent || agent.role !== 'agent') throw new ApiFailure(404, 'not-found', `no agent ${agentId}`);
    const now = clock.now();
    if (requested.kind === 'approveBusy' && requested.until <= now) throw new ApiFailure(400, 'invalid-request', 'an approval must reach into the future');
    const action = await createAction(db, agentId, sessionOf(request).agentId, requested, now);
    events.actionChanged(action, true);
    return { action };
  });

  app.get('/v1/board/actions', { onRequest: boardSession }, async (request): Promise<{ actions: SupervisorAction[] }> => {
    requireSupervisor(request, 'see actions');
    const { date } = parseRequest(dayQuerySchema, request.query);
    const offset = policy.shift.utcOffsetMinutes;
    const startMs = localInstant(date ?? localDateOf(clock.now(), offset), '00:00', offset);
    return { actions: await actionsBetween(db, startMs, dayOf(startMs, offset).endMs) };
  });

  app.get('/v1/agents/:agentId/actions', { onRequest: requireSession(context) }, async (request): Promise<{ actions: SupervisorAction[] }> => {
    const agentId = readableAgentId(request, 'actions');
    return { actions: await pendingActions(db, agentId) };
  });

  app.post('/v1/agents/:agentId/actions/:id/outcome', { onRequest: requireSession(context) }, async (request): Promise<{ action: SupervisorAction }> => {
    const { agentId, id } = parseRequest(outcomeParamsSchema, request.params);
    // Only the agent's own desk says how it took an action on its seat.
    if (agentId !== sessionOf(request).agentId) throw new ApiFailure(403, 'forbidden', "only the agent's own desk reports on its actions");
    const outcome = parseRequest(actionOutcomeRequestSchema, request.body);
    const recorded = await recordOutcome(db, agentId, id, outcome, clock.now());
    if (!recorded) throw new ApiFailure(404, 'not-found', `agent ${agentId} has no action ${id}`);
    if (recorded.changed) events.actionChanged(recorded.action, false);
    return { action: recorded.action };
  });
}
