import type { FastifyInstance } from 'fastify';
import type { SipCredentialsResponse } from '../../src/contract';
import { findAgent } from '../agents';
import { ApiFailure } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';
import { provisionSip } from '../sip-provision';

/**
 * POST /v1/sip-credentials: fresh SIP credentials for the session's agent, so a desk that stays
 * logged in longer than their lifetime (12 h by default) keeps registering. Only a live session
 * gets them: a desk logged out, or replaced by another login, cannot.
 */
export function registerSipCredentialRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, sip } = context;

  app.post('/v1/sip-credentials', { onRequest: requireSession(context) }, async (request): Promise<SipCredentialsResponse> => {
    const { agentId } = sessionOf(request);
    const agent = await findAgent(db, agentId);
    if (!agent) throw new ApiFailure(401, 'unauthenticated', 'the session has no agent any more');
    return { sip: provisionSip(sip, { agentId: agent.agent_id, name: agent.name }, clock.now()) };
  });
}
