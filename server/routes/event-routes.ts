import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { serverEventSchema, type ServerEvent } from '../../src/contract';
import { parseRequest } from '../http/api-failure';
import { readableAgentId } from '../http/agent-access';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import { listEvents } from '../record-store';
import type { ServerContext } from '../server-context';

const eventsQuerySchema = z.object({
  kind: serverEventSchema.shape.kind.optional(),
  /** Desk time in ms; query strings carry it as text. */
  since: z.coerce.number().int().nonnegative().optional(),
});

export function registerEventRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context;

  app.get('/v1/agents/:agentId/events', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ events: ServerEvent[] }> => {
    const agentId = readableAgentId(request, 'events');
    const { kind, since } = parseRequest(eventsQuerySchema, request.query);
    return { events: await listEvents(db, agentId, { kind, since }) };
  });
}
