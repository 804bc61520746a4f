import { sql, type Kysely } from 'kysely';
import { serverEventSchema, type Alert, type Handover, type Policy, type PromiseRecord, type ServerEvent, type ServerWrapUp, type SyncRecord, type Ticket } from '../src/contract';
import { insertAlerts } from './alerts/alert-store';
import { alertsFromRecords } from './alerts/record-alerts';
import { insertAttendance, type AttendanceRecord } from './attendance-store';
import type { Database, WrapUpRow } from './db/schema';
import { handoversByIds, insertHandover } from './handovers/handover-store';
import { applyPromiseStep, insertPromise, lockPromises, makesPromise, promisesByIds } from './promises/promise-store';
import { insertTickets, ticketsByIds, type TicketRecord } from './tickets/ticket-store';

/** Some ids of a batch already belong to another agent's records: nothing of the batch was stored. */
export class RecordOwnershipConflict extends Error {
  constructor(readonly ids: string[]) {
    super(`record ids already used by another agent: ${ids.join(', ')}`);
    this.name = 'RecordOwnershipConflict';
  }
}

type WrapUpRecord = Extract<SyncRecord, { kind: 'wrapUp' }>;
export type ServerEventKind = ServerEvent['kind'];

/**
 * Stores a batch of one agent's records idempotently, in one transaction: a record already stored
 * is left as it is (first write wins), so a batch sent twice is stored once. Wrap-ups are also
 * written to `wrap_ups`, logins/logouts to `attendance` and tickets to `tickets`, where they can be
 * queried. Returns the
 * ids of the batch that are now stored, spelled as the desk sent them (PostgreSQL prints uuids in
 * lower case), the records stored just now (not before), in the batch's order, the alerts they
 * raised and the tickets they raised (stored in the same transaction: an acknowledged record's
 * alert and ticket are on the server). So are the promises its wrap-ups made and its promise
 * steps changed, and its handovers (src/contract/promises.ts, handovers.ts): returned as they
 * stand after the batch.
 */
export async function storeRecords(
  db: Kysely<Database>,
  agentId: string,
  records: SyncRecord[],
  receivedAt: number,
  policy: Policy,
): Promise<{ acknowledged: string[]; stored: SyncRecord[]; alerts: Alert[]; tickets: Ticket[]; promises: PromiseRecord[]; handovers: Handover[] }> {
  const unique = new Map<string, SyncRecord>();
  for (const record of records) if (!unique.has(record.id.toLowerCase())) unique.set(record.id.toLowerCase(), record);
  const batch = [...unique.values()];

  const { stored, alerts, tickets, promises, handovers } = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('records')
      .values(
        batch.map((record) => ({
          id: record.id,
          agent_id: record.agentId,
          kind: record.kind,
          occurred_at: record.occurredAt,
          received_at: receivedAt,
          payload: JSON.stringify(record.payload),
        })),
      )
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id')
      .execute();

    const newIds = new Set(inserted.map((row) => row.id.toLowerCase()));
    // Only ids stored before can belong to another agent (a batch is usually all new).
    const seenBefore = [...unique.keys()].filter((id) => !newIds.has(id));
    if (seenBefore.length > 0) {
      const owners = await trx.selectFrom('records').select(['id', 'agent_id']).where('id', 'in', seenBefore).execute();
      const foreign = owners.filter((row) => row.agent_id !== agentId).map((row) => row.id);
      if (foreign.length > 0) throw new RecordOwnershipConflict(foreign);
    }

    // Only records stored just now are extracted: the copies of a resent batch were extracted before.
    const stored = batch.filter((record) => newIds.has(record.id.toLowerCase()));
    await insertWrapUps(
      trx,
      stored.filter((record): record is WrapUpRecord => record.kind === 'wrapUp'),
      receivedAt,
    );
    await insertAttendance(
      trx,
      stored.filter((record): record is AttendanceRecord => record.kind === 'attendance'),
      receivedAt,
    );
    const ticketRecords = stored.filter((record): record is TicketRecord => record.kind === 'ticket');
    await insertTickets(trx, ticketRecords, receivedAt);
    const { promiseIds, handoverIds } = await storePromisesAndHandovers(trx, stored, receivedAt);
    return {
      promises: await promisesByIds(trx, promiseIds),
      handovers: await handoversByIds(trx, handoverIds),
      stored,
      alerts: await insertAlerts(trx, await alertsFromRecords(trx, agentId, stored, policy, receivedAt), receivedAt),
      tickets: await ticketsByIds(
        trx,
        ticketRecords.map((record) => record.id),
      ),
    };
  });
  return { acknowledged: records.map((record) => record.id).filter((id, index, all) => all.indexOf(id) === index), stored, alerts, tickets, promises, handovers };
}

