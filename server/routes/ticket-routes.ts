import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { ticketAssignRequestSchema, ticketCloseRequestSchema, ticketReplyRequestSchema, type Ticket } from '../../src/contract';
import { dayOf } from '../../src/domain/day-figures';
import { localDateOf, localInstant } from '../../src/domain/local-time';
import { readableAgentId, requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';
import { ticketForBoard } from '../tickets/ticket-for-board';
import { assignTicket, closeTicket, openTickets, replyToTicket, TicketChangeRefused, ticketsOfAgentSince, ticketsReceivedBetween } from '../tickets/ticket-store';

const sinceQuerySchema = z.object({ since: z.coerce.number().int().nonnegative().default(0) });
const boardQuerySchema = z.object({ view: z.enum(['open', 'day']).default('open'), date: z.iso.date().optional() });
const ticketParamsSchema = z.object({ id: z.uuid() });

const REFUSALS = {
  'no-ticket': [404, 'not-found'],
  'no-supervisor': [404, 'not-found'],
  'not-a-supervisor': [400, 'invalid-request'],
  closed: [409, 'ticket-closed'],
} as const;

/** A store refusal as the HTTP answer it stands for. */
async function answered(change: Promise<Ticket>): Promise<Ticket> {
  try {
    return await change;
  } catch (error) {
    if (!(error instanceof TicketChangeRefused)) throw error;
    const [status, code] = REFUSALS[error.reason];
    throw new ApiFailure(status, code, error.message);
  }
}

/** Escalation tickets (疑难反馈单, src/contract/tickets.ts): the desk catches up, supervisors work the queue. */
export function registerTicketRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, events } = context;
  const boardSession = requireSession(context, ['board']);

  app.get('/v1/agents/:agentId/tickets', { onRequest: requireSession(context) }, async (request): Promise<{ tickets: Ticket[] }> => {
    const agentId = readableAgentId(request, 'tickets');
    const { since } = parseRequest(sinceQuerySchema, request.query);
    return { tickets: await ticketsOfAgentSince(db, agentId, since) };
  });

  app.get('/v1/board/tickets', { onRequest: boardSession }, async (request): Promise<{ tickets: Ticket[] }> => {
    requireSupervisor(request, 'see tickets');
    const { view, date } = parseRequest(boardQuerySchema, request.query);
    if (view === 'open') return { tickets: (await openTickets(db)).map(ticketForBoard) };
    const offset = policy.shift.utcOffsetMinutes;
    const startMs = localInstant(date ?? localDateOf(clock.now(), offset), '00:00', offset);
    return { tickets: (await ticketsReceivedBetween(db, startMs, dayOf(startMs, offset).endMs)).map(ticketForBoard) };
  });

  const change = (path: string, what: string, make: (id: string, byAgentId: string, body: unknown, now: number) => Promise<Ticket>) =>
    app.post(`/v1/board/tickets/:id/${path}`, { onRequest: boardSession }, async (request): Promise<{ ticket: Ticket }> => {
      requireSupervisor(request, what);
      const { id } = parseRequest(ticketParamsSchema, request.params);
      const ticket = await answered(make(id, sessionOf(request).agentId, request.body, clock.now()));
      events.ticketChanged(ticket);
      return { ticket: ticketForBoard(ticket) };
    });

  change('assign', 'assign tickets', (id, by, body, now) => assignTicket(db, id, by, parseRequest(ticketAssignRequestSchema, body).assignee, now));
  change('reply', 'answer tickets', (id, by, body, now) => replyToTicket(db, id, by, parseRequest(ticketReplyRequestSchema, body).text, now));
  change('close', 'close tickets', (id, by, body, now) => closeTicket(db, id, by, parseRequest(ticketCloseRequestSchema, body ?? {}).note, now));
}
