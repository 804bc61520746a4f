import type { Database, Statement } from 'better-sqlite3';
import { syncRecordSchema, type SyncRecord } from '../../src/contract/sync';
import { StoreError } from './store-error';

/** A row of `outbox`: one record waiting for (or already given) the server's acknowledgement. */
export interface OutboxRow {
  seq: number;
  id: string;
  agent_id: string;
  kind: string;
  occurred_at: number;
  payload: string;
  created_at: number;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
  acked_at: number | null;
}

/** What the UI and diagnostics need to know about one queued record. */
export interface OutboxEntry {
  record: SyncRecord;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  ackedAt: number | null;
}

/**
 * The sync outbox: every record that must reach the central server, in the order it happened.
 *
 * Order per agent is strict: a batch is always the oldest unacknowledged records, and while the
 * oldest one waits for its retry time nothing behind it is sent. Rows are never deleted here, so
 * a record is lost only if the server acknowledged it.
 */
export class OutboxRepo {
  private readonly insert: Statement<[Omit<OutboxRow, 'seq'>]>;
  private readonly selectPending: Statement<[string, number], OutboxRow>;
  private readonly selectById: Statement<[string], OutboxRow>;
  private readonly countPending: Statement<[string], { count: number }>;
  private readonly ackOne: Statement<[number, string]>;
  private readonly failOne: Statement<[string, number, string]>;
  private readonly selectBetween: Statement<[string, number, number], OutboxRow>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(`
      INSERT INTO outbox (id, agent_id, kind, occurred_at, payload, created_at, attempts, last_error, next_attempt_at, acked_at)
      VALUES (@id, @agent_id, @kind, @occurred_at, @payload, @created_at, @attempts, @last_error, @next_attempt_at, @acked_at)`);
    this.selectPending = db.prepare(
      'SELECT * FROM outbox WHERE agent_id = ? AND acked_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.selectById = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.countPending = db.prepare('SELECT count(*) AS count FROM outbox WHERE agent_id = ? AND acked_at IS NULL');
    // The first acknowledgement wins: acknowledging again (a retried batch) changes nothing.
    this.ackOne = db.prepare('UPDATE outbox SET acked_at = ?, next_attempt_at = NULL WHERE id = ? AND acked_at IS NULL');
    this.failOne = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND acked_at IS NULL',
    );
    this.selectBetween = db.prepare('SELECT * FROM outbox WHERE agent_id = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY seq');
  }

  /** Every record of `agentId` that happened in [fromMs, toMs), sent or not, in the order they were made. */
  recordsBetween(agentId: string, fromMs: number, toMs: number): SyncRecord[] {
    return this.selectBetween.all(agentId, fromMs, toMs).map(toRecord);
  }

  /**
   * Queues a record for the server. Call inside the transaction that writes the record's own rows
   * (better-sqlite3 nests it as a savepoint), so both are committed or neither is.
   */
  enqueue(record: SyncRecord, createdAt: number): void {
    const parsed = syncRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new StoreError('invalid-record', `not a valid ${String(record.kind)} record: ${parsed.error.message}`);
    }
    const valid = parsed.data;
    this.insert.run({
      id: valid.id,
      agent_id: valid.agentId,
      kind: valid.kind,
      occurred_at: valid.occurredAt,
      payload: JSON.stringify(valid.payload),
      created_at: createdAt,
      attempts: 0,
      last_error: null,
      next_attempt_at: null,
      acked_at: null,
    });
  }

  /**
   * The next records to send for `agentId`, oldest first: up to `limit` unacknowledged records,
   * or none while the oldest is waiting for its retry time (sending later ones would break order).
   */
  nextBatch(agentId: string, limit: number, now: number): SyncRecord[] {
    const rows = this.selectPending.all(agentId, limit);
    const head = rows[0];
    if (!head || (head.next_attempt_at !== null && head.next_attempt_at > now)) return [];
    return rows.map(toRecord);
  }

  /** When the oldest pending record of `agentId` may be sent (null: nothing pending or due now). */
  nextAttemptAt(agentId: string): number | null {
    return this.selectPending.get(agentId, 1)?.next_attempt_at ?? null;
  }

  /** Marks records the server acknowledged. Unknown or already acknowledged ids are ignored. */
  markAcked(ids: readonly string[], at: number): void {
    this.db.transaction(() => {
      for (const id of ids) this.ackOne.run(at, id);
    })();
  }

  /** Keeps the error and the earliest retry time on records whose send failed; they stay pending. */
  markFailed(ids: readonly string[], error: string, nextAttemptAt: number): void {
    this.db.transaction(() => {
      for (const id of ids) this.failOne.run(error, nextAttemptAt, id);
    })();
  }

  /** Records of `agentId` saved on this desk that the server has not acknowledged yet. */
  pendingCount(agentId: string): number {
    return this.countPending.get(agentId)?.count ?? 0;
  }

  /** One queued record with its delivery state, or null if there is no such record. */
  get(id: string): OutboxEntry | null {
    const row = this.selectById.get(id);
    if (!row) return null;
    return {
      record: toRecord(row),
      createdAt: row.created_at,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
      ackedAt: row.acked_at,
    };
  }
}

function toRecord(row: OutboxRow): SyncRecord {
  // Validated on the way in; parsing again guards against a hand-edited or corrupted file.
  return syncRecordSchema.parse({
    id: row.id,
    agentId: row.agent_id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    payload: JSON.parse(row.payload) as unknown,
  });
}
