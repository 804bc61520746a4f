import type { Kysely } from 'kysely';
import type { Handover, HandoverItem, PromisePerson, PromiseRecord, SyncRecord, Ticket } from '../../src/contract';
import type { Database, HandoverItemRow, HandoverRow } from '../db/schema';
import { cutText } from '../../src/domain/cut-text';
import { CATCH_UP_LIMIT, CATCH_UP_WINDOW_MS, changePromise, lockPromises, promisesByIds } from '../promises/promise-store';
import { maskNumber } from '../seats/mask-number';
import { handTicketOver, lockTickets, ticketsByIds } from '../tickets/ticket-store';

export type HandoverRecord = Extract<SyncRecord, { kind: 'handover' }>;

const TITLE_MAX = 200;

/** Why an accept was refused; the route turns it into 404/403/409 (src/contract/handovers.ts). */
export class HandoverRefused extends Error {
  constructor(
    readonly reason: 'unknown-handover' | 'not-addressee' | 'handover-accepted',
    message: string,
    readonly acceptedBy: PromisePerson | null = null,
  ) {
    super(message);
    this.name = 'HandoverRefused';
  }
}

/**
 * Writes a handover stored just now, inside the transaction that stores the records
 * (record-store.ts). Each item is described as it is now; an item the giver does not own (or
 * the server does not know) is kept, marked not valid, and can never move. The giver's open
 * promises among the items are marked pending with a `handedOver` event carrying the item's note.
 * Returns the ids of the promises it changed.
 */
