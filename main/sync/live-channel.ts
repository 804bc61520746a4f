import type { IncomingMessage } from 'node:http';
import type { SupervisorAction } from '../../src/contract/actions';
import type { Alert } from '../../src/contract/alerts';
import type { PhraseBook } from '../../src/contract/phrases';
import { liveMessageSchema, type SessionEnded } from '../../src/contract/live';
import { sessionEndedErrorSchema } from '../../src/contract/sessions';
import type { ServerSurveyResult } from '../../src/contract/survey';
import type { Ticket } from '../../src/contract/tickets';
import type { PromiseRecord } from '../../src/contract/promises';
import type { Handover } from '../../src/contract/handovers';
import { backoffDelay } from '../../src/domain/backoff';
import type { Clock, ClockTimer } from '../../src/domain/clock';

/** The part of a `ws` WebSocket the channel uses (Node's `ws`, which can send headers). */
export interface LiveSocket {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): unknown;
  close(): void;
  terminate(): void;
}

export type LiveSocketFactory = (url: string, headers: Record<string, string>) => LiveSocket;

export interface LiveChannelOptions {
  url: string;
  token: string;
  connect: LiveSocketFactory;
  clock: Clock;
  /** Runs on every (re)connect, after the socket is open: fetch what was missed while away. */
  catchUp(): Promise<void>;
  onSurveyResult(result: ServerSurveyResult): void;
  /** One of the agent's alerts changed (a supervisor acknowledged it). */
  onAlert?(alert: Alert): void;
  /** A supervisor acted on the agent's seat. */
  onAction?(action: SupervisorAction): void;
  /** A supervisor changed the standard phrases: the whole book after the change. */
  onPhrasesChanged?(book: PhraseBook): void;
  /** One of the agent's escalation tickets changed on the server (assigned, answered, closed). */
  onTicket?(ticket: Ticket): void;
  /** A promise the agent owns or owned changed on the server (a step stored, handed over, accepted). */
  onPromise?(promise: PromiseRecord): void;
  /** A handover the agent gave, one to the agent, or one to the next shift was given or accepted. */
  onHandover?(handover: Handover): void;
  /** The server ended this session (another login, an admin, expiry); the channel has stopped. */
  onSessionEnded?(ended: SessionEnded): void;
  /**
   * The server refused the session (401): stopped until the agent logs in again. `ended` is how
   * the session ended when the refusal says so (a desk that was away when it was told).
   */
  onRefused?(ended: SessionEnded | null): void;
  /** A frame that is not the protocol; it is dropped, and this says so. */
  onInvalidMessage?(reason: string): void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/**
 * The server's push channel to the desk (survey results now; approvals and policy changes later):
 * a WebSocket to /v1/live with the session token, reconnected with backoff and full jitter while
 * the agent is logged in. Every (re)connect first catches up through HTTP, so nothing pushed while
 * the desk was away is lost; every frame is checked against the contract before it is used.
 */
export class LiveChannel {
  private socket: LiveSocket | null = null;
  private retry: ClockTimer | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: LiveChannelOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.options.clock.clearTimeout(this.retry);
    this.retry = undefined;
    const socket = this.socket;
    this.socket = null;
    socket?.terminate();
  }

  private open(): void {
    if (this.stopped) return;
    let socket: LiveSocket;
    try {
      socket = this.options.connect(this.options.url, { authorization: `Bearer ${this.options.token}` });
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    let refused = false;
    let ended: SessionEnded | null = null;
    socket.on('unexpected-response', (_request, response) => {
      refused = response.statusCode === 401 || response.statusCode === 403;
      if (!refused) {
        socket.terminate();
        return;
      }
      void readRefusal(response, this.options.clock).then((text) => {
        ended = sessionEndedIn(text);
        socket.terminate();
      });
    });
    socket.on('open', () => {
      this.attempt = 0;
      // Pushed frames may already arrive while this runs; saving is idempotent, so that is fine.
      void this.options.catchUp().catch(() => {});
    });
    socket.on('message', (data) => this.receive(data));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (refused) {
        this.options.onRefused?.(ended);
        return;
      }
      this.scheduleReconnect();
    });
  }

  private receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      this.options.onInvalidMessage?.('not JSON');
      return;
    }
    const message = liveMessageSchema.safeParse(json);
    if (!message.success) {
      this.options.onInvalidMessage?.(message.error.message);
      return;
    }
    switch (message.data.topic) {
      case 'surveyResult':
        this.options.onSurveyResult(message.data.result);
        return;
      case 'alert':
        this.options.onAlert?.(message.data.alert);
        return;
      case 'action':
        this.options.onAction?.(message.data.action);
        return;
      case 'phrasesChanged':
        this.options.onPhrasesChanged?.(message.data.book);
        return;
      case 'ticket':
        this.options.onTicket?.(message.data.ticket);
        return;
      case 'promise':
        this.options.onPromise?.(message.data.promise);
        return;
      case 'handover':
        this.options.onHandover?.(message.data.handover);
        return;
      case 'sessionEnded':
        // The server closes the socket next; connecting again would only be refused.
        this.stop();
        this.options.onSessionEnded?.(message.data.session);
        return;
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry !== undefined) return;
    const steps = { baseMs: this.options.baseDelayMs ?? 500, maxMs: this.options.maxDelayMs ?? 30_000 };
    const delay = backoffDelay(this.attempt++, steps, this.options.random ?? Math.random);
    this.retry = this.options.clock.setTimeout(() => {
      this.retry = undefined;
      this.open();
    }, delay);
  }
}

/** A refusal says why in a few hundred bytes; more, or a reply that stalls, is not read. */
const MAX_REFUSAL_CHARS = 16 * 1024;
const REFUSAL_READ_MS = 5_000;

/** The body of a refused upgrade, or '' when it is too long or does not come in time. */
function readRefusal(response: IncomingMessage, clock: Clock): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      clock.clearTimeout(timer);
      response.destroy();
      resolve(text);
    };
    const timer = clock.setTimeout(() => {
      text = '';
      done();
    }, REFUSAL_READ_MS);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.length <= MAX_REFUSAL_CHARS) return;
      text = '';
      done();
    });
    response.on('end', done);
    response.on('error', done);
  });
}

/** How the session ended, from a 401 `session-ended` body; null for anything else. */
function sessionEndedIn(text: string): SessionEnded | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const refusal = sessionEndedErrorSchema.safeParse(json);
  return refusal.success ? refusal.data.error.session : null;
}
