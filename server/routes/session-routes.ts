import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { agentIdSchema, type AgentSession, type SessionEnded } from '../../src/contract';
import { readableAgentId, requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { DESK_OR_BOARD, requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';
import { endAgentSession, listSessions } from '../sessions';

const agentParamsSchema = z.object({ agentId: agentIdSchema });

/** An agent's sessions, and a supervisor ending one (src/contract/sessions.ts). */
export function registerSessionRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, events, sessionExpiry } = context;

  app.get('/v1/agents/:agentId/sessions', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ sessions: AgentSession[] }> => {
    const agentId = readableAgentId(request, 'sessions');
    // A session that ran out is shown ended, and one that ran out is not ended again by a supervisor.
    await sessionExpiry.expireNow({ agentId });
    return { sessions: await listSessions(db, agentId) };
  });

  app.post('/v1/agents/:agentId/session/end', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ session: SessionEnded }> => {
    requireSupervisor(request, "end an agent's session");
    const { agentId } = parseRequest(agentParamsSchema, request.params);
    await sessionExpiry.expireNow({ agentId });
    const ended = await endAgentSession(db, agentId, sessionOf(request).agentId, clock.now());
    if (!ended) throw new ApiFailure(404, 'not-found', `agent ${agentId} has no live session`);
    events.sessionEnded(ended);
    return { session: ended.ended };
  });
}
