import pg from 'pg';
import { backoffDelay, type BackoffSteps } from '../../src/domain/backoff';
import type { ClusterBus, ClusterBusHandlers } from './cluster-bus';
import { FrameJoiner, toFrames } from './notify-frames';

/** The channel every SeatDesk instance of one database listens on. */
export const CLUSTER_CHANNEL = 'seatdesk_cluster';
/** The session-level advisory lock its holder is the leader by (released when its connection goes). */
const LEADER_LOCK_KEY = 0x5ea7de5c;
/** Frames sent in one round trip (one transaction: delivered together, in order). */
const FRAMES_PER_ROUND_TRIP = 256;

export interface PostgresBusOptions {
  url: string;
  instanceId: string;
  handlers: ClusterBusHandlers;
  /** How often a follower tries to become the leader (the leader's connection may have gone). */
  leaderRetryMs: number;
  /** Waits between reconnection attempts while PostgreSQL is unreachable. */
  reconnect: BackoffSteps;
}

/**
 * The cluster bus on PostgreSQL LISTEN/NOTIFY: one dedicated connection per instance listens,
 * publishes (in order, batched per round trip) and holds the leader lock while it leads. When the
 * connection is lost the instance follows, publishes nothing, and reconnects with backoff; once
 * listening again it says so (`onResumed`) so the caller can catch up on what it missed.
 */
export class PostgresBus implements ClusterBus {
  readonly instanceId: string;
  private client: pg.Client | undefined;
  private leader = false;
  private closed = false;
  private messageNumber = 0;
  private queue: string[] = [];
  private draining: Promise<void> | undefined;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly leaderTimer: NodeJS.Timeout;
  private readonly joiner = new FrameJoiner();

  private constructor(private readonly options: PostgresBusOptions) {
    this.instanceId = options.instanceId;
    // Real time, like keep-alive pings: leadership follows connections, not the center's clock.
    this.leaderTimer = setInterval(() => void this.tryToLead(), options.leaderRetryMs).unref();
  }

  /** Connects and listens; fails when PostgreSQL cannot be reached at start. */
  static async start(options: PostgresBusOptions): Promise<PostgresBus> {
    const bus = new PostgresBus(options);
    try {
      await bus.connect();
    } catch (error) {
      await bus.close();
      throw error;
    }
    return bus;
  }

  publish(body: string): void {
    if (!this.client) return;
    this.queue.push(...toFrames(this.instanceId, this.messageNumber++, body));
    void this.drain();
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Sends what is queued (a goodbye), then disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.leaderTimer);
    clearTimeout(this.reconnectTimer);
    await this.drain();
    const client = this.client;
    this.client = undefined;
    this.leader = false;
    // Ending the connection releases the leader lock: another instance leads at its next try.
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: `seatdesk-cluster-${this.instanceId}` });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the cluster connection ended')));
    client.on('notification', (notification) => {
      if (notification.channel !== CLUSTER_CHANNEL || notification.payload === undefined) return;
      this.received(notification.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${CLUSTER_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectAttempt = 0;
    await this.tryToLead();
  }

  private received(payload: string): void {
    const outcome = this.joiner.accept(payload);
    if (outcome.kind === 'invalid') this.options.handlers.onError(new Error(outcome.reason), 'a cluster frame was dropped');
    if (outcome.kind !== 'message' || outcome.from === this.instanceId) return;
    try {
      this.options.handlers.onMessage(outcome.from, outcome.body);
    } catch (error) {
      this.options.handlers.onError(error, 'a cluster message could not be handled');
    }
  }

  private async tryToLead(): Promise<void> {
    const client = this.client;
    if (!client || this.leader) return;
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [LEADER_LOCK_KEY]);
      if (client === this.client) this.leader = rows[0]?.locked === true;
    } catch (error) {
      this.options.handlers.onError(error, 'trying to lead the cluster failed');
    }
  }

  /** Sends the queue, one round trip at a time; resolves when it is empty (or the connection is gone). */
  private drain(): Promise<void> {
    this.draining ??= this.sendQueued().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async sendQueued(): Promise<void> {
    try {
      while (this.queue.length > 0 && this.client) {
        const frames = this.queue.splice(0, FRAMES_PER_ROUND_TRIP);
        // unnest yields the frames in array order, and NOTIFYs of one transaction are delivered in order.
        await this.client.query('select pg_notify($1, frame) from unnest($2::text[]) as frames(frame)', [CLUSTER_CHANNEL, frames]);
      }
    } catch (error) {
      this.options.handlers.onError(error, 'publishing to the cluster failed');
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.leader = false;
    this.queue = [];
    this.joiner.reset();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.handlers.onError(error, 'the cluster connection was lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const wait = backoffDelay(this.reconnectAttempt++, this.options.reconnect, Math.random);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.client) this.options.handlers.onResumed();
        },
        (error: unknown) => {
          this.options.handlers.onError(error, 'reconnecting to the cluster failed');
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, wait);
    this.reconnectTimer.unref();
  }
}
