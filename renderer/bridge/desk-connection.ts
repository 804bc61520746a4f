import { DESK_EVENTS, DESK_SERVICE, deskApiSchemas, MEDIA_SERVICE, mediaEngineSchemas, type DeskApi, type MediaEngine } from '../../src/contract';
import { backoffDelay, type BackoffSteps } from '../../src/domain/backoff';
import { systemClock, type Clock, type ClockTimer } from '../../src/domain/clock';
import { RpcClosedError, RpcPeer, type Remote } from '../../src/rpc';
import type { DeskStore } from '../state/desk-store';
import type { Carrier, CarrierConnection } from './carrier';
import { isDeskNotice, isDeskSnapshot } from './desk-payloads';

export interface DeskConnectionDeps {
  carrier: Carrier;
  /** Served to main on every connection: the renderer owns WebRTC. */
  media: MediaEngine;
  store: DeskStore;
  clock?: Clock;
  /** Monotonic time for snapshot receive stamps (display timers extrapolate from it). */
  perfNow?: () => number;
  backoff?: BackoffSteps;
  /** [0, 1) source for the backoff's jitter. */
  random?: () => number;
}

/** Main is on this machine: it is back within moments, or the agent is looking at a dead window. */
const DEFAULT_BACKOFF: BackoffSteps = { baseMs: 250, maxMs: 5_000 };

/**
 * Keeps the renderer attached to the main process. Main holds all state, so (re)connecting is
 * cheap: a fresh RpcPeer, serve media, fetch the snapshot, listen for changes. While the link is
 * down, commands fail at once (RpcClosedError) and the store says "reconnecting".
 */
export class DeskConnection {
  /** Desk commands on the current connection. */
  readonly desk: Remote<DeskApi>;
  private peer: RpcPeer | null = null;
  private link: CarrierConnection | null = null;
  private retryTimer: ClockTimer | undefined;
  private running = false;
  /** Counts connections; snapshots are ordered within one (see desk-slice). */
  private generation = 0;
  private readonly clock: Clock;
  private readonly perfNow: () => number;

  constructor(private readonly deps: DeskConnectionDeps) {
    this.clock = deps.clock ?? systemClock;
    this.perfNow = deps.perfNow ?? (() => performance.now());
    const methods = Object.keys(deskApiSchemas) as Array<keyof DeskApi>;
    this.desk = Object.fromEntries(methods.map((method) => [method, (params: unknown) => this.call(method, params)])) as unknown as Remote<DeskApi>;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.clock.clearTimeout(this.retryTimer);
    this.peer?.close();
    this.link?.close();
    this.peer = null;
    this.link = null;
  }

  private call(method: keyof DeskApi, params: unknown): Promise<unknown> {
    if (!this.peer) return Promise.reject(new RpcClosedError());
    return this.peer.call(DESK_SERVICE, method, params);
  }

  private async connect(): Promise<void> {
    const { carrier, store, media } = this.deps;
    let link: CarrierConnection;
    try {
      link = await carrier.connect();
    } catch {
      return this.attemptFailed();
    }
    if (!this.running) return link.close();

    const peer = new RpcPeer(link.transport);
    const generation = ++this.generation;
    peer.serve(MEDIA_SERVICE, media, mediaEngineSchemas);
    peer.on(DESK_EVENTS.snapshot, (payload) => {
      if (isDeskSnapshot(payload)) store.getState().receiveSnapshot(payload, this.perfNow(), generation);
    });
    peer.on(DESK_EVENTS.notice, (payload) => {
      if (isDeskNotice(payload)) store.getState().pushNotice(payload);
    });

    try {
      const snapshot = await peer.call(DESK_SERVICE, 'getSnapshot', null);
      if (!isDeskSnapshot(snapshot)) throw new Error('main answered getSnapshot with something else');
      store.getState().receiveSnapshot(snapshot, this.perfNow(), generation);
    } catch {
      // No snapshot, no desk: this attempt failed (and counts toward the backoff).
      peer.close();
      link.close();
      return this.attemptFailed();
    }
    if (!this.running) {
      peer.close();
      return link.close();
    }

    this.peer = peer;
    this.link = link;
    store.getState().connectionOpened(carrier.kind);
    peer.onClose(() => {
      if (this.peer !== peer) return;
      this.peer = null;
      this.link = null;
      if (!this.running) return;
      store.getState().connectionLost();
      this.scheduleReconnect();
    });
    const prepared = await media.prepare(null);
    if (!prepared.ready && this.peer === peer) store.getState().pushNotice({ level: 'warning', code: 'microphone-unavailable' });
  }

  private attemptFailed(): void {
    this.deps.store.getState().connectionAttemptFailed();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.clock.clearTimeout(this.retryTimer);
    const delay = backoffDelay(this.deps.store.getState().connection.failedAttempts, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random ?? Math.random);
    this.retryTimer = this.clock.setTimeout(() => void this.connect(), delay);
  }
}
