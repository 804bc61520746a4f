import { ticketOwnerId, type Alert, type Handover, type PhraseBook, type PromiseRecord, type ServerSurveyResult, type SupervisorAction, type SyncRecord, type Ticket } from '../../src/contract';
import { handoverForBoard } from '../handovers/handover-store';
import { promiseForBoard } from '../promises/promise-store';
import type { Clock } from '../../src/domain/clock';
import type { LiveHub, LiveListener } from '../live-hub';
import type { BoardFeed } from '../seats/board-feed';
import { isPresenceRecord } from '../seats/seat-book';
import { ticketForBoard } from '../tickets/ticket-for-board';
import type { EndedSession } from '../sessions';
import type { ClusterBus, ClusterBusHandlers } from './cluster-bus';
import { clusterMessageSchema, type ClusterMessage } from './cluster-message';

export interface LiveEventsOptions {
  /** This instance (ClusterBus.instanceId): its desk sockets count under this id. */
  instanceId: string;
  hub: LiveHub;
  clock: Clock;
  /** How often this instance says it is alive; one not heard from for three of these is gone. */
  heartbeatMs: number;
  onError(error: unknown, what: string): void;
  /** Something worth a line in the log that is not a failure. */
  onNote(what: string): void;
}

/** An instance not heard from for this many heartbeats is gone (crashed, or cut off from the database). */
const MISSED_HEARTBEATS = 3;

/**
 * What happens on the live side of the center, told once (DESIGN.md): each route reports what it
 * did here — a login, records stored, a session ended, an alert, an action, a survey result, a
 * change of the standard phrases, a ticket, a promise or a handover made or changed —
 * and this applies it to this instance's sockets and seat book and tells the other instances,
 * which apply the same to theirs. So a supervisor on instance B sees a desk connected to
 * instance A at once. Messages from other instances are applied one at a time, in order.
 */
