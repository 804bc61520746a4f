import { boardMessageSchema, type BoardMessage } from '../../src/contract';
import { backoffDelay } from '../../src/domain/backoff';

/** How the board's live connection stands. */
export type LinkState = 'connecting' | 'live' | 'retrying';

export interface BoardSocketHandlers {
  onMessage(message: BoardMessage): void;
  onLink(state: LinkState): void;
  /** The server refused the session (closed 1008): log in again. */
  onRefused(reason: string): void;
}

const RETRY = { baseMs: 500, maxMs: 10_000 };
const POLICY_VIOLATION = 1008;

/**
 * The board's WebSocket to /v1/board/live: says hello with the session token (browsers cannot
 * set headers on a WebSocket), hands on every frame the contract accepts, and reconnects with
 * backoff when the connection drops; each reconnect brings every seat again.
 */
export class BoardSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly token: string,
    private readonly handlers: BoardSocketHandlers,
    private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/board/live`,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'board closed');
    this.socket = null;
  }

  private open(): void {
    this.handlers.onLink(this.attempt === 0 ? 'connecting' : 'retrying');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: this.token }));
    socket.onmessage = (event) => {
      let parsed: ReturnType<typeof boardMessageSchema.safeParse>;
      try {
        parsed = boardMessageSchema.safeParse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      // A frame this board does not know (a newer server) is skipped, never fatal.
      if (!parsed.success) return;
      if (parsed.data.topic === 'seats') {
        this.attempt = 0;
        this.handlers.onLink('live');
      }
      this.handlers.onMessage(parsed.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (event.code === POLICY_VIOLATION) {
        this.handlers.onRefused(event.reason);
        return;
      }
      this.handlers.onLink('retrying');
      this.timer = setTimeout(() => this.open(), backoffDelay(this.attempt++, RETRY, Math.random));
    };
  }
}
