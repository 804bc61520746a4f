import type { FastifyRequest } from 'fastify';
import * as z from 'zod';
import { agentIdSchema } from '../../src/contract';
import { ApiFailure, parseRequest } from './api-failure';
import { sessionOf } from './authenticate';

const agentParamsSchema = z.object({ agentId: agentIdSchema });

/**
 * The `:agentId` of a `/v1/agents/:agentId/…` read, once the session may read it: agents read
 * their own records, a supervisor reads anyone's (DOMAIN.md rule 8). `what` names the records in
 * the 403. Only for routes that use `requireSession`.
 */
export function readableAgentId(request: FastifyRequest, what: string): string {
  const session = sessionOf(request);
  const { agentId } = parseRequest(agentParamsSchema, request.params);
  if (agentId !== session.agentId && session.role !== 'supervisor') {
    throw new ApiFailure(403, 'forbidden', `only a supervisor may read another agent's ${what}`);
  }
  return agentId;
}

/** Refuses (403) a session that is not a supervisor's; `what` names what only supervisors may do. */
export function requireSupervisor(request: FastifyRequest, what: string): void {
  if (sessionOf(request).role !== 'supervisor') throw new ApiFailure(403, 'forbidden', `only a supervisor may ${what}`);
}
