import type { FastifyInstance } from 'fastify';
import type { ServerWrapUp } from '../../src/contract';
import { readableAgentId } from '../http/agent-access';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import { listWrapUps } from '../record-store';
import type { ServerContext } from '../server-context';

export function registerWrapUpRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context;

  app.get('/v1/agents/:agentId/wrap-ups', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ wrapUps: ServerWrapUp[] }> => {
    const agentId = readableAgentId(request, 'wrap-ups');
    return { wrapUps: await listWrapUps(db, agentId) };
  });
}
