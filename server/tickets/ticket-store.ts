import type { Kysely } from 'kysely';
import type { SyncRecord, Ticket, TicketEvent, TicketPerson } from '../../src/contract';
import type { Database, TicketEventRow, TicketRow } from '../db/schema';

export type TicketRecord = Extract<SyncRecord, { kind: 'ticket' }>;

/** Why a supervisor's change of a ticket was refused; the routes turn it into 404/400/409. */
export class TicketChangeRefused extends Error {
  constructor(
    readonly reason: 'no-ticket' | 'no-supervisor' | 'not-a-supervisor' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'TicketChangeRefused';
  }
}

/**
 * Writes the tickets of records stored just now, each with its `raised` event, inside the
 * transaction that stores the records (record-store.ts): an acknowledged ticket is on the server.
 */
export async function insertTickets(trx: Kysely<Database>, records: readonly TicketRecord[], receivedAt: number): Promise<void> {
  if (records.length === 0) return;
  await trx
    .insertInto('tickets')
    .values(
      records.map(({ id, agentId, occurredAt, payload }) => ({
        id,
        agent_id: agentId,
        owner_id: agentId,
        call_id: payload.callId,
        severity: payload.severity,
        content: payload.content,
        customer_name: payload.customerName,
        customer_contact: payload.customerContact,
        call_at: payload.callAt,
        remote_number: payload.remoteNumber,
        promised_reply_at: payload.promisedReplyAt,
        raised_at: occurredAt,
        received_at: receivedAt,
        status: 'new' as const,
        assignee_id: null,
        reply_text: null,
        reply_by: null,
        reply_at: null,
        updated_at: receivedAt,
      })),
    )
    .execute();
  await trx
    .insertInto('ticket_events')
    .values(records.map(({ id, agentId, occurredAt }) => ({ ticket_id: id, seq: 1, kind: 'raised' as const, at: occurredAt, by_agent_id: agentId, text: '', assignee_id: null })))
    .execute();
}

/** The tickets with these ids, in no particular order, with their history. */
export async function ticketsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Ticket[]> {
  if (ids.length === 0) return [];
  return toTickets(db, await db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute());
}

/**
 * The tickets an agent raised or owns, raised or changed at or after `since` (server clock), oldest
 * change first: a desk learns of a ticket handed to it, and of one it raised that left it.
 */
export async function ticketsOfAgentSince(db: Kysely<Database>, agentId: string, since: number): Promise<Ticket[]> {
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where((eb) => eb.or([eb('agent_id', '=', agentId), eb('owner_id', '=', agentId)]))
    .where('updated_at', '>=', since)
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  return toTickets(db, rows);
}

/** Every ticket not closed, whatever day it was raised, oldest first. */
export async function openTickets(db: Kysely<Database>): Promise<Ticket[]> {
  const rows = await db.selectFrom('tickets').selectAll().where('status', '!=', 'closed').orderBy('received_at').orderBy('id').execute();
  return toTickets(db, rows);
}

/** Tickets the server received in [fromMs, toMs), oldest first. */
export async function ticketsReceivedBetween(db: Kysely<Database>, fromMs: number, toMs: number): Promise<Ticket[]> {
  const rows = await db.selectFrom('tickets').selectAll().where('received_at', '>=', fromMs).where('received_at', '<', toMs).orderBy('received_at').orderBy('id').execute();
  return toTickets(db, rows);
}

/** Assigns the ticket to a supervisor; a new ticket becomes `assigned`, an answered one stays answered. */
export function assignTicket(db: Kysely<Database>, id: string, byAgentId: string, assigneeId: string, now: number): Promise<Ticket> {
  return changeTicket(db, id, async (trx, row) => {
    const assignee = await trx.selectFrom('agents').select('role').where('agent_id', '=', assigneeId).executeTakeFirst();
    if (!assignee) throw new TicketChangeRefused('no-supervisor', `no 工号 ${assigneeId}`);
    if (assignee.role !== 'supervisor') throw new TicketChangeRefused('not-a-supervisor', `${assigneeId} is not a supervisor: tickets go to supervisors`);
    return {
      event: { kind: 'assigned', at: now, by_agent_id: byAgentId, text: '', assignee_id: assigneeId },
      change: { assignee_id: assigneeId, status: row.status === 'new' ? 'assigned' : row.status },
    };
  });
}

/** Answers the ticket (again, for a follow-up): it is `answered`, the reply its newest. */
export function replyToTicket(db: Kysely<Database>, id: string, byAgentId: string, text: string, now: number): Promise<Ticket> {
  return changeTicket(db, id, async () => ({
    event: { kind: 'replied', at: now, by_agent_id: byAgentId, text, assignee_id: null },
    change: { status: 'answered', reply_text: text, reply_by: byAgentId, reply_at: now },
  }));
}