export class LiveEvents {
  private bus: ClusterBus | undefined;
  private board: BoardFeed | undefined;
  /** Messages that arrived before the seat book was (re)loaded, and the record ids the load read. */
  private buffered: Array<{ from: string; message: ClusterMessage }> | null = [];
  private loadedRecordIds: Set<string> | null = null;
  private applying: Promise<void> = Promise.resolve();
  /** Other instances by id: when each was last heard from (real time). */
  private readonly heardFrom = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: LiveEventsOptions) {}

  /** For the bus: messages are held until `start`. */
  readonly handlers: ClusterBusHandlers = {
    onMessage: (from, body) => this.received(from, body),
    onResumed: () => void this.resync(),
    onError: (error, what) => this.options.onError(error, what),
  };

  /** The seat book is loaded: applies what arrived meanwhile, asks the others for their links. */
  start(bus: ClusterBus, board: BoardFeed, loadedRecordIds: Set<string>): void {
    this.bus = bus;
    this.board = board;
    this.loadedRecordIds = loadedRecordIds;
    this.flushBuffered();
    this.publish({ type: 'hello' });
    this.publishLinks();
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs).unref();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.publish({ type: 'goodbye' });
    await this.applying;
  }

  // What happened here.

  async deskLoggedIn(agentId: string, tokenHash: string, at: number): Promise<void> {
    await this.feed().deskLoggedIn(agentId, tokenHash, at);
    this.publish({ type: 'deskLoggedIn', agentId, tokenHash, at });
  }

  async recordsStored(agentId: string, stored: readonly SyncRecord[], receivedAt: number): Promise<void> {
    await this.feed().recordsStored(agentId, stored, receivedAt);
    const presence = stored.filter(isPresenceRecord);
    if (presence.length > 0) this.publish({ type: 'records', agentId, records: presence, receivedAt });
  }

  /** Its desks, wherever they are connected, hear why and are cut off. */
  sessionEnded(ended: EndedSession): void {
    this.options.hub.endSession(ended);
    this.publish({ type: 'sessionEnded', session: ended });
  }

  /** LiveHub's onDeskLink. */
  deskLink(listener: LiveListener, open: boolean): void {
    const at = this.options.clock.now();
    const link = { agentId: listener.agentId, tokenHash: listener.tokenHash };
    this.board?.deskLink(link, open, at, this.options.instanceId);
    this.publish({ type: 'deskLink', ...link, open, at });
  }

  alertChanged(alert: Alert): void {
    this.feed().alertChanged(alert);
    this.publish({ type: 'alert', alert });
  }

  /** An action made or its outcome reported: boards hear both; the agent's desks hear a new one. */
  actionChanged(action: SupervisorAction, toDesk: boolean): void {
    this.deliverAction(action, toDesk);
    this.publish({ type: 'action', action, toDesk });
  }

  surveyResultStored(result: ServerSurveyResult): void {
    this.options.hub.publishSurveyResult(result);
    this.publish({ type: 'surveyResult', result });
  }

  /** Every desk, on every instance, hears the book after the change. */
  phrasesChanged(book: PhraseBook): void {
    this.options.hub.publishToDesks({ topic: 'phrasesChanged', book });
    this.publish({ type: 'phrasesChanged', book });
  }

  /**
   * A ticket raised or changed: its owner's and its raiser's desks, every board, and `alsoTo`'s
   * desks (the previous owner's, when a handover of it was accepted) hear it.
   */
  ticketChanged(ticket: Ticket, alsoTo: readonly string[] = []): void {
    this.deliverTicket(ticket, alsoTo);
    this.publish({ type: 'ticket', ticket, alsoTo: [...alsoTo] });
  }

  /** A promise made or changed: its owner's desks (and the previous owner's, when it changed hands) and every board, masked. */
  promiseChanged(promise: PromiseRecord, previousOwnerId: string | null = null): void {
    this.deliverPromise(promise, previousOwnerId);
    this.publish({ type: 'promise', promise, previousOwnerId });
  }

  /** A handover given or accepted: the giver's desks, the named receiver's (every desk for the next shift) and every board, masked. */
  handoverChanged(handover: Handover): void {
    this.deliverHandover(handover);
    this.publish({ type: 'handover', handover });
  }

  // What happened elsewhere.

  private received(from: string, body: string): void {
    let message: ClusterMessage;
    try {
      message = clusterMessageSchema.parse(JSON.parse(body));
    } catch (error) {
      this.options.onError(error, `a cluster message from ${from} did not parse`);
      return;
    }
    this.heardFrom.set(from, performance.now());
    if (this.buffered) this.buffered.push({ from, message });
    else this.enqueue(from, message);
  }

  private enqueue(from: string, message: ClusterMessage): void {
    this.applying = this.applying
      .then(() => this.apply(from, message))
      .catch((error: unknown) => this.options.onError(error, `a ${message.type} message from ${from} could not be applied`));
  }

  private async apply(from: string, message: ClusterMessage): Promise<void> {
    const board = this.feed();
    switch (message.type) {
      case 'records': {
        const seen = this.loadedRecordIds;
        const records = seen ? message.records.filter((record) => !seen.has(record.id)) : message.records;
        if (records.length > 0) await board.recordsStored(message.agentId, records, message.receivedAt);
        return;
      }
      case 'deskLoggedIn':
        return board.deskLoggedIn(message.agentId, message.tokenHash, message.at);
      case 'sessionEnded':
        // Cuts off its sockets on this instance, if any; the seat book hears it through the hub.
        this.options.hub.endSession(message.session);
        return;
      case 'deskLink':
        board.deskLink(message, message.open, message.at, from);
        return;
      case 'links':
        board.linksReplaced(from, message.links, message.at);
        return;
      case 'hello':
        this.publishLinks();
        return;
      case 'alive':
        return;
      case 'goodbye':
        this.heardFrom.delete(from);
        board.linksReplaced(from, [], this.options.clock.now());
        return;
      case 'alert':
        board.alertChanged(message.alert);
        return;
      case 'action':
        this.deliverAction(message.action, message.toDesk);
        return;
      case 'surveyResult':
        this.options.hub.publishSurveyResult(message.result);
        return;
      case 'phrasesChanged':
        this.options.hub.publishToDesks({ topic: 'phrasesChanged', book: message.book });
        return;
      case 'ticket':
        this.deliverTicket(message.ticket, message.alsoTo);
        return;
      case 'promise':
        this.deliverPromise(message.promise, message.previousOwnerId);
        return;
      case 'handover':
        this.deliverHandover(message.handover);
        return;
    }
  }

  /** The bus was down and is back: what the others did meanwhile is read from the database again. */
  private async resync(): Promise<void> {
    if (!this.board) return;
    this.buffered ??= [];
    try {
      await this.applying;
      this.loadedRecordIds = await this.board.reload();
      this.options.onNote('the cluster bus is back: seats read again from the database');
    } catch (error) {
      this.options.onError(error, 'reloading the seats after the cluster bus was back failed');
    }
    this.flushBuffered();
    this.publish({ type: 'hello' });
    this.publishLinks();
  }

  private flushBuffered(): void {
    const buffered = this.buffered ?? [];
    this.buffered = null;
    for (const { from, message } of buffered) this.enqueue(from, message);
    // Only what arrived while the book was loading can be in it already.
    this.applying = this.applying.then(() => {
      if (this.buffered === null) this.loadedRecordIds = null;
    });
  }

  private beat(): void {
    this.publish({ type: 'alive' });
    const deadline = performance.now() - MISSED_HEARTBEATS * this.options.heartbeatMs;
    for (const [instance, heardAt] of this.heardFrom) {
      if (heardAt >= deadline) continue;
      this.heardFrom.delete(instance);
      this.options.onError(new Error(`instance ${instance} has not been heard from`), 'its desks count as disconnected');
      this.enqueue(instance, { type: 'goodbye' });
    }
  }

  private deliverAction(action: SupervisorAction, toDesk: boolean): void {
    if (toDesk) this.options.hub.publishToAgent(action.agentId, { topic: 'action', action });
    this.options.hub.publishToBoards({ topic: 'action', action });
  }

  private deliverTicket(ticket: Ticket, alsoTo: readonly string[]): void {
    for (const agentId of new Set([ticketOwnerId(ticket), ticket.agentId, ...alsoTo])) this.options.hub.publishToAgent(agentId, { topic: 'ticket', ticket });
    this.options.hub.publishToBoards({ topic: 'ticket', ticket: ticketForBoard(ticket) });
  }

  private deliverPromise(promise: PromiseRecord, previousOwnerId: string | null): void {
    for (const agentId of new Set([promise.owner.agentId, ...(previousOwnerId === null ? [] : [previousOwnerId])])) {
      this.options.hub.publishToAgent(agentId, { topic: 'promise', promise });
    }
    this.options.hub.publishToBoards({ topic: 'promise', promise: promiseForBoard(promise) });
  }

  private deliverHandover(handover: Handover): void {
    const { hub } = this.options;
    if (handover.to.kind === 'nextShift') hub.publishToDesks({ topic: 'handover', handover });
    else for (const agentId of new Set([handover.from.agentId, handover.to.agent.agentId])) hub.publishToAgent(agentId, { topic: 'handover', handover });
    hub.publishToBoards({ topic: 'handover', handover: handoverForBoard(handover) });
  }

  private publishLinks(): void {
    this.publish({ type: 'links', links: this.options.hub.openDeskLinks(), at: this.options.clock.now() });
  }

  private publish(message: ClusterMessage): void {
    this.bus?.publish(JSON.stringify(message));
  }

  private feed(): BoardFeed {
    if (!this.board) throw new Error('the live events are not started yet');
    return this.board;
  }
}
