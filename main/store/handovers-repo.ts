import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import * as z from 'zod';
import { handoverItemSchema, handoverSchema, type Handover, type HandoverItem } from '../../src/contract/handovers';
import type { PromisePerson } from '../../src/contract/promises';
import { handoverPayloadSchema, type HandoverPayload } from '../../src/contract/sync';
import type { OutboxRepo } from './outbox-repo';
import { StoreError } from './store-error';

/** A row of `handovers` (migration 0008). */
interface HandoverRow {
  id: string;
  from_id: string;
  to_id: string | null;
  handed_at: number;
  payload: string | null;
  items: string;
  from_name: string;
  to_name: string;
  server_state: string | null;
  server_updated_at: number | null;
  heard_by: string | null;
}

/** A handover this desk knows: given here (`payload` set), told by the server (`server` set), or both. */
export interface StoredHandover {
  id: string;
  from: PromisePerson;
  to: PromisePerson | 'nextShift';
  handedAt: number;
  /** The record as this desk sent it; null for one only the server told of. */
  payload: HandoverPayload | null;
  /** The items as this desk described them when it gave the handover (the server's, once told). */
  items: HandoverItem[];
  server: Handover | null;
}

/** Where an item's pending handover goes. */
export interface PendingHandoverOf {
  handoverId: string;
  to: PromisePerson | 'nextShift';
}

const itemListSchema = z.array(handoverItemSchema);

/** How many handovers the desk lists each way. */
const LISTED_HANDOVERS = 50;

/**
 * Shift handovers (交接班). Giving one writes the handover, marks its items and queues its record in
 * one transaction, refused when an item already rides in a handover nobody has accepted. The
 * server's state of a handover is kept only when newer, and an accepted one is never set back to
 * pending by an older state.
 */