export async function insertHandover(trx: Kysely<Database>, record: HandoverRecord, receivedAt: number): Promise<string[]> {
  const { id, agentId, occurredAt, payload } = record;
  const seen = new Set<string>();
  const items = payload.items.filter((item) => {
    const key = `${item.kind}:${item.id.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const promiseIds = items.filter((item) => item.kind === 'promise').map((item) => item.id);
  const ticketIds = items.filter((item) => item.kind === 'ticket').map((item) => item.id);
  const promises = new Map((await lockPromises(trx, promiseIds)).map((row) => [row.id.toLowerCase(), row]));
  const tickets = new Map(
    (ticketIds.length === 0 ? [] : await trx.selectFrom('tickets').selectAll().where('id', 'in', ticketIds).execute()).map((row) => [row.id.toLowerCase(), row]),
  );

  await trx
    .insertInto('handovers')
    .values({
      id,
      from_id: agentId,
      to_kind: payload.to.kind,
      to_agent_id: payload.to.kind === 'agent' ? payload.to.agentId : null,
      note: payload.note,
      handed_at: occurredAt,
      received_at: receivedAt,
      status: 'pending',
      accepted_by: null,
      accepted_at: null,
      updated_at: receivedAt,
    })
    .execute();

  const changed: string[] = [];
  const rows = items.map((item, position) => {
    const row = { handover_id: id, position, kind: item.kind, item_id: item.id, note: item.note, title: '', due_at: null as number | null, remote_number: '', valid: false, outcome: null };
    if (item.kind === 'promise') {
      const promise = promises.get(item.id.toLowerCase());
      if (!promise || promise.owner_id !== agentId) return row;
      const title = promise.customer_name === '' ? promise.summary : `${promise.customer_name}：${promise.summary}`;
      return { ...row, title: cutText(title, TITLE_MAX), due_at: promise.due_at, remote_number: promise.remote_number, valid: true };
    }
    const ticket = tickets.get(item.id.toLowerCase());
    if (!ticket || ticket.owner_id !== agentId) return row;
    return { ...row, title: cutText(ticket.content, TITLE_MAX), due_at: ticket.promised_reply_at, remote_number: ticket.remote_number, valid: true };
  });
  await trx.insertInto('handover_items').values(rows).execute();

  for (const item of items) {
    if (item.kind !== 'promise') continue;
    const promise = promises.get(item.id.toLowerCase());
    if (!promise || promise.owner_id !== agentId || promise.status !== 'open') continue;
    await changePromise(trx, promise, { kind: 'handedOver', at: occurredAt, by_agent_id: agentId, text: item.note, call_id: null }, { pending_handover_id: id }, receivedAt);
    changed.push(promise.id);
  }
  return changed;
}

export interface AcceptedHandover {
  handover: Handover;
  /** The promises the receiver owns now. */
  promises: PromiseRecord[];
  /** Promises of the handover that stayed (finished, or no longer the giver's) but were no longer pending on it. */
  released: PromiseRecord[];
  /** The tickets the receiver owns now. */
  tickets: Ticket[];
  /** Who gave it: the previous owner of everything that moved. */
  giverId: string;
}

/**
 * The receiver accepts the handover (src/contract/handovers.ts), in one transaction: the
 * handover's row is locked first, so of two accepts (on any instances) the second waits and then
 * finds it accepted. Every item still open and still the giver's changes owner; finished ones stay.
 */
export function acceptHandover(db: Kysely<Database>, id: string, receiverId: string, now: number): Promise<AcceptedHandover> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('handovers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new HandoverRefused('unknown-handover', `no handover ${id}`);
    if (row.from_id === receiverId) throw new HandoverRefused('not-addressee', 'one cannot accept one’s own handover');
    if (row.to_kind === 'agent' && row.to_agent_id !== receiverId) throw new HandoverRefused('not-addressee', `handover ${id} is for ${row.to_agent_id}`);
    if (row.status === 'accepted' && row.accepted_by !== null) {
      const agent = await trx.selectFrom('agents').select('name').where('agent_id', '=', row.accepted_by).executeTakeFirst();
      throw new HandoverRefused('handover-accepted', `handover ${id} was accepted by ${row.accepted_by} first`, { agentId: row.accepted_by, name: agent?.name ?? '' });
    }
    await trx.updateTable('handovers').set({ status: 'accepted', accepted_by: receiverId, accepted_at: now, updated_at: Math.max(now, row.updated_at) }).where('id', '=', row.id).execute();

    const items = await trx.selectFrom('handover_items').selectAll().where('handover_id', '=', row.id).orderBy('position').execute();
    const ofKind = (kind: HandoverItemRow['kind']) => items.filter((item) => item.kind === kind && item.valid).map((item) => item.item_id);
    const promises = new Map((await lockPromises(trx, ofKind('promise'))).map((promise) => [promise.id, promise]));
    const tickets = new Map((await lockTickets(trx, ofKind('ticket'))).map((ticket) => [ticket.id, ticket]));
    const moved = { promise: [] as string[], ticket: [] as string[] };
    const released: string[] = [];
    for (const item of items) {
      let outcome: 'moved' | 'stayed' = 'stayed';
      if (item.kind === 'promise') {
        const promise = promises.get(item.item_id);
        const pendingHere = promise?.pending_handover_id === row.id;
        if (promise && item.valid && promise.status === 'open' && promise.owner_id === row.from_id) {
          await changePromise(
            trx,
            promise,
            { kind: 'accepted', at: now, by_agent_id: receiverId, text: '', call_id: null },
            // Pending on another handover of the giver's too: that one can no longer move it.
            { owner_id: receiverId, pending_handover_id: null },
            now,
          );
          outcome = 'moved';
          moved.promise.push(promise.id);
        } else if (promise && pendingHere) {
          await changePromise(trx, promise, null, { pending_handover_id: null }, now);
          released.push(promise.id);
        }
      } else {
        const ticket = tickets.get(item.item_id);
        if (ticket && item.valid && ticket.status !== 'closed' && ticket.owner_id === row.from_id) {
          await handTicketOver(trx, ticket, receiverId, item.note, now);
          outcome = 'moved';
          moved.ticket.push(ticket.id);
        }
      }
      await trx.updateTable('handover_items').set({ outcome }).where('handover_id', '=', row.id).where('position', '=', item.position).execute();
    }
    const [handover] = await handoversByIds(trx, [row.id]);
    if (!handover) throw new Error(`handover ${id} vanished`);
    return {
      handover,
      promises: sortedLike(moved.promise, await promisesByIds(trx, moved.promise)),
      released: await promisesByIds(trx, released),
      tickets: sortedLike(moved.ticket, await ticketsByIds(trx, moved.ticket)),
      giverId: row.from_id,
    };
  });
}

/** `records` in the order of `ids` (the handover's items). */
function sortedLike<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const order = new Map(ids.map((id, index) => [id.toLowerCase(), index]));
  return [...records].sort((a, b) => (order.get(a.id.toLowerCase()) ?? 0) - (order.get(b.id.toLowerCase()) ?? 0));
}

/** The handovers with these ids, in no particular order. */
export async function handoversByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Handover[]> {
  if (ids.length === 0) return [];
  return toHandovers(db, await db.selectFrom('handovers').selectAll().where('id', 'in', ids).execute());
}

/**
 * The handovers an agent gave, those to the agent, and those to the next shift from anyone else,
 * changed at or after `since` (server clock), oldest change first, at most CATCH_UP_LIMIT. A
 * `since` older than CATCH_UP_WINDOW_MS counts as that far back, and then every pending one of
 * those comes too, however old. A next-shift handover someone accepted is listed (changed) so a
 * desk that showed it pending learns it is taken.
 */
export async function handoversOfAgentSince(db: Kysely<Database>, agentId: string, since: number, now: number): Promise<Handover[]> {
  const floor = now - CATCH_UP_WINDOW_MS;
  const clamped = since < floor;
  const from = clamped ? floor : since;
  const rows = await db
    .selectFrom('handovers')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('from_id', '=', agentId),
        eb.and([eb('to_kind', '=', 'agent'), eb('to_agent_id', '=', agentId)]),
        eb.and([eb('to_kind', '=', 'nextShift'), eb('from_id', '!=', agentId)]),
      ]),
    )
    .where((eb) => (clamped ? eb.or([eb('updated_at', '>=', from), eb('status', '=', 'pending')]) : eb('updated_at', '>=', from)))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(CATCH_UP_LIMIT)
    .execute();
  return toHandovers(db, rows);
}

/** Every handover nobody has accepted yet, oldest first. */
export async function pendingHandovers(db: Kysely<Database>): Promise<Handover[]> {
  const rows = await db.selectFrom('handovers').selectAll().where('status', '=', 'pending').orderBy('received_at').orderBy('id').execute();
  return toHandovers(db, rows);
}

/** Handovers the server received in [fromMs, toMs), oldest first. */
export async function handoversReceivedBetween(db: Kysely<Database>, fromMs: number, toMs: number): Promise<Handover[]> {
  const rows = await db.selectFrom('handovers').selectAll().where('received_at', '>=', fromMs).where('received_at', '<', toMs).orderBy('received_at').orderBy('id').execute();
  return toHandovers(db, rows);
}

/** A handover as a board gets it: the customers' numbers masked (DOMAIN.md rule 8). */
export function handoverForBoard(handover: Handover): Handover {
  return { ...handover, items: handover.items.map((item) => ({ ...item, remoteNumber: maskNumber(item.remoteNumber) })) };
}

/**
 * Rows to contract handovers. An item is open while it can still move (pending: still open and
 * still the giver's) or, once accepted, while what moved to the receiver is still open.
 */
async function toHandovers(db: Kysely<Database>, rows: readonly HandoverRow[]): Promise<Handover[]> {
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('handover_items')
    .selectAll()
    .where(
      'handover_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('handover_id')
    .orderBy('position')
    .execute();
  const validIds = (kind: HandoverItemRow['kind']) => [...new Set(items.filter((item) => item.kind === kind && item.valid).map((item) => item.item_id))];
  const promiseIds = validIds('promise');
  const ticketIds = validIds('ticket');
  const promiseStates = promiseIds.length === 0 ? [] : await db.selectFrom('promises').select(['id', 'owner_id', 'status']).where('id', 'in', promiseIds).execute();
  const ticketStates = ticketIds.length === 0 ? [] : await db.selectFrom('tickets').select(['id', 'owner_id', 'status']).where('id', 'in', ticketIds).execute();
  const now = new Map<string, { ownerId: string; open: boolean }>([
    ...promiseStates.map((state) => [`promise:${state.id}`, { ownerId: state.owner_id, open: state.status === 'open' }] as const),
    ...ticketStates.map((state) => [`ticket:${state.id}`, { ownerId: state.owner_id, open: state.status !== 'closed' }] as const),
  ]);

  const ids = new Set<string>();
  for (const row of rows) for (const id of [row.from_id, row.to_agent_id, row.accepted_by]) if (id !== null) ids.add(id);
  const names = new Map((await db.selectFrom('agents').select(['agent_id', 'name']).where('agent_id', 'in', [...ids]).execute()).map((agent) => [agent.agent_id, agent.name]));
  const person = (agentId: string): PromisePerson => ({ agentId, name: names.get(agentId) ?? '' });

  const itemsOf = new Map<string, HandoverItem[]>();
  const byHandover = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
  for (const item of items) {
    const key = item.handover_id.toLowerCase();
    const handover = byHandover.get(key);
    const state = now.get(`${item.kind}:${item.item_id}`);
    let open = false;
    if (handover && item.valid && state?.open) open = handover.status === 'pending' ? state.ownerId === handover.from_id : item.outcome === 'moved';
    const list = itemsOf.get(key) ?? [];
    list.push({ kind: item.kind, id: item.item_id, note: item.note, title: item.title, dueAt: item.due_at, remoteNumber: item.remote_number, open });
    itemsOf.set(key, list);
  }
  return rows.map((row) => ({
    id: row.id,
    from: person(row.from_id),
    to: row.to_kind === 'agent' && row.to_agent_id !== null ? { kind: 'agent', agent: person(row.to_agent_id) } : { kind: 'nextShift' },
    note: row.note,
    items: itemsOf.get(row.id.toLowerCase()) ?? [],
    handedAt: row.handed_at,
    receivedAt: row.received_at,
    status: row.status,
    accepted: row.accepted_by !== null && row.accepted_at !== null ? { by: person(row.accepted_by), at: row.accepted_at } : null,
    updatedAt: row.updated_at,
  }));
}
