import { sql, type Kysely } from 'kysely';
import type { PromiseEvent, PromisePerson, PromiseRecord, SyncRecord } from '../../src/contract';
import type { Database, PromiseEventRow, PromiseRow } from '../db/schema';
import { maskNumber } from '../seats/mask-number';
import { cutText } from '../../src/domain/cut-text';

export type WrapUpRecord = Extract<SyncRecord, { kind: 'wrapUp' }>;
export type PromiseStepRecord = Extract<SyncRecord, { kind: 'promiseStep' }>;

/** The contract's caps (src/contract/promises.ts). */
const SUMMARY_MAX = 2_000;
const CALLBACKS_KEPT = 100;
/** A desk catching up gets at most this many promises per answer, and looks back at most this far. */
export const CATCH_UP_LIMIT = 500;
export const CATCH_UP_WINDOW_MS = 30 * 24 * 60 * 60_000;

/** A wrap-up that is not resolved and names a promised reply time is a promise (首问责任制). */
export function makesPromise(record: WrapUpRecord): boolean {
  return !record.payload.resolved && record.payload.promisedReplyAt !== null;
}

/**
 * Writes the promise a wrap-up stored just now makes, with its `made` event, inside the
 * transaction that stores the records (record-store.ts): an acknowledged wrap-up's promise is on
 * the server. The number comes from the server's copy of the call, if it has one.
 */
export async function insertPromise(trx: Kysely<Database>, record: WrapUpRecord, receivedAt: number): Promise<void> {
  const { id, agentId, occurredAt, payload } = record;
  if (payload.promisedReplyAt === null) return;
  const call = await trx
    .selectFrom('records')
    .select(sql<string | null>`payload->>'remoteNumber'`.as('remote_number'))
    .where('kind', '=', 'call')
    .where('agent_id', '=', agentId)
    // The expression of the records_by_call_id index (migration 0007).
    .where(sql<string>`lower(payload->>'callId')`, '=', payload.callId.toLowerCase())
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto('promises')
    .values({
      id,
      call_id: payload.callId,
      made_by: agentId,
      owner_id: agentId,
      due_at: payload.promisedReplyAt,
      made_at: occurredAt,
      disposition: payload.disposition,
      summary: cutText(payload.summary, SUMMARY_MAX),
      customer_name: payload.customerName,
      customer_contact: payload.customerContact,
      remote_number: cutText(call?.remote_number ?? '', 64),
      status: 'open',
      kept_at: null,
      kept_by: null,
      kept_note: null,
      pending_handover_id: null,
      received_at: receivedAt,
      updated_at: receivedAt,
    })
    .execute();
  await trx.insertInto('promise_events').values({ promise_id: id, seq: 1, kind: 'made', at: occurredAt, by_agent_id: agentId, text: '', call_id: null }).execute();
  await trx.insertInto('promise_owners').values({ agent_id: agentId, promise_id: id }).execute();
}

/** The promises with these ids, locked for the rest of the transaction, in id order (so two transactions never lock crosswise). */
export function lockPromises(trx: Kysely<Database>, ids: readonly string[]): Promise<PromiseRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return trx.selectFrom('promises').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export type PromiseChange = Partial<Pick<PromiseRow, 'status' | 'kept_at' | 'kept_by' | 'kept_note' | 'owner_id' | 'pending_handover_id'>>;

/**
 * Writes the event (next in the gapless sequence) and the change of a promise the transaction
 * has locked; `now` (server clock) is its new `updatedAt`, never earlier than the last.
 */
export async function changePromise(
  trx: Kysely<Database>,
  row: PromiseRow,
  event: Omit<PromiseEventRow, 'promise_id' | 'seq'> | null,
  change: PromiseChange,
  now: number,
): Promise<void> {
  if (event) {
    const last = await trx.selectFrom('promise_events').select((eb) => eb.fn.max('seq').as('seq')).where('promise_id', '=', row.id).executeTakeFirstOrThrow();
    await trx.insertInto('promise_events').values({ ...event, promise_id: row.id, seq: Number(last.seq) + 1 }).execute();
  }
  await trx.updateTable('promises').set({ ...change, updated_at: Math.max(now, row.updated_at) }).where('id', '=', row.id).execute();
  if (change.owner_id !== undefined) {
    await trx
      .insertInto('promise_owners')
      .values({ agent_id: change.owner_id, promise_id: row.id })
      .onConflict((conflict) => conflict.columns(['agent_id', 'promise_id']).doNothing())
      .execute();
  }
}

/**
 * Applies a step its desk reported (src/contract/promises.ts), in the records' transaction: the
 * owner's step on an open promise changes it; any other is kept in the history as `ignored`, with
 * why, and changes nothing else. Returns the promise's id, or null for a promise the server does
 * not know (the record is stored all the same).
 */
