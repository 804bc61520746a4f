import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { agentIdSchema, type ServerWrapUp } from '../../src/contract';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import { listWrapUps } from '../record-store';
import type { ServerContext } from '../server-context';

const wrapUpsParamsSchema = z.object({ agentId: agentIdSchema });

export function registerWrapUpRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context;

  app.get('/v1/agents/:agentId/wrap-ups', { onRequest: requireSession(db) }, async (request): Promise<{ wrapUps: ServerWrapUp[] }> => {
    const session = sessionOf(request);
    const { agentId } = parseRequest(wrapUpsParamsSchema, request.params);
    if (agentId !== session.agentId && session.role !== 'supervisor') {
      throw new ApiFailure(403, 'forbidden', "only a supervisor may read another agent's wrap-ups");
    }
    return { wrapUps: await listWrapUps(db, agentId) };
  });
}
