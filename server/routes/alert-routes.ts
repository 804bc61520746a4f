import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { Alert } from '../../src/contract';
import { dayOf } from '../../src/domain/day-figures';
import { localDateOf, localInstant } from '../../src/domain/local-time';
import { acknowledgeAlert, alertsOfAgent, alertsRaisedBetween } from '../alerts/alert-store';
import { readableAgentId, requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';

const dayQuerySchema = z.object({ date: z.iso.date().optional() });
const sinceQuerySchema = z.object({ since: z.coerce.number().int().nonnegative().default(0) });
const alertParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** The board's alerts, a supervisor acknowledging one, and a desk catching up on its own (src/contract/alerts.ts). */
export function registerAlertRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, events } = context;
  const boardSession = requireSession(context, ['board']);

  app.get('/v1/board/alerts', { onRequest: boardSession }, async (request): Promise<{ alerts: Alert[] }> => {
    requireSupervisor(request, 'see alerts');
    const { date } = parseRequest(dayQuerySchema, request.query);
    const offset = policy.shift.utcOffsetMinutes;
    const startMs = localInstant(date ?? localDateOf(clock.now(), offset), '00:00', offset);
    return { alerts: await alertsRaisedBetween(db, startMs, dayOf(startMs, offset).endMs) };
  });

  app.post('/v1/board/alerts/:id/ack', { onRequest: boardSession }, async (request): Promise<{ alert: Alert }> => {
    requireSupervisor(request, 'acknowledge alerts');
    const { id } = parseRequest(alertParamsSchema, request.params);
    const outcome = await acknowledgeAlert(db, id, sessionOf(request).agentId, clock.now());
    if (!outcome) throw new ApiFailure(404, 'not-found', `no alert ${id}`);
    // Pushed only when this request made the acknowledgement; a second one changes nothing.
    if (outcome.changed) events.alertChanged(outcome.alert);
    return { alert: outcome.alert };
  });

  app.get('/v1/agents/:agentId/alerts', { onRequest: requireSession(context) }, async (request): Promise<{ alerts: Alert[] }> => {
    const agentId = readableAgentId(request, 'alerts');
    const { since } = parseRequest(sinceQuerySchema, request.query);
    return { alerts: await alertsOfAgent(db, agentId, since) };
  });
}
