import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import type { Logger } from 'sip.js/lib/core';
import { systemClock, type Clock, type ClockTimer } from '../../src/domain/clock';

/** The part of the WHATWG WebSocket API we use: met by the `ws` package and by Electron's global. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
}
export type WebSocketConstructor = new (url: string, protocols: string) => WebSocketLike;

export interface SipWebSocketTransportOptions {
  server: string;
  /** Injected so plain Node 20 can pass `ws`; library code never patches globals. */
  webSocket: WebSocketConstructor;
  connectionTimeoutMs?: number;
  /** RFC 5626 keepalive: a double CRLF this often (0: off); the server answers with one CRLF. */
  keepAliveIntervalMs?: number;
  /** Nothing heard this long after a keepalive: the connection is dead even though no FIN came. */
  keepAliveTimeoutMs?: number;
  clock?: Clock;
  /** SIP.js failed on a message it was handed; the transport goes on with the next one. */
  reportFault?(where: string, error: unknown): void;
}

const OPEN = 1;
const PING = '\r\n\r\n';
const PONG = '\r\n';

/**
 * SIP over WebSocket (RFC 7118) for SIP.js in the main process. SIP.js's own web transport reads
 * the global `WebSocket`, which plain Node 20 lacks; this one takes the constructor as an option.
 * Reconnecting is the softphone's job, not the transport's.
 */
export class SipWebSocketTransport implements Transport {
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly stateChange: Emitter<TransportState>;
  readonly protocol = 'WS';

  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private currentState = TransportState.Disconnected;
  private socket: WebSocketLike | undefined;
  private connecting: Promise<void> | undefined;
  private readonly options: Required<SipWebSocketTransportOptions>;
  private keepAliveTimer: ClockTimer | undefined;
  private lastHeardAt = 0;

  constructor(
    private readonly logger: Logger,
    options: SipWebSocketTransportOptions,
  ) {
    this.stateChange = this.stateEmitter;
    this.options = {
      connectionTimeoutMs: 5_000,
      keepAliveIntervalMs: 0,
      keepAliveTimeoutMs: 10_000,
      clock: systemClock,
      reportFault: (where, error) => logger.error(`${where}: ${error instanceof Error ? error.message : String(error)}`),
      ...options,
    };
    const url = new URL(options.server);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`not a WebSocket URL: ${options.server}`);
  }

  get state(): TransportState {
    return this.currentState;
  }

  isConnected(): boolean {
    return this.currentState === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.currentState === TransportState.Connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    this.setState(TransportState.Connecting);
    this.connecting = new Promise<void>((resolve, reject) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.connecting = undefined;
        if (error) reject(error);
        else resolve();
      };
      let socket: WebSocketLike;
      try {
        socket = new this.options.webSocket(this.options.server, 'sip');
      } catch (error) {
        this.setState(TransportState.Disconnected);
        settle(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.socket = socket;
      timer = setTimeout(() => {
        socket.close();
        this.dropped(socket, new Error(`no WebSocket connection to ${this.options.server} within ${this.options.connectionTimeoutMs} ms`));
        settle(new Error('connect timed out'));
      }, this.options.connectionTimeoutMs);
      socket.addEventListener('open', () => {
        if (this.socket !== socket) return;
        this.setState(TransportState.Connected);
        settle();
        this.keepAlive(socket);
        this.onConnect?.();
      });
      socket.addEventListener('message', (event) => {
        if (this.socket !== socket) return;
        const data = typeof event.data === 'string' ? event.data : Buffer.from(event.data as ArrayBuffer).toString('utf8');
        this.lastHeardAt = this.options.clock.now();
        // A keepalive answer is for us, not a SIP message.
        if (data === PONG) return;
        // Whatever SIP.js makes of a message (a bug on odd input) must not escape into the
        // socket's event emitter: that would end the process.
        try {
          this.onMessage?.(data);
        } catch (error) {
          this.options.reportFault('sip message', error);
        }
      });
      socket.addEventListener('error', () => {
        this.logger.warn(`WebSocket error on ${this.options.server}`);
      });
      socket.addEventListener('close', () => {
        const error = new Error(`WebSocket to ${this.options.server} closed`);
        settle(error);
        this.dropped(socket, error);
      });
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.options.clock.clearTimeout(this.keepAliveTimer);
    if (!socket) return;
    this.setState(TransportState.Disconnecting);
    socket.close(1000);
    this.setState(TransportState.Disconnected);
    this.onDisconnect?.();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.stateEmitter.removeAllListeners();
  }

  send(message: string): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return Promise.reject(new Error('SIP transport not connected'));
    socket.send(message);
    return Promise.resolve();
  }

  /**
   * Pings the server and waits for any answer: a connection that died without a FIN (a NAT entry
   * or Wi-Fi gone) would otherwise look alive until the next REGISTER refresh, minutes later,
   * while calls cannot reach the agent.
   */
  private keepAlive(socket: WebSocketLike): void {
    const { keepAliveIntervalMs: interval, keepAliveTimeoutMs, clock } = this.options;
    if (interval <= 0) return;
    const timeout = Math.min(keepAliveTimeoutMs, interval);
    const ping = () => {
      if (this.socket !== socket || socket.readyState !== OPEN) return;
      const sentAt = clock.now();
      socket.send(PING);
      this.keepAliveTimer = clock.setTimeout(() => {
        if (this.socket !== socket) return;
        if (this.lastHeardAt < sentAt) {
          socket.close();
          this.dropped(socket, new Error(`no answer from ${this.options.server} to a keepalive within ${timeout} ms`));
          return;
        }
        this.keepAliveTimer = clock.setTimeout(ping, Math.max(0, interval - timeout));
      }, timeout);
    };
    this.keepAliveTimer = clock.setTimeout(ping, interval);
  }

  /** An unrequested loss of the socket: SIP.js learns of it through onDisconnect(error). */
  private dropped(socket: WebSocketLike, error: Error): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.options.clock.clearTimeout(this.keepAliveTimer);
    const wasConnected = this.currentState === TransportState.Connected;
    this.setState(TransportState.Disconnected);
    if (wasConnected) this.onDisconnect?.(error);
  }

  private setState(state: TransportState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.stateEmitter.emit(state);
  }
}
