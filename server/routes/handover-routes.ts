import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { Handover, HandoverAcceptResponse, PromiseRecord } from '../../src/contract';
import { dayOf } from '../../src/domain/day-figures';
import { localDateOf, localInstant } from '../../src/domain/local-time';
import { acceptHandover, handoverForBoard, HandoverRefused, handoversOfAgentSince, handoversReceivedBetween, pendingHandovers } from '../handovers/handover-store';
import { readableAgentId, requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { DESK_OR_BOARD, requireSession, sessionOf } from '../http/authenticate';
import { openPromises, promiseForBoard, promisesOfAgentSince } from '../promises/promise-store';
import type { ServerContext } from '../server-context';

const sinceQuerySchema = z.object({ since: z.coerce.number().int().nonnegative().default(0) });
const boardQuerySchema = z.object({ view: z.enum(['pending', 'day']).default('pending'), date: z.iso.date().optional() });
const handoverParamsSchema = z.object({ id: z.uuid() });

const REFUSALS = {
  'unknown-handover': 404,
  'not-addressee': 403,
  'handover-accepted': 409,
} as const;

/**
 * First-contact promises and shift handovers (src/contract/promises.ts, handovers.ts): desks catch
 * up and accept handovers, supervisors watch both on the board.
 */
export function registerHandoverRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, events } = context;
  const boardSession = requireSession(context, ['board']);

  app.get('/v1/agents/:agentId/promises', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ promises: PromiseRecord[] }> => {
    const agentId = readableAgentId(request, 'promises');
    const { since } = parseRequest(sinceQuerySchema, request.query);
    return { promises: await promisesOfAgentSince(db, agentId, since, clock.now()) };
  });

  app.get('/v1/agents/:agentId/handovers', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ handovers: Handover[] }> => {
    const agentId = readableAgentId(request, 'handovers');
    const { since } = parseRequest(sinceQuerySchema, request.query);
    return { handovers: await handoversOfAgentSince(db, agentId, since, clock.now()) };
  });

  app.post('/v1/handovers/:id/accept', { onRequest: requireSession(context) }, async (request): Promise<HandoverAcceptResponse> => {
    const { id } = parseRequest(handoverParamsSchema, request.params);
    const receiverId = sessionOf(request).agentId;
    let accepted;
    try {
      accepted = await acceptHandover(db, id, receiverId, clock.now());
    } catch (error) {
      if (!(error instanceof HandoverRefused)) throw error;
      throw new ApiFailure(REFUSALS[error.reason], error.reason, error.message, error.acceptedBy ? { acceptedBy: error.acceptedBy } : {});
    }
    const { handover, promises, released, tickets, giverId } = accepted;
    events.handoverChanged(handover);
    for (const promise of promises) events.promiseChanged(promise, giverId);
    for (const promise of released) events.promiseChanged(promise);
    for (const ticket of tickets) events.ticketChanged(ticket, [giverId]);
    return { handover, promises, tickets };
  });

  app.get('/v1/board/promises', { onRequest: boardSession }, async (request): Promise<{ promises: PromiseRecord[] }> => {
    requireSupervisor(request, 'see promises');
    return { promises: (await openPromises(db)).map(promiseForBoard) };
  });

  app.get('/v1/board/handovers', { onRequest: boardSession }, async (request): Promise<{ handovers: Handover[] }> => {
    requireSupervisor(request, 'see handovers');
    const { view, date } = parseRequest(boardQuerySchema, request.query);
    if (view === 'pending') return { handovers: (await pendingHandovers(db)).map(handoverForBoard) };
    const offset = policy.shift.utcOffsetMinutes;
    const startMs = localInstant(date ?? localDateOf(clock.now(), offset), '00:00', offset);
    return { handovers: (await handoversReceivedBetween(db, startMs, dayOf(startMs, offset).endMs)).map(handoverForBoard) };
  });
}