/** Closes the ticket with a note ('' for none); nothing changes it afterwards. */
export function closeTicket(db: Kysely<Database>, id: string, byAgentId: string, note: string, now: number): Promise<Ticket> {
  return changeTicket(db, id, async () => ({
    event: { kind: 'closed', at: now, by_agent_id: byAgentId, text: note, assignee_id: null },
    change: { status: 'closed' },
  }));
}

interface TicketChange {
  event: Omit<TicketEventRow, 'ticket_id' | 'seq'>;
  change: Partial<Pick<TicketRow, 'status' | 'assignee_id' | 'reply_text' | 'reply_by' | 'reply_at' | 'owner_id'>>;
}

/** Writes the event (next in the gapless sequence) and the change of a row the transaction has locked. */
async function applyTicketChange(trx: Kysely<Database>, row: TicketRow, { event, change }: TicketChange): Promise<void> {
  const last = await trx.selectFrom('ticket_events').select((eb) => eb.fn.max('seq').as('seq')).where('ticket_id', '=', row.id).executeTakeFirstOrThrow();
  await trx.insertInto('ticket_events').values({ ...event, ticket_id: row.id, seq: Number(last.seq) + 1 }).execute();
  // Never backwards, so `since` and the board's newest-copy-wins hold even if the clock steps back.
  await trx.updateTable('tickets').set({ ...change, updated_at: Math.max(event.at, row.updated_at) }).where('id', '=', row.id).execute();
}

/** The tickets with these ids, locked for the rest of the transaction, in id order (so two transactions never lock crosswise). */
export function lockTickets(trx: Kysely<Database>, ids: readonly string[]): Promise<TicketRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return trx.selectFrom('tickets').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/**
 * A shift handover of the ticket was accepted (handovers/handover-store.ts, in its transaction,
 * the row locked): the receiver owns it, and its history says so with the giver's note.
 */
export function handTicketOver(trx: Kysely<Database>, row: TicketRow, receiverId: string, note: string, now: number): Promise<void> {
  return applyTicketChange(trx, row, { event: { kind: 'handedOver', at: now, by_agent_id: receiverId, text: note, assignee_id: null }, change: { owner_id: receiverId } });
}

/**
 * One change in one transaction: the row is locked, so concurrent changes take turns and the
 * event numbers stay gapless; the event is written and the row updated together.
 */
async function changeTicket(db: Kysely<Database>, id: string, decide: (trx: Kysely<Database>, row: TicketRow) => Promise<TicketChange>): Promise<Ticket> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new TicketChangeRefused('no-ticket', `no ticket ${id}`);
    if (row.status === 'closed') throw new TicketChangeRefused('closed', `ticket ${id} is closed: it changes no more`);
    const { event, change } = await decide(trx, row);
    await applyTicketChange(trx, row, { event, change });
    const [ticket] = await ticketsByIds(trx, [row.id]);
    if (!ticket) throw new Error(`ticket ${id} vanished`);
    return ticket;
  });
}

/** Rows to contract tickets: their histories and the names of everyone named, in two reads. */
async function toTickets(db: Kysely<Database>, rows: readonly TicketRow[]): Promise<Ticket[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('ticket_events')
    .selectAll()
    .where(
      'ticket_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('ticket_id')
    .orderBy('seq')
    .execute();
  const ids = new Set<string>();
  for (const row of rows) for (const id of [row.agent_id, row.owner_id, row.assignee_id, row.reply_by]) if (id !== null) ids.add(id);
  for (const event of events) for (const id of [event.by_agent_id, event.assignee_id]) if (id !== null) ids.add(id);
  const names = new Map((await db.selectFrom('agents').select(['agent_id', 'name']).where('agent_id', 'in', [...ids]).execute()).map((agent) => [agent.agent_id, agent.name]));
  const person = (agentId: string): TicketPerson => ({ agentId, name: names.get(agentId) ?? '' });

  const historyOf = new Map<string, TicketEvent[]>();
  for (const event of events) {
    const key = event.ticket_id.toLowerCase();
    const history = historyOf.get(key) ?? [];
    history.push({ kind: event.kind, at: event.at, by: person(event.by_agent_id), text: event.text, assignee: event.assignee_id === null ? null : person(event.assignee_id) });
    historyOf.set(key, history);
  }
  return rows.map((row) => ({
    id: row.id,
    agentId: row.agent_id,
    agentName: names.get(row.agent_id) ?? '',
    owner: person(row.owner_id),
    callId: row.call_id,
    severity: row.severity,
    content: row.content,
    customerName: row.customer_name,
    customerContact: row.customer_contact,
    callAt: row.call_at,
    remoteNumber: row.remote_number,
    promisedReplyAt: row.promised_reply_at,
    raisedAt: row.raised_at,
    receivedAt: row.received_at,
    status: row.status,
    assignee: row.assignee_id === null ? null : person(row.assignee_id),
    reply: row.reply_text !== null && row.reply_by !== null && row.reply_at !== null ? { text: row.reply_text, by: person(row.reply_by), at: row.reply_at } : null,
    updatedAt: row.updated_at,
    history: historyOf.get(row.id.toLowerCase()) ?? [],
  }));
}