/**
 * The promises and handovers of records stored just now, in the batch's order (a wrap-up, then a
 * step on its promise, then a handover of it). Every promise the batch touches is locked first,
 * in id order, so a concurrent accept or batch takes turns with this one and never deadlocks.
 */
async function storePromisesAndHandovers(trx: Kysely<Database>, stored: readonly SyncRecord[], receivedAt: number): Promise<{ promiseIds: string[]; handoverIds: string[] }> {
  const touched = stored.flatMap((record) => {
    if (record.kind === 'promiseStep') return [record.payload.promiseId];
    if (record.kind === 'handover') return record.payload.items.filter((item) => item.kind === 'promise').map((item) => item.id);
    return [];
  });
  await lockPromises(trx, [...new Set(touched.map((id) => id.toLowerCase()))]);
  const promiseIds = new Set<string>();
  const handoverIds: string[] = [];
  for (const record of stored) {
    if (record.kind === 'wrapUp' && makesPromise(record)) {
      await insertPromise(trx, record, receivedAt);
      promiseIds.add(record.id.toLowerCase());
    } else if (record.kind === 'promiseStep') {
      const changed = await applyPromiseStep(trx, record, receivedAt);
      if (changed !== null) promiseIds.add(changed.toLowerCase());
    } else if (record.kind === 'handover') {
      for (const id of await insertHandover(trx, record, receivedAt)) promiseIds.add(id.toLowerCase());
      handoverIds.push(record.id);
    }
  }
  return { promiseIds: [...promiseIds], handoverIds };
}

async function insertWrapUps(db: Kysely<Database>, wrapUps: WrapUpRecord[], receivedAt: number): Promise<void> {
  if (wrapUps.length === 0) return;
  await db
    .insertInto('wrap_ups')
    .values(
      wrapUps.map(({ id, agentId, occurredAt, payload }) => ({
        id,
        call_id: payload.callId,
        agent_id: agentId,
        disposition: payload.disposition,
        summary: payload.summary,
        customer_name: payload.customerName,
        customer_contact: payload.customerContact,
        resolved: payload.resolved,
        promised_reply_at: payload.promisedReplyAt,
        occurred_at: occurredAt,
        received_at: receivedAt,
      })),
    )
    .execute();
}

function toServerWrapUp(row: WrapUpRow): ServerWrapUp {
  return {
    id: row.id,
    agentId: row.agent_id,
    callId: row.call_id,
    disposition: row.disposition,
    summary: row.summary,
    customerName: row.customer_name,
    customerContact: row.customer_contact,
    resolved: row.resolved,
    promisedReplyAt: row.promised_reply_at,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  };
}

/** One agent's wrap-ups, oldest first. */
export async function listWrapUps(db: Kysely<Database>, agentId: string): Promise<ServerWrapUp[]> {
  const rows = await db.selectFrom('wrap_ups').selectAll().where('agent_id', '=', agentId).orderBy('occurred_at').orderBy('id').execute();
  return rows.map(toServerWrapUp);
}

export interface EventFilter {
  /** One kind only; every kind of ServerEvent when absent (wrap-ups, tickets, promises and handovers have their own readers). */
  kind?: ServerEventKind;
  /** Only events that happened at or after this desk time (ms). */
  since?: number;
}

/** One agent's records other than wrap-ups, in the order they happened on the desk. */
export async function listEvents(db: Kysely<Database>, agentId: string, filter: EventFilter = {}): Promise<ServerEvent[]> {
  let query = db.selectFrom('records').selectAll().where('agent_id', '=', agentId);
  // Only the kinds the contract's ServerEvent names: tickets, promise steps and handovers have readers of their own.
  query = filter.kind === undefined ? query.where('kind', 'in', serverEventSchema.shape.kind.options) : query.where('kind', '=', filter.kind);
  if (filter.since !== undefined) query = query.where('occurred_at', '>=', filter.since);
  const rows = await query.orderBy('occurred_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    agentId: row.agent_id,
    // The where clause above keeps the other kinds out; the database column is typed with every record kind.
    kind: row.kind as ServerEventKind,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    payload: row.payload as Record<string, unknown>,
  }));
}

/** The agents whose desks reported a call with this call id (normally one; none while unreported). */
export async function agentsOfCall(db: Kysely<Database>, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('records')
    .select('agent_id')
    .distinct()
    .where('kind', '=', 'call')
    // The expression of the records_by_call_id index (migration 0007).
    .where(sql<string>`lower(payload->>'callId')`, '=', callId.toLowerCase())
    .execute();
  return rows.map((row) => row.agent_id);
}
