import type { SessionEnded } from '../../src/contract/live';
import type { SyncAck, SyncBatch, SyncRecord } from '../../src/contract/sync';
import { MAX_BATCH_RECORDS } from '../../src/contract/sync';
import { backoffDelay } from '../../src/domain/backoff';
import type { Clock, ClockTimer } from '../../src/domain/clock';
import type { OutboxRepo } from '../store/outbox-repo';
import { CentralError, type CentralErrorCode } from './central-error';

/** Half the server's body limit: room for the envelope, and for a server configured lower. */
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

/** The records from the start that fit in `budget` bytes; the first always (alone, it fits the server's limit). */
function withinBytes(records: SyncRecord[], budget: number): SyncRecord[] {
  let used = 0;
  let count = 0;
  for (const record of records) {
    used += Buffer.byteLength(JSON.stringify(record));
    if (count > 0 && used > budget) break;
    count += 1;
  }
  return count === records.length ? records : records.slice(0, count);
}

/** The part of CentralClient the pump uses. */
export interface SyncSender {
  sync(token: string, batch: SyncBatch): Promise<SyncAck>;
}

export type PumpOutbox = Pick<OutboxRepo, 'nextBatch' | 'nextAttemptAt' | 'markAcked' | 'markFailed' | 'pendingCount'>;

interface SyncSession {
  agentId: string;
  token: string;
}

export interface OutboxPumpState {
  /** Records of the logged-in agent not acknowledged by the server yet. */
  pendingCount: number;
  /** false: the server could not be used (no answer, 5xx, garbled reply); null: not tried yet. */
  serverReachable: boolean | null;
  /** Code of the last failure (a CentralErrorCode, or `local-error`); null after a success. */
  lastError: CentralErrorCode | 'local-error' | null;
  /** The session was ended or refused: the pump stopped until the agent logs in again. */
  needsLogin: boolean;
  /** How the server said it ended (its 401 session-ended), when it did. */
  sessionEnded: SessionEnded | null;
  /** When the pump tries again after a failure (clock ms), or null. */
  retryAt: number | null;
}

export interface OutboxPumpOptions {
  outbox: PumpOutbox;
  client: SyncSender;
  clock: Clock;
  /** The session token of the logged-in agent (null: nobody is logged in, nothing is sent). */
  getToken(): string | null;
  /** Whose records to send: only the logged-in agent's, with that agent's token. */
  getAgentId(): string | null;
  onChange?(state: OutboxPumpState): void;
  /** Records per request (at most the protocol's MAX_BATCH_RECORDS, the default). */
  batchSize?: number;
  /**
   * Bytes of records per request (JSON, UTF-8), well under the server's body limit (8 MiB): a
   * batch stops before the record that would pass it, and a record alone goes by itself.
   */
  batchBytes?: number;
  /** Backoff ceiling after the first failure; it doubles per consecutive failure up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** [0, 1) source for the jitter; injectable so tests can pin the delays. */
  random?: () => number;
}

/**
 * Drains the outbox of the logged-in agent to the central server.
 *
 * - Oldest first, one request in flight at a time, so the server sees each agent's records in order.
 * - Only acknowledged ids are marked; a record leaves the queue only when the server has it.
 * - Transient failures (unreachable, 5xx, a reply that is not the protocol) retry with exponential
 *   backoff and full jitter. A refusal (forbidden, invalid-request) keeps the error on the records
 *   and retries only after maxDelayMs: they stay pending and visible, never dropped.
 * - An ended or refused session stops the pump and says so, so the desk can ask for a login.
 * All waiting goes through the Clock.
 */
export class OutboxPump {
  private readonly batchSize: number;
  private readonly batchBytes: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  private running = false;
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private timer: ClockTimer | undefined;
  private consecutiveFailures = 0;
  private current: OutboxPumpState = {
    pendingCount: 0,
    serverReachable: null,
    lastError: null,
    needsLogin: false,
    sessionEnded: null,
    retryAt: null,
  };

