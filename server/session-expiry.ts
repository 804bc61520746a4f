import type { Kysely } from 'kysely';
import type { Clock, ClockTimer } from '../src/domain/clock';
import type { Database } from './db/schema';
import { expireSessions, nextExpiry, type EndedSession, type SessionLimits } from './sessions';

export interface SessionExpiryOptions {
  db: Kysely<Database>;
  clock: Clock;
  limits: SessionLimits;
  /** Sessions just ended by running out: their desks are told. */
  onExpired(ended: EndedSession[]): void;
  onError(error: unknown): void;
}

/**
 * At most this long between two looks: sessions another server instance started (PostgreSQL
 * behind a load balancer) are not announced to this one.
 */
const MAX_SWEEP_INTERVAL_MS = 60_000;

/**
 * Ends sessions the moment they run out, so a desk that is still connected hears `expired` at
 * once rather than at its next request (which checks too: see authenticate.ts). It wakes when
 * the earliest live session would run out; a desk seen since only moves that later, and a new
 * session is announced with `sessionStarted`.
 */
export class SessionExpiry {
  private timer: ClockTimer | undefined;
  private wakeAt: number | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: SessionExpiryOptions) {}

  /** Looks at once: sessions may have run out while the server was down. */
  start(): void {
    this.sweepSoon();
  }

  sessionStarted(at: number): void {
    const { idleMs, absoluteMs } = this.options.limits;
    this.wakeUpAt(at + Math.min(idleMs, absoluteMs));
  }

  /**
   * Ends what has run out of one agent's or one token's sessions (or everyone's: `{}`) now,
   * without waiting for the next sweep: before a read that must not count them live, or a
   * request with such a token.
   */
  async expireNow(only: { agentId: string } | { tokenHash: string } | Record<string, never>): Promise<void> {
    const { db, clock, limits } = this.options;
    const ended = await expireSessions(db, clock.now(), limits, only);
    if (ended.length > 0) this.options.onExpired(ended);
  }

  /** Stops waking up and waits for a sweep in progress, so the database can close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  private wakeUpAt(at: number): void {
    if (this.stopped || (this.wakeAt !== undefined && this.wakeAt <= at)) return;
    this.options.clock.clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = this.options.clock.setTimeout(() => this.sweepSoon(), at - this.options.clock.now());
  }

  /** Chained, so sweeps never overlap; each reads the time when it runs. */
  private sweepSoon(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.wakeAt = undefined;
    this.sweeping = this.sweeping.then(() => this.sweep());
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    const { db, clock, limits } = this.options;
    const now = clock.now();
    let next = now + MAX_SWEEP_INTERVAL_MS;
    try {
      const ended = await expireSessions(db, now, limits);
      if (ended.length > 0) this.options.onExpired(ended);
      next = Math.min(next, (await nextExpiry(db, limits)) ?? next);
    } catch (error) {
      this.options.onError(error);
    }
    // Time may have passed the next expiry while this ran (a ManualClock jumps): look again now.
    if (next <= clock.now()) this.sweepSoon();
    else this.wakeUpAt(next);
  }
}
