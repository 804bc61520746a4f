import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { liveMessageSchema, type LiveMessage } from '../../../src/contract';

/** A live connection (a desk's /v1/live, a board's) as the server tests see it: every frame parsed with the contract. */
export interface FrameSocket<Message> {
  socket: WebSocket;
  /** Every frame received so far, in order. */
  messages: Message[];
  /** Resolves with the next frame not yet taken by `next`; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Message>;
  /** How many pings the server sent. */
  pings(): number;
  closed: Promise<{ code: number; reason: string }>;
}

export type LiveSocket = FrameSocket<LiveMessage>;

export function liveUrl(baseUrl: string, path = '/v1/live'): string {
  return `${baseUrl.replace(/^http/, 'ws')}${path}`;
}

function headersFor(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** Opens `url`, sends `firstFrame` if given, and collects what comes back as `schema` says. */
export async function openFrames<Message>(
  url: string,
  schema: { parse(input: unknown): Message },
  options: { headers?: Record<string, string>; autoPong?: boolean; firstFrame?: unknown } = {},
): Promise<FrameSocket<Message>> {
  const socket = new WebSocket(url, { headers: options.headers ?? {}, autoPong: options.autoPong ?? true });
  const messages: Message[] = [];
  const waiting: Array<(message: Message) => void> = [];
  let taken = 0;
  let pings = 0;
  socket.on('message', (data) => {
    messages.push(schema.parse(JSON.parse(String(data))));
    waiting.shift()?.(messages[taken++] as Message);
  });
  socket.on('ping', () => pings++);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  if (options.firstFrame !== undefined) socket.send(JSON.stringify(options.firstFrame));
  return {
    socket,
    messages,
    closed,
    pings: () => pings,
    next: (timeoutMs = 5_000) => {
      if (taken < messages.length) return Promise.resolve(messages[taken++] as Message);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live frame within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((message) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
    },
  };
}

export function openLive(baseUrl: string, token: string, options: { autoPong?: boolean } = {}): Promise<LiveSocket> {
  return openFrames(liveUrl(baseUrl), liveMessageSchema, { headers: headersFor(token), ...options });
}

/** The HTTP answer to an upgrade the server refuses; fails if the upgrade succeeds. */
export function refusalOf(baseUrl: string, token: string | undefined): Promise<{ status: number; body: unknown }> {
  const socket = new WebSocket(liveUrl(baseUrl), { headers: headersFor(token) });
  return new Promise((resolve, reject) => {
    socket.on('error', () => undefined);
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('the server accepted the live connection'));
    });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        socket.terminate();
      });
    });
  });
}

/**
 * A client that completes the WebSocket upgrade by hand and then never answers anything (no pong,
 * no close frame): a desk whose machine froze.
 */
export async function openUnresponsiveLive(baseUrl: string, token: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(
    [
      'GET /v1/live HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Authorization: Bearer ${token}`,
      '',
      '',
    ].join('\r\n'),
  );
  const [first] = (await once(socket, 'data')) as [Buffer];
  if (!first.toString().startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${first.toString().split('\r\n')[0]}`);
  // Keep reading (and ignoring) so the server's writes do not back up.
  socket.resume();
  return socket;
}

/** The survey result a frame carries; any other frame fails the test. */
export function surveyResultOf(message: LiveMessage): Extract<LiveMessage, { topic: 'surveyResult' }>['result'] {
  if (message.topic !== 'surveyResult') throw new Error(`expected a surveyResult frame, got ${message.topic}`);
  return message.result;
}