export async function applyPromiseStep(trx: Kysely<Database>, record: PromiseStepRecord, receivedAt: number): Promise<string | null> {
  const { agentId, occurredAt, payload } = record;
  const [row] = await lockPromises(trx, [payload.promiseId]);
  if (!row) return null;
  const ignored = (why: string) => changePromise(trx, row, { kind: 'ignored', at: occurredAt, by_agent_id: agentId, text: why, call_id: null }, {}, receivedAt);
  if (row.owner_id !== agentId) await ignored(`${payload.step} from ${agentId}, who does not own the promise (${row.owner_id} does)`);
  else if (row.status === 'kept') await ignored(`${payload.step} after the promise was kept`);
  else if (payload.step === 'calledBack') {
    if (payload.callId === null) await ignored('calledBack without the call placed');
    else await changePromise(trx, row, { kind: 'calledBack', at: occurredAt, by_agent_id: agentId, text: '', call_id: payload.callId }, {}, receivedAt);
  } else {
    await changePromise(
      trx,
      row,
      { kind: 'kept', at: occurredAt, by_agent_id: agentId, text: payload.note, call_id: null },
      { status: 'kept', kept_at: occurredAt, kept_by: agentId, kept_note: payload.note },
      receivedAt,
    );
  }
  return row.id;
}

/** The promises with these ids, in no particular order, with their history. */
export async function promisesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<PromiseRecord[]> {
  if (ids.length === 0) return [];
  return toPromises(db, await db.selectFrom('promises').selectAll().where('id', 'in', ids).execute());
}

/**
 * The promises an agent owns or owned, changed at or after `since` (server clock), oldest change
 * first, at most CATCH_UP_LIMIT. A `since` older than CATCH_UP_WINDOW_MS counts as that far
 * back, and then every open promise the agent owns comes too, however old its last change.
 */
export async function promisesOfAgentSince(db: Kysely<Database>, agentId: string, since: number, now: number): Promise<PromiseRecord[]> {
  const floor = now - CATCH_UP_WINDOW_MS;
  const clamped = since < floor;
  const from = clamped ? floor : since;
  const rows = await db
    .selectFrom('promises')
    .selectAll()
    .where('id', 'in', (eb) => eb.selectFrom('promise_owners').select('promise_id').where('agent_id', '=', agentId))
    .where((eb) =>
      clamped ? eb.or([eb('updated_at', '>=', from), eb.and([eb('owner_id', '=', agentId), eb('status', '=', 'open')])]) : eb('updated_at', '>=', from),
    )
    .orderBy('updated_at')
    .orderBy('id')
    .limit(CATCH_UP_LIMIT)
    .execute();
  return toPromises(db, rows);
}

/** Every open promise, the one due first first. */
export async function openPromises(db: Kysely<Database>): Promise<PromiseRecord[]> {
  const rows = await db.selectFrom('promises').selectAll().where('status', '=', 'open').orderBy('due_at').orderBy('id').execute();
  return toPromises(db, rows);
}

/** A promise as a board gets it: the customer's number masked (DOMAIN.md rule 8), as tickets are. */
export function promiseForBoard(promise: PromiseRecord): PromiseRecord {
  return { ...promise, remoteNumber: maskNumber(promise.remoteNumber) };
}

/** Rows to contract promises: their histories and the names of everyone named, in two reads. */
async function toPromises(db: Kysely<Database>, rows: readonly PromiseRow[]): Promise<PromiseRecord[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('promise_events')
    .selectAll()
    .where(
      'promise_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('promise_id')
    .orderBy('seq')
    .execute();
  const ids = new Set<string>();
  for (const row of rows) for (const id of [row.made_by, row.owner_id, row.kept_by]) if (id !== null) ids.add(id);
  for (const event of events) ids.add(event.by_agent_id);
  const names = new Map((await db.selectFrom('agents').select(['agent_id', 'name']).where('agent_id', 'in', [...ids]).execute()).map((agent) => [agent.agent_id, agent.name]));
  const person = (agentId: string): PromisePerson => ({ agentId, name: names.get(agentId) ?? '' });

  const historyOf = new Map<string, PromiseEvent[]>();
  for (const event of events) {
    const key = event.promise_id.toLowerCase();
    const history = historyOf.get(key) ?? [];
    history.push({ kind: event.kind, at: event.at, by: person(event.by_agent_id), text: event.text, callId: event.call_id });
    historyOf.set(key, history);
  }
  return rows.map((row) => {
    const history = historyOf.get(row.id.toLowerCase()) ?? [];
    const callbacks = history.flatMap((event) => (event.kind === 'calledBack' && event.callId !== null ? [{ callId: event.callId, at: event.at }] : []));
    return {
      id: row.id,
      callId: row.call_id,
      madeBy: person(row.made_by),
      owner: person(row.owner_id),
      dueAt: row.due_at,
      madeAt: row.made_at,
      disposition: row.disposition,
      summary: row.summary,
      customerName: row.customer_name,
      customerContact: row.customer_contact,
      remoteNumber: row.remote_number,
      status: row.status,
      kept: row.kept_at !== null && row.kept_by !== null && row.kept_note !== null ? { at: row.kept_at, by: person(row.kept_by), note: row.kept_note } : null,
      callbacks: callbacks.slice(-CALLBACKS_KEPT),
      pendingHandoverId: row.pending_handover_id,
      updatedAt: row.updated_at,
      history,
    };
  });
}
