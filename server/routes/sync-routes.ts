import type { FastifyInstance } from 'fastify';
import { syncBatchSchema, type SyncAck } from '../../src/contract';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import { RecordOwnershipConflict, storeRecords } from '../record-store';
import type { ServerContext } from '../server-context';

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, events } = context;

  app.post('/v1/sync', { onRequest: requireSession(context) }, async (request): Promise<SyncAck> => {
    const session = sessionOf(request);
    const batch = parseRequest(syncBatchSchema, request.body);
    // Nobody writes another agent's records (DOMAIN.md rule 8): refuse the whole batch.
    const foreign = batch.records.filter((record) => record.agentId !== session.agentId);
    if (foreign.length > 0) {
      throw new ApiFailure(403, 'forbidden', `records of another agent (${foreign[0]?.agentId}) in a batch of ${session.agentId}`);
    }
    try {
      const receivedAt = clock.now();
      const { acknowledged, stored, alerts, tickets, promises, handovers } = await storeRecords(db, session.agentId, batch.records, receivedAt, policy);
      await events.recordsStored(session.agentId, stored, receivedAt);
      for (const alert of alerts) events.alertChanged(alert);
      for (const ticket of tickets) events.ticketChanged(ticket);
      for (const promise of promises) events.promiseChanged(promise);
      for (const handover of handovers) events.handoverChanged(handover);
      return { acknowledged, serverTime: clock.now() };
    } catch (error) {
      if (error instanceof RecordOwnershipConflict) throw new ApiFailure(409, 'record-id-conflict', error.message);
      throw error;
    }
  });
}