  constructor(private readonly options: OutboxPumpOptions) {
    // A long offline queue goes in as few requests as the protocol allows: each is one round trip and one transaction.
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS));
    this.batchBytes = Math.max(1, options.batchBytes ?? DEFAULT_BATCH_BYTES);
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs ?? 60_000);
    this.random = options.random ?? Math.random;
  }

  get state(): OutboxPumpState {
    return { ...this.current };
  }

  /** Starts sending (again, e.g. after a new login). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.consecutiveFailures = 0;
    this.update({ needsLogin: false, sessionEnded: null });
    this.refreshPendingCount();
    this.drainNow();
  }

  /** Stops sending; resolves once a request in flight has finished and its acks are stored. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer();
    this.update({ retryAt: null });
    await this.drained;
  }

  /** Something was enqueued: send it soon (unless a retry wait is running: that is not cut short). */
  kick(): void {
    this.refreshPendingCount();
    if (this.running && this.timer === undefined) this.drainNow();
  }

  /**
   * Sends what can be sent now and waits for it, at most `timeoutMs`: true when nothing is left
   * pending. During a retry wait (the server was unreachable) it does not force a new attempt.
   */
  async flush(timeoutMs: number): Promise<boolean> {
    this.kick();
    let timer: ClockTimer | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.options.clock.setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.drained, timeout]);
    this.options.clock.clearTimeout(timer);
    return this.current.pendingCount === 0;
  }

  private drainNow(): void {
    if (this.draining) return;
    this.drained = this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.running) {
        const session = this.session();
        if (!session) {
          this.update({ pendingCount: 0, retryAt: null });
          return;
        }
        const now = this.options.clock.now();
        const batch = withinBytes(this.options.outbox.nextBatch(session.agentId, this.batchSize, now), this.batchBytes);
        if (batch.length === 0) {
          // Nothing due. The oldest record may be waiting for a retry time set before (even by an
          // earlier run of the desk): wake up then.
          const due = this.options.outbox.nextAttemptAt(session.agentId);
          if (due !== null && due > now) this.wakeAt(due);
          this.update({ pendingCount: this.options.outbox.pendingCount(session.agentId), retryAt: due !== null && due > now ? due : null });
          return;
        }
        if (!(await this.send(session, batch))) return;
      }
    } catch (error) {
      // The store itself failed (disk, corrupt row, closed): nothing was lost; try again later.
      try {
        this.retryLater([], 'local-error', error instanceof Error ? error.message : String(error), this.current.serverReachable);
      } catch {
        this.cancelTimer();
        this.update({ lastError: 'local-error', retryAt: null });
      }
    } finally {
      this.draining = false;
    }
  }

  /** Sends one batch; true when the whole batch was acknowledged and the next may follow. */
  private async send(session: SyncSession, batch: SyncRecord[]): Promise<boolean> {
    const ids = batch.map((record) => record.id);
    let ack: SyncAck;
    try {
      ack = await this.options.client.sync(session.token, { records: batch });
    } catch (error) {
      this.handleFailure(session, ids, error);
      return false;
    }
    const acknowledged = new Set(ack.acknowledged);
    const stored = ids.filter((id) => acknowledged.has(id));
    this.options.outbox.markAcked(stored, this.options.clock.now());
    if (stored.length < ids.length) {
      // The server answered but kept some back: retrying at once would loop; back off instead.
      const missing = ids.filter((id) => !acknowledged.has(id));
      this.retryLater(missing, 'invalid-reply', `the server did not acknowledge ${missing.length} of ${ids.length} records`, true);
      return false;
    }
    this.consecutiveFailures = 0;
    this.update({
      pendingCount: this.options.outbox.pendingCount(session.agentId),
      serverReachable: true,
      lastError: null,
      retryAt: null,
    });
    return true;
  }

  private handleFailure(session: SyncSession, ids: string[], error: unknown): void {
    const code = error instanceof CentralError ? error.code : 'local-error';
    const message = error instanceof Error ? error.message : String(error);
    switch (code) {
      case 'session-ended':
      case 'unauthenticated':
      case 'bad-credentials':
        this.running = false;
        this.cancelTimer();
        this.update({
          needsLogin: true,
          sessionEnded: error instanceof CentralError ? error.session : null,
          lastError: code,
          serverReachable: true,
          retryAt: null,
          pendingCount: this.options.outbox.pendingCount(session.agentId),
        });
        return;
      case 'forbidden':
      case 'invalid-request': {
        // Sending the same records again will be refused again: keep them, say why, try rarely.
        const retryAt = this.options.clock.now() + this.maxDelayMs;
        this.options.outbox.markFailed(ids, `${code}: ${message}`, retryAt);
        if (this.running) this.wakeAt(retryAt);
        this.update({ lastError: code, serverReachable: true, retryAt: this.running ? retryAt : null, pendingCount: this.options.outbox.pendingCount(session.agentId) });
        return;
      }
      case 'unreachable':
      case 'server-error':
      case 'invalid-reply':
      case 'local-error':
        this.retryLater(ids, code, message, false);
        return;
    }
  }

  private retryLater(ids: string[], code: CentralErrorCode | 'local-error', message: string, serverReachable: boolean | null): void {
    this.consecutiveFailures += 1;
    const delay = backoffDelay(this.consecutiveFailures - 1, { baseMs: this.baseDelayMs, maxMs: this.maxDelayMs }, this.random);
    const retryAt = this.options.clock.now() + Math.max(1, delay);
    if (ids.length > 0) this.options.outbox.markFailed(ids, `${code}: ${message}`, retryAt);
    if (this.running) this.wakeAt(retryAt);
    this.update({ lastError: code, serverReachable, retryAt: this.running ? retryAt : null });
    this.refreshPendingCount();
  }

  private wakeAt(at: number): void {
    this.cancelTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.running) this.drainNow();
    }, at - this.options.clock.now());
  }

  private cancelTimer(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private session(): SyncSession | null {
    const token = this.options.getToken();
    const agentId = this.options.getAgentId();
    return token !== null && agentId !== null ? { token, agentId } : null;
  }

  private refreshPendingCount(): void {
    const agentId = this.options.getAgentId();
    this.update({ pendingCount: agentId !== null ? this.options.outbox.pendingCount(agentId) : 0 });
  }

  private update(change: Partial<OutboxPumpState>): void {
    const next = { ...this.current, ...change };
    const changed = (Object.keys(next) as (keyof OutboxPumpState)[]).some((key) => next[key] !== this.current[key]);
    this.current = next;
    if (changed) this.options.onChange?.({ ...next });
  }
}
