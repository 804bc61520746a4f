import { WebSocket } from 'ws';
import type { BoardMessage, LiveMessage, ServerSurveyResult } from '../src/contract';
import type { AgentRole, SessionKind } from './db/schema';
import type { EndedSession } from './sessions';

/** Who is on the other end of a live socket (a desk's /v1/live, a board's): the session it was opened with. */
export interface LiveListener {
  agentId: string;
  role: AgentRole;
  kind: SessionKind;
  tokenHash: string;
}

interface Connection extends LiveListener {
  socket: WebSocket;
  /** Whether the desk answered the last ping; a desk that did not is gone (half-open TCP). */
  answeredPing: boolean;
}

export interface LiveHubOptions {
  /** How often each desk is pinged. */
  pingIntervalMs: number;
  /** How long close() waits for desks to answer the close frame before cutting them off. */
  closeGraceMs: number;
  /** Each ping round: the sessions whose desks answered the last ping (they are alive). */
  onAlive?(tokenHashes: string[]): void;
  /** A desk's socket opened or closed (boards' are not reported). */
  onDeskLink?(listener: LiveListener, open: boolean): void;
  /** A session ended (`endSession`): after its sockets were told. */
  onSessionEnded?(session: EndedSession): void;
}

/** Close codes the desk sees (RFC 6455): 1001 the server is going away, 1008 the session is no longer valid. */
const GOING_AWAY = 1001;
const POLICY_VIOLATION = 1008;

/**
 * The live sockets open on this server instance, by 工号, and what goes out on them: an agent's
 * desks get that agent's messages; supervisors' desks get everyone's; boards get seat changes.
 * What other instances learn reaches these sockets through cluster/live-events.ts.
 */