export class HandoversRepo {
  private readonly insertGiven: Statement<[HandoverRow]>;
  private readonly insertItem: Statement<[string, string, string]>;
  private readonly upsertServerState: Statement<[HandoverRow]>;
  private readonly selectById: Statement<[string], HandoverRow>;
  private readonly selectPendingOf: Statement<[string, string], HandoverRow>;
  private readonly selectOutgoing: Statement<[string, number], HandoverRow>;
  private readonly selectIncoming: Statement<[string, string, number], HandoverRow>;
  private readonly selectNewestUpdate: Statement<[string], { newest: number | null }>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepo,
    private readonly newRecordId: () => string = uuidv7,
  ) {
    this.insertGiven = db.prepare(`
      INSERT INTO handovers (id, from_id, to_id, handed_at, payload, items, from_name, to_name, server_state, server_updated_at, heard_by)
      VALUES (@id, @from_id, @to_id, @handed_at, @payload, @items, @from_name, @to_name, @server_state, @server_updated_at, @heard_by)`);
    this.insertItem = db.prepare('INSERT INTO handover_items (handover_id, kind, item_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    // Newer wins, except that an accepted handover stays accepted; at the same millisecond, accepted wins.
    this.upsertServerState = db.prepare(`
      INSERT INTO handovers (id, from_id, to_id, handed_at, payload, items, from_name, to_name, server_state, server_updated_at, heard_by)
      VALUES (@id, @from_id, @to_id, @handed_at, @payload, @items, @from_name, @to_name, @server_state, @server_updated_at, @heard_by)
      ON CONFLICT (id) DO UPDATE SET server_state = excluded.server_state, server_updated_at = excluded.server_updated_at, heard_by = excluded.heard_by
      WHERE handovers.from_id = excluded.from_id
        AND NOT (coalesce(json_extract(handovers.server_state, '$.status'), '') = 'accepted' AND json_extract(excluded.server_state, '$.status') = 'pending')
        AND (handovers.server_updated_at IS NULL
          OR excluded.server_updated_at > handovers.server_updated_at
          OR (excluded.server_updated_at = handovers.server_updated_at
              AND json_extract(excluded.server_state, '$.status') = 'accepted' AND json_extract(handovers.server_state, '$.status') = 'pending'))`);
    this.selectById = db.prepare('SELECT * FROM handovers WHERE id = ?');
    this.selectPendingOf = db.prepare(`
      SELECT handovers.* FROM handover_items JOIN handovers ON handovers.id = handover_items.handover_id
      WHERE handover_items.kind = ? AND handover_items.item_id = ?
        AND coalesce(json_extract(handovers.server_state, '$.status'), 'pending') = 'pending'
      ORDER BY handovers.handed_at DESC LIMIT 1`);
    this.selectOutgoing = db.prepare(`
      SELECT * FROM handovers
      WHERE from_id = ? AND coalesce(json_extract(server_state, '$.status'), 'pending') = 'pending'
      ORDER BY handed_at DESC, id DESC LIMIT ?`);
    this.selectIncoming = db.prepare(`
      SELECT * FROM handovers
      WHERE server_state IS NOT NULL AND json_extract(server_state, '$.status') = 'pending'
        AND from_id <> ? AND (to_id = ? OR to_id IS NULL)
      ORDER BY handed_at, id LIMIT ?`);
    this.selectNewestUpdate = db.prepare('SELECT max(server_updated_at) AS newest FROM handovers WHERE heard_by = ?');
  }

  /**
   * Saves a handover the agent gave, marks its items and queues it for the server, all committed
   * when this returns. Refused (`item-in-handover`) when an item is in another pending handover.
   */
  give(from: PromisePerson, to: PromisePerson | 'nextShift', payload: HandoverPayload, items: readonly HandoverItem[], at: number): { handoverId: string } {
    const parsed = handoverPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid handover: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const valid = parsed.data;
    const described = itemListSchema.parse(items);
    const id = this.newRecordId();
    this.db.transaction(() => {
      for (const item of valid.items) {
        const pending = this.pendingOf(item.kind, item.id);
        if (pending) throw new StoreError('item-in-handover', `${item.kind} ${item.id} is in handover ${pending.handoverId}, not accepted yet`);
      }
      this.insertGiven.run({
        id,
        from_id: from.agentId,
        to_id: to === 'nextShift' ? null : to.agentId,
        handed_at: at,
        payload: JSON.stringify(valid),
        items: JSON.stringify(described),
        from_name: from.name,
        to_name: to === 'nextShift' ? '' : to.name,
        server_state: null,
        server_updated_at: null,
        heard_by: null,
      });
      for (const item of valid.items) this.insertItem.run(id, item.kind, item.id.toLowerCase());
      this.outbox.enqueue({ id, agentId: from.agentId, kind: 'handover', occurredAt: at, payload: valid }, at);
    }).immediate();
    return { handoverId: id };
  }

  /**
   * Keeps the server's state of a handover if it is newer than the one held (or the first); one
   * given on another desk, or to this agent, is added. Returns whether it was kept.
   */
  applyServerState(handover: Handover, heardBy: string): boolean {
    const valid = handoverSchema.parse(handover);
    const id = valid.id.toLowerCase();
    return this.db.transaction(() => {
      const to = valid.to.kind === 'agent' ? valid.to.agent : null;
      const result = this.upsertServerState.run({
        id,
        from_id: valid.from.agentId,
        to_id: to?.agentId ?? null,
        handed_at: valid.handedAt,
        payload: null,
        items: JSON.stringify(valid.items),
        from_name: valid.from.name,
        to_name: to?.name ?? '',
        server_state: JSON.stringify({ ...valid, id }),
        server_updated_at: valid.updatedAt,
        heard_by: heardBy,
      });
      if (result.changes === 0) return false;
      for (const item of valid.items) this.insertItem.run(id, item.kind, item.id.toLowerCase());
      return true;
    })();
  }

  get(id: string): StoredHandover | null {
    const row = this.selectById.get(id.toLowerCase());
    return row ? toStored(row) : null;
  }

  /** The handover nobody has accepted yet that carries this item, if any. */
  pendingOf(kind: 'promise' | 'ticket', itemId: string): PendingHandoverOf | null {
    const row = this.selectPendingOf.get(kind, itemId.toLowerCase());
    if (!row) return null;
    const stored = toStored(row);
    return { handoverId: stored.id, to: stored.to };
  }

  /** The agent's handovers nobody has accepted yet, newest first. */
  outgoing(agentId: string, limit = LISTED_HANDOVERS): StoredHandover[] {
    return this.selectOutgoing.all(agentId, limit).map(toStored);
  }

  /** Pending handovers on the server to the agent or to the next shift, from someone else, oldest first. */
  incoming(agentId: string, limit = LISTED_HANDOVERS): StoredHandover[] {
    return this.selectIncoming.all(agentId, agentId, limit).map(toStored);
  }

  /** The newest server change the agent's sessions heard (its clock), 0 if none: where a catch-up starts. */
  newestServerUpdate(agentId: string): number {
    return this.selectNewestUpdate.get(agentId)?.newest ?? 0;
  }
}

function toStored(row: HandoverRow): StoredHandover {
  // Checked on the way in; parsed again in case the file was edited or damaged.
  const server = row.server_state === null ? null : handoverSchema.parse(JSON.parse(row.server_state));
  return {
    id: row.id,
    from: { agentId: row.from_id, name: row.from_name },
    to: row.to_id === null ? 'nextShift' : { agentId: row.to_id, name: row.to_name },
    handedAt: row.handed_at,
    payload: row.payload === null ? null : handoverPayloadSchema.parse(JSON.parse(row.payload)),
    items: server?.items ?? itemListSchema.parse(JSON.parse(row.items)),
    server,
  };
}
