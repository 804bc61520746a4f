import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ticketOwnerId, ticketSchema, type Ticket } from '../../src/contract/tickets';
import { ticketPayloadSchema, type TicketPayload } from '../../src/contract/sync';
import type { OutboxRepo } from './outbox-repo';
import { StoreError } from './store-error';

/** A row of `tickets` (migration 0007). */
interface TicketRow {
  id: string;
  agent_id: string;
  payload: string;
  raised_at: number;
  server_state: string | null;
  server_updated_at: number | null;
  /** Who owns it now (migration 0008): the raiser until a handover of it is accepted. */
  owner_id: string;
}

/** A ticket the agent raised, with the server's last known state of it (null until the server told). */
export interface StoredTicket {
  id: string;
  /** The agent who raised it. */
  agentId: string;
  /** Who owns it now (ticketOwnerId): the raiser until a shift handover of it is accepted. */
  ownerId: string;
  payload: TicketPayload;
  raisedAt: number;
  server: Ticket | null;
}

/** How many tickets the desk lists: every open one comes before the closed ones, so those are cut first. */
const LISTED_TICKETS = 50;

/**
 * The agent's escalation tickets (疑难反馈单). Raising one writes the ticket and its outbox row in
 * one transaction, so a ticket the agent was told is raised reaches the server. The server's state
 * of it is kept only when newer than the one held: a catch-up that overlaps a live push never
 * undoes a later change.
 */
export class TicketsRepo {
  private readonly insertRaised: Statement<[TicketRow]>;
  private readonly upsertServerState: Statement<[TicketRow]>;
  private readonly selectListed: Statement<[string, number], TicketRow>;
  private readonly selectById: Statement<[string], TicketRow>;
  private readonly selectNewestUpdate: Statement<[string, string], { newest: number | null }>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepo,
    private readonly newRecordId: () => string = uuidv7,
  ) {
    this.insertRaised = db.prepare(`
      INSERT INTO tickets (id, agent_id, payload, raised_at, server_state, server_updated_at, owner_id)
      VALUES (@id, @agent_id, @payload, @raised_at, @server_state, @server_updated_at, @owner_id)`);
    // Newer wins; at the same millisecond, the one with the longer history (a later step) does.
    this.upsertServerState = db.prepare(`
      INSERT INTO tickets (id, agent_id, payload, raised_at, server_state, server_updated_at, owner_id)
      VALUES (@id, @agent_id, @payload, @raised_at, @server_state, @server_updated_at, @owner_id)
      ON CONFLICT (id) DO UPDATE SET server_state = excluded.server_state, server_updated_at = excluded.server_updated_at, owner_id = excluded.owner_id
      WHERE tickets.agent_id = excluded.agent_id AND (
        tickets.server_updated_at IS NULL
        OR excluded.server_updated_at > tickets.server_updated_at
        OR (excluded.server_updated_at = tickets.server_updated_at
            AND json_array_length(excluded.server_state, '$.history') > json_array_length(tickets.server_state, '$.history')))`);
    this.selectListed = db.prepare(`
      SELECT * FROM tickets WHERE owner_id = ?
      ORDER BY coalesce(json_extract(server_state, '$.status') = 'closed', 0), raised_at DESC, id DESC
      LIMIT ?`);
    this.selectById = db.prepare('SELECT * FROM tickets WHERE id = ?');
    this.selectNewestUpdate = db.prepare('SELECT max(server_updated_at) AS newest FROM tickets WHERE agent_id = ? OR owner_id = ?');
  }

  /**
   * Saves a ticket the agent raised and queues it for the server, both committed when this
   * returns. Refused (StoreError `invalid-record`) when the payload breaks the contract, e.g.
   * content over 20,000 characters.
   */
  raise(agentId: string, payload: TicketPayload, at: number): { ticketId: string } {
    const parsed = ticketPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid ticket: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const valid = parsed.data;
    const id = this.newRecordId();
    this.db.transaction(() => {
      this.insertRaised.run({ id, agent_id: agentId, payload: JSON.stringify(valid), raised_at: at, server_state: null, server_updated_at: null, owner_id: agentId });
      this.outbox.enqueue({ id, agentId, kind: 'ticket', occurredAt: at, payload: valid }, at);
    }).immediate();
    return { ticketId: id };
  }

  /**
   * Keeps the server's state of one of the agent's tickets if it is newer than the one held (or
   * the first); a ticket raised on another seat is added. Returns whether it was kept.
   */
  applyServerState(ticket: Ticket): boolean {
    const valid = ticketSchema.parse(ticket);
    const { id: rawId, agentId, raisedAt, callId, severity, content, customerName, customerContact, callAt, remoteNumber, promisedReplyAt } = valid;
    const payload: TicketPayload = { callId, severity, content, customerName, customerContact, callAt, remoteNumber, promisedReplyAt };
    const id = rawId.toLowerCase();
    const result = this.upsertServerState.run({
      id,
      agent_id: agentId,
      payload: JSON.stringify(payload),
      raised_at: raisedAt,
      server_state: JSON.stringify({ ...valid, id }),
      server_updated_at: valid.updatedAt,
      owner_id: ticketOwnerId(valid),
    });
    return result.changes > 0;
  }

  get(id: string): StoredTicket | null {
    const row = this.selectById.get(id.toLowerCase());
    return row ? toStored(row) : null;
  }

  /** The tickets the agent owns (raised, or handed to them), open (and not yet on the server) first, newest first within each. */
  list(agentId: string, limit = LISTED_TICKETS): StoredTicket[] {
    return this.selectListed.all(agentId, limit).map(toStored);
  }

  /** The newest server change held of the agent's tickets (raised or owned; its clock), 0 if none: where a catch-up starts. */
  newestServerUpdate(agentId: string): number {
    return this.selectNewestUpdate.get(agentId, agentId)?.newest ?? 0;
  }
}

function toStored(row: TicketRow): StoredTicket {
  // Checked on the way in; parsed again in case the file was edited or damaged.
  return {
    id: row.id,
    agentId: row.agent_id,
    ownerId: row.owner_id,
    payload: ticketPayloadSchema.parse(JSON.parse(row.payload)),
    raisedAt: row.raised_at,
    server: row.server_state === null ? null : ticketSchema.parse(JSON.parse(row.server_state)),
  };
}
