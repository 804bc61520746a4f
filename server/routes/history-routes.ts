import type { FastifyInstance } from 'fastify';
import { historySearchParamsSchema, type HistoryPage } from '../../src/contract/history';
import { searchCallHistory } from '../call-history';
import { parseRequest } from '../http/api-failure';
import { readableAgentId } from '../http/agent-access';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import type { ServerContext } from '../server-context';

/** GET /v1/agents/:agentId/history (src/contract/history.ts): the agent's own calls, or any agent's for a supervisor. */
export function registerHistoryRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context;

  app.get('/v1/agents/:agentId/history', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<HistoryPage> => {
    const agentId = readableAgentId(request, 'call history');
    return searchCallHistory(db, agentId, parseRequest(historySearchParamsSchema, request.query));
  });
}
