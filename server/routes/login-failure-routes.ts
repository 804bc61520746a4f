import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { agentIdSchema, type LoginFailure } from '../../src/contract';
import { requireSupervisor } from '../http/agent-access';
import { parseRequest } from '../http/api-failure';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import { listLoginFailures } from '../login-failures';
import type { ServerContext } from '../server-context';

const loginFailuresQuerySchema = z.object({
  /** Server time in ms; query strings carry it as text. */
  since: z.coerce.number().int().nonnegative().default(0),
  agentId: agentIdSchema.optional(),
});

/** GET /v1/login-failures: the failed logins for the supervisor board (src/contract/sessions.ts). */
export function registerLoginFailureRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context;

  app.get('/v1/login-failures', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ failures: LoginFailure[] }> => {
    requireSupervisor(request, 'read failed logins');
    const { since, agentId } = parseRequest(loginFailuresQuerySchema, request.query);
    return { failures: await listLoginFailures(db, { since, ...(agentId === undefined ? {} : { agentId }) }) };
  });
}