export class LiveHub {
  private readonly byAgent = new Map<string, Set<Connection>>();
  private readonly supervisors = new Set<Connection>();
  private readonly boards = new Set<Connection>();
  /** Runs only while some desk is connected. */
  private pinger: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: LiveHubOptions) {
    if (!Number.isFinite(options.pingIntervalMs) || options.pingIntervalMs < 100) {
      throw new RangeError(`the live ping interval must be at least 100 ms, got ${options.pingIntervalMs}`);
    }
  }

  add(listener: LiveListener, socket: WebSocket): void {
    if (this.closed) {
      socket.close(GOING_AWAY, 'server shutting down');
      return;
    }
    const connection: Connection = { ...listener, socket, answeredPing: true };
    const ofAgent = this.byAgent.get(listener.agentId) ?? new Set<Connection>();
    ofAgent.add(connection);
    this.byAgent.set(listener.agentId, ofAgent);
    if (listener.kind === 'board') this.boards.add(connection);
    else if (listener.role === 'supervisor') this.supervisors.add(connection);
    // A plain interval, not the injected clock: keep-alive is for proxies' idle timers, which
    // run in real time. A test's ManualClock stands still (no pings at all) or jumps minutes at
    // once (every desk would miss its pong and be cut off).
    this.pinger ??= setInterval(() => this.pingAll(), this.options.pingIntervalMs).unref();

    socket.on('pong', () => (connection.answeredPing = true));
    socket.once('close', () => this.remove(connection));
    if (listener.kind === 'desk') this.options.onDeskLink?.(listener, true);
  }

  /** The desk sockets on this instance, by session: those reported open (onDeskLink) and not yet closed. */
  openDeskLinks(): Array<{ agentId: string; tokenHash: string }> {
    const links: Array<{ agentId: string; tokenHash: string }> = [];
    for (const connections of this.byAgent.values()) {
      for (const { kind, agentId, tokenHash } of connections) if (kind === 'desk') links.push({ agentId, tokenHash });
    }
    return links;
  }

  /** Sends a frame to the agent's desks. */
  publishToAgent(agentId: string, message: LiveMessage): void {
    const frame = JSON.stringify(message);
    for (const { socket, kind } of this.byAgent.get(agentId) ?? []) if (kind === 'desk' && socket.readyState === WebSocket.OPEN) socket.send(frame, () => undefined);
  }

  /** Sends a frame to every desk, whoever's (what the whole center shares: the standard phrases). */
  publishToDesks(message: LiveMessage): void {
    const frame = JSON.stringify(message);
    for (const connections of this.byAgent.values()) {
      for (const { socket, kind } of connections) if (kind === 'desk' && socket.readyState === WebSocket.OPEN) socket.send(frame, () => undefined);
    }
  }

  /** Sends a frame to every board. */
  publishToBoards(message: BoardMessage): void {
    const frame = JSON.stringify(message);
    for (const { socket } of this.boards) if (socket.readyState === WebSocket.OPEN) socket.send(frame, () => undefined);
  }

  /** Sends a newly stored result to its agent's desks and to every supervisor's desk. */
  publishSurveyResult(result: ServerSurveyResult): void {
    const message: LiveMessage = { topic: 'surveyResult', result };
    const frame = JSON.stringify(message);
    const audience = new Set([...(this.byAgent.get(result.agentId) ?? []), ...this.supervisors]);
    for (const { socket } of audience) {
      // A send that fails ends in 'close' (and remove) anyway; the desk catches up with the GET.
      if (socket.readyState === WebSocket.OPEN) socket.send(frame, () => undefined);
    }
  }

  /**
   * The session ended: its desks hear why (`sessionEnded`), then the socket closes with 1008, so
   * a desk never keeps receiving, or believing it is logged in, after its session is over.
   */
  endSession({ tokenHash, agentId, ended }: EndedSession): void {
    const message: LiveMessage = { topic: 'sessionEnded', session: ended };
    const frame = JSON.stringify(message);
    for (const connection of this.byAgent.get(agentId) ?? []) {
      if (connection.tokenHash !== tokenHash) continue;
      // ws sends the close frame after the queued message.
      if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(frame, () => undefined);
      connection.socket.close(POLICY_VIOLATION, `session ended: ${ended.reason}`);
    }
    this.options.onSessionEnded?.({ tokenHash, agentId, ended });
  }

  /**
   * Says goodbye to every desk and resolves once all sockets are closed: after `closeGraceMs`
   * the ones that did not answer are cut off, so a stuck desk cannot hold the server open
   * (ws alone would wait up to 30 s).
   */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    this.pinger = undefined;
    const sockets = [...this.byAgent.values()].flatMap((connections) => [...connections].map((connection) => connection.socket));
    const allClosed = Promise.all(sockets.map((socket) => closedOf(socket)));
    for (const socket of sockets) socket.close(GOING_AWAY, 'server shutting down');
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, this.options.closeGraceMs)));
    await Promise.race([allClosed, grace]);
    clearTimeout(graceTimer);
    for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    await allClosed;
  }

  private pingAll(): void {
    const alive = new Set<string>();
    for (const connections of this.byAgent.values()) {
      for (const connection of connections) {
        if (connection.socket.readyState !== WebSocket.OPEN) continue;
        if (!connection.answeredPing) {
          connection.socket.terminate();
          continue;
        }
        alive.add(connection.tokenHash);
        connection.answeredPing = false;
        connection.socket.ping();
      }
    }
    if (alive.size > 0) this.options.onAlive?.([...alive]);
  }

  private remove(connection: Connection): void {
    const ofAgent = this.byAgent.get(connection.agentId);
    ofAgent?.delete(connection);
    if (ofAgent?.size === 0) this.byAgent.delete(connection.agentId);
    this.supervisors.delete(connection);
    this.boards.delete(connection);
    if (connection.kind === 'desk') this.options.onDeskLink?.(connection, false);
    if (this.byAgent.size === 0) {
      clearInterval(this.pinger);
      this.pinger = undefined;
    }
  }
}

function closedOf(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
