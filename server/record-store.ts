import type { Kysely } from 'kysely';
import type { ServerWrapUp, SyncRecord } from '../src/contract';
import type { Database, WrapUpRow } from './db/schema';

/** Some ids of a batch already belong to another agent's records: nothing of the batch was stored. */
export class RecordOwnershipConflict extends Error {
  constructor(readonly ids: string[]) {
    super(`record ids already used by another agent: ${ids.join(', ')}`);
    this.name = 'RecordOwnershipConflict';
  }
}

/**
 * Stores a batch of one agent's records idempotently, in one transaction: a record already stored
 * is left as it is (first write wins), so a batch sent twice is stored once. Wrap-ups are also
 * written to `wrap_ups`, where they can be queried. Returns the ids of the batch that are now
 * stored, spelled as the desk sent them (PostgreSQL prints uuids in lower case).
 */
export async function storeRecords(db: Kysely<Database>, agentId: string, records: SyncRecord[], receivedAt: number): Promise<string[]> {
  const unique = new Map<string, SyncRecord>();
  for (const record of records) if (!unique.has(record.id.toLowerCase())) unique.set(record.id.toLowerCase(), record);
  const batch = [...unique.values()];

  await db.transaction().execute(async (trx) => {
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

    const owners = await trx
      .selectFrom('records')
      .select(['id', 'agent_id'])
      .where('id', 'in', [...unique.keys()])
      .execute();
    const foreign = owners.filter((row) => row.agent_id !== agentId).map((row) => row.id);
    if (foreign.length > 0) throw new RecordOwnershipConflict(foreign);

    const newIds = new Set(inserted.map((row) => row.id.toLowerCase()));
    const wrapUps = batch.flatMap((record) => (record.kind === 'wrapUp' && newIds.has(record.id.toLowerCase()) ? [record] : []));
    if (wrapUps.length === 0) return;
    await trx
      .insertInto('wrap_ups')
      .values(
        wrapUps.map(({ id, agentId: owner, occurredAt, payload }) => ({
          id,
          call_id: payload.callId,
          agent_id: owner,
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
  });
  return records.map((record) => record.id).filter((id, index, all) => all.indexOf(id) === index);
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
