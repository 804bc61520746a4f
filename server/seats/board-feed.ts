import type { SyncRecord } from '../../src/contract';
import type { Clock } from '../../src/domain/clock';
import type { LiveHub, LiveListener } from '../live-hub';
import type { EndedSession } from '../sessions';
import type { SeatBook } from './seat-book';

/**
 * What happens to seats, turned into what boards see: each change to the seat book is pushed to
 * every board at once as that seat's new presence (DESIGN.md: deltas to supervisor sockets).
 */
export class BoardFeed {
  constructor(
    readonly seats: SeatBook,
    private readonly hub: LiveHub,
    private readonly clock: Clock,
  ) {}

  /** Records of one agent the server stored just now. */
  async recordsStored(agentId: string, stored: readonly SyncRecord[], receivedAt: number): Promise<void> {
    await this.seats.ensureAgent(agentId);
    if (this.seats.applyRecords(agentId, stored, receivedAt)) this.publish(agentId);
  }

  async deskLoggedIn(agentId: string, tokenHash: string, at: number): Promise<void> {
    await this.seats.ensureAgent(agentId);
    this.seats.deskSessionStarted(agentId, tokenHash, at);
    this.publish(agentId);
  }

  sessionEnded(ended: EndedSession): void {
    const agentId = this.seats.sessionEnded(ended);
    if (agentId) this.publish(agentId);
  }

  deskLink(listener: LiveListener, open: boolean): void {
    if (this.seats.linkChanged(listener.agentId, listener.tokenHash, open, this.clock.now())) this.publish(listener.agentId);
  }

  private publish(agentId: string): void {
    const now = this.clock.now();
    const seat = this.seats.seat(agentId, now);
    if (seat) this.hub.publishToBoards({ topic: 'seat', seat, serverTime: now });
  }
}
