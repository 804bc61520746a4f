import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Alert, LiveMessage, Policy, SyncRecord } from '../../src/contract';
import type { Clock, ClockTimer } from '../../src/domain/clock';
import { insertAlerts, type NewAlert } from '../alerts/alert-store';
import type { Database } from '../db/schema';
import type { LiveHub } from '../live-hub';
import type { EndedSession } from '../sessions';
import { SeatBook } from './seat-book';

export interface BoardFeedOptions {
  seats: SeatBook;
  hub: LiveHub;
  /** This server instance: the desk sockets open on it are counted under its id. */
  instanceId: string;
  /** Whether this instance raises what the server finds by itself (ClusterBus.isLeader). */
  isLeader(): boolean;
  /** An alert raised here; the caller tells boards and desks, here and on the other instances. */
  announceAlert(alert: Alert): void;
  clock: Clock;
  db: Kysely<Database>;
  policy: Policy;
  /** An alert the feed could not store (the database failed); nothing else stops. */
  onError(error: unknown): void;
}

/**
 * What happens to seats, turned into what boards see: each change to the seat book is pushed to
 * every board at once as that seat's new presence (DESIGN.md: deltas to supervisor sockets), and
 * each alert raised or acknowledged to every board and to the agent's desks. It also watches for
 * desks that stay unreachable while ready or busy (policy.alerts.deskUnreachableAfterMs).
 */
export class BoardFeed {
  private book: SeatBook;
  private readonly unreachable = new Map<string, ClockTimer>();

  constructor(private readonly options: BoardFeedOptions) {
    this.book = options.seats;
    this.watchDisconnected();
  }

  get seats(): SeatBook {
    return this.book;
  }

  /**
   * Reads the seat book again (the cluster bus was down: changes made meanwhile on other
   * instances were missed); this instance's own desk sockets count at once, the others' when
   * their instances answer. Every seat goes to the boards. Returns the ids of the records read.
   */
  async reload(): Promise<Set<string>> {
    const { book, recordIds } = await SeatBook.load(this.options.db, this.options.policy.shift.utcOffsetMinutes, this.options.clock.now());
    this.book = book;
    const now = this.options.clock.now();
    book.replaceLinks(this.options.instanceId, this.options.hub.openDeskLinks(), now);
    for (const agentId of [...this.unreachable.keys()]) this.stopWatching(agentId);
    this.watchDisconnected();
    for (const seat of book.all(now)) this.options.hub.publishToBoards({ topic: 'seat', seat, serverTime: now });
    return recordIds;
  }

  /** Records of one agent the server stored just now. */
  async recordsStored(agentId: string, stored: readonly SyncRecord[], receivedAt: number): Promise<void> {
    await this.seats.ensureAgent(agentId);
    if (this.seats.applyRecords(agentId, stored, receivedAt)) this.publish(agentId);
  }

  async deskLoggedIn(agentId: string, tokenHash: string, at: number): Promise<void> {
    await this.seats.ensureAgent(agentId);
    this.seats.deskSessionStarted(agentId, tokenHash, at);
    this.watchUnreachable(agentId);
    this.publish(agentId);
  }

  sessionEnded(ended: EndedSession): void {
    const agentId = this.seats.sessionEnded(ended);
    if (!agentId) return;
    this.stopWatching(agentId);
    this.publish(agentId);
  }

  /** A desk's live socket on `instance` opened or closed. */
  deskLink(link: { agentId: string; tokenHash: string }, open: boolean, at: number, instance: string): void {
    if (this.seats.linkChanged(link.agentId, link.tokenHash, open, at, instance)) this.linkChanged(link.agentId);
  }

  /** Every desk socket open on `instance` (none: the instance is gone). */
  linksReplaced(instance: string, links: ReadonlyArray<{ agentId: string; tokenHash: string }>, at: number): void {
    for (const agentId of this.seats.replaceLinks(instance, links, at)) this.linkChanged(agentId);
  }

  /** An alert raised or acknowledged: every board here hears it; the agent's desks hear an acknowledgement. */
  alertChanged(alert: Alert): void {
    this.options.hub.publishToBoards({ topic: 'alert', alert });
    if (alert.acknowledged && alert.agentId) {
      const message: LiveMessage = { topic: 'alert', alert };
      this.options.hub.publishToAgent(alert.agentId, message);
    }
  }

  /** Raises alerts the server found itself (not from records); announces the new ones. */
  async raise(alerts: readonly NewAlert[]): Promise<void> {
    for (const alert of await insertAlerts(this.options.db, alerts, this.options.clock.now())) this.options.announceAlert(alert);
  }

  /** Stops the timers (the server is closing). */
  close(): void {
    for (const agentId of [...this.unreachable.keys()]) this.stopWatching(agentId);
  }

  private linkChanged(agentId: string): void {
    const seat = this.seats.seat(agentId, this.options.clock.now());
    if (seat?.link.connected) this.stopWatching(agentId);
    else this.watchUnreachable(agentId);
    this.publish(agentId);
  }

  /** Live sessions whose desks are not connected (at start: none yet) have until the limit to come back. */
  private watchDisconnected(): void {
    for (const seat of this.seats.all(this.options.clock.now())) if (seat.loginAt !== null && !seat.link.connected) this.watchUnreachable(seat.agentId);
  }

  private watchUnreachable(agentId: string): void {
    this.stopWatching(agentId);
    const timer = this.options.clock.setTimeout(() => {
      this.unreachable.delete(agentId);
      this.deskStillUnreachable(agentId).catch((error: unknown) => this.options.onError(error));
    }, this.options.policy.alerts.deskUnreachableAfterMs);
    this.unreachable.set(agentId, timer);
  }

  private stopWatching(agentId: string): void {
    const timer = this.unreachable.get(agentId);
    if (timer !== undefined) this.options.clock.clearTimeout(timer);
    this.unreachable.delete(agentId);
  }

  private async deskStillUnreachable(agentId: string): Promise<void> {
    // Every instance watches; one raises.
    if (!this.options.isLeader()) return;
    const seat = this.seats.seat(agentId, this.options.clock.now());
    if (!seat || seat.loginAt === null || seat.link.connected || (seat.state !== 'ready' && seat.state !== 'busy')) return;
    const since = seat.link.since ?? this.options.clock.now();
    await this.raise([{ id: uuidv7(), agentId, kind: 'deskUnreachable', occurredAt: since, details: { state: seat.state, since } }]);
  }

  private publish(agentId: string): void {
    const now = this.options.clock.now();
    const seat = this.seats.seat(agentId, now);
    if (seat) this.options.hub.publishToBoards({ topic: 'seat', seat, serverTime: now });
  }
}
