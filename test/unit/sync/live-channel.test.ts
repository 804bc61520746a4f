import { createServer, type IncomingMessage, type Server } from 'node:http';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { SessionEnded } from '../../../src/contract/live';
import type { ServerSurveyResult } from '../../../src/contract/survey';
import { systemClock } from '../../../src/domain/clock';
import { LiveChannel, type LiveChannelOptions } from '../../../main/sync/live-channel';
import type { Ticket } from '../../../src/contract/tickets';
import type { PromiseRecord } from '../../../src/contract/promises';
import type { Handover } from '../../../src/contract/handovers';
import { anItem, LI, serverHandover, serverPromise, WANG } from '../desk/promise-fixtures';
import { aTicketPayload, serverTicket } from '../../support/ticket-fixtures';

/**
 * The desk's push channel against a real WebSocket server on 127.0.0.1 (the server side of
 * /v1/live is tested with the central server itself): token, catch-up on every connect,
 * contract checks on frames, reconnecting after a drop, stopping on a refusal.
 */
const servers: Array<WebSocketServer | Server> = [];
const channels: LiveChannel[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) channel.stop();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const REPLACED: SessionEnded = { reason: 'replaced', endedAt: 1_700_000_000_000, byDeviceId: 'desk-in-room-2', byAgentId: null };

/** A server that refuses every upgrade with this 401 body, as the central server refuses an ended session. */
async function refusingServer(body: string): Promise<string> {
  const server = createServer();
  servers.push(server);
  server.on('upgrade', (_request, socket) => {
    socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}/v1/live`;
}

interface LiveServer {
  url: string;
  sockets: WebSocket[];
  requests: IncomingMessage[];
}

async function liveServer(options: { refuse?: boolean } = {}): Promise<LiveServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => (options.refuse ? done(false, 401, 'Unauthorized') : done(true)),
  });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const live: LiveServer = { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/v1/live`, sockets: [], requests: [] };
  server.on('connection', (socket, request) => {
    live.sockets.push(socket);
    live.requests.push(request);
  });
  return live;
}

function aResult(): ServerSurveyResult {
  return { id: uuidv4(), callId: uuidv4(), agentId: '1001', rating: 'satisfied', customerNumber: '13812345678', ratedAt: 1, receivedAt: 2 };
}

function channel(url: string, overrides: Partial<LiveChannelOptions> = {}) {
  const received: ServerSurveyResult[] = [];
  const invalid: string[] = [];
  let catchUps = 0;
  let refused = 0;
  const refusals: Array<SessionEnded | null> = [];
  const ended: SessionEnded[] = [];
  const live = new LiveChannel({
    url,
    token: 'session-token-1001',
    clock: systemClock,
    connect: (target, headers) => new WebSocket(target, { headers }),
    catchUp: async () => void catchUps++,
    onSurveyResult: (result) => received.push(result),
    onInvalidMessage: (reason) => invalid.push(reason),
    onRefused: (session) => {
      refused++;
      refusals.push(session);
    },
    onSessionEnded: (session) => ended.push(session),
    baseDelayMs: 20,
    maxDelayMs: 100,
    ...overrides,
  });
  channels.push(live);
  live.start();
  return { live, received, invalid, refusals, ended, catchUps: () => catchUps, refused: () => refused };
}

describe('LiveChannel', () => {
  it('connects with the session token, catches up, and delivers pushed results', async () => {
    const server = await liveServer();
    const client = channel(server.url);
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1));
    expect(server.requests[0]!.headers.authorization).toBe('Bearer session-token-1001');
    await vi.waitFor(() => expect(client.catchUps()).toBe(1));

    const result = aResult();
    server.sockets[0]!.send(JSON.stringify({ topic: 'surveyResult', result }));
    await vi.waitFor(() => expect(client.received).toEqual([result]));
  });

  it('delivers a ticket change pushed on the ticket topic, and drops one that breaks the contract', async () => {
    const server = await liveServer();
    const tickets: Ticket[] = [];
    const invalid: string[] = [];
    channel(server.url, { onTicket: (ticket) => tickets.push(ticket), onInvalidMessage: (reason) => invalid.push(reason) });
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1));
    const answered = serverTicket(uuidv4(), '1001', aTicketPayload(), 1, { status: 'answered', updatedAt: 2, reply: '已处理' });
    server.sockets[0]!.send(JSON.stringify({ topic: 'ticket', ticket: { ...answered, status: 'lost' } }));
    server.sockets[0]!.send(JSON.stringify({ topic: 'ticket', ticket: answered }));
    await vi.waitFor(() => expect(tickets).toEqual([answered]));
    expect(invalid).toHaveLength(1);
  });

  it('delivers promise and handover changes on their topics, and drops ones that break the contract', async () => {
    const server = await liveServer();
    const promises: PromiseRecord[] = [];
    const handovers: Handover[] = [];
    const invalid: string[] = [];
    channel(server.url, { onPromise: (promise) => promises.push(promise), onHandover: (handover) => handovers.push(handover), onInvalidMessage: (reason) => invalid.push(reason) });
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1));
    const promise = serverPromise(uuidv4(), { callId: uuidv4(), dueAt: 200_000_000, updatedAt: 2 });
    const handover = serverHandover(uuidv4(), { from: LI, to: WANG, items: [anItem('promise', promise.id)], handedAt: 1, updatedAt: 2 });
    server.sockets[0]!.send(JSON.stringify({ topic: 'promise', promise: { ...promise, owner: null } }));
    server.sockets[0]!.send(JSON.stringify({ topic: 'handover', handover: { ...handover, items: [] } }));
    server.sockets[0]!.send(JSON.stringify({ topic: 'promise', promise }));
    server.sockets[0]!.send(JSON.stringify({ topic: 'handover', handover }));
    await vi.waitFor(() => expect(handovers).toEqual([handover]));
    expect(promises).toEqual([promise]);
    expect(invalid).toHaveLength(2);
  });

  it('drops frames that are not the protocol, says so, and keeps going', async () => {
    const server = await liveServer();
    const client = channel(server.url);
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1));
    const socket = server.sockets[0]!;
    socket.send('not json {');
    socket.send(JSON.stringify({ topic: 'surveyResult', result: { ...aResult(), rating: 'great' } }));
    socket.send(JSON.stringify({ topic: 'surveyResult', result: { ...aResult(), customerNumber: 'x'.repeat(1_000_000) } }));
    const good = aResult();
    socket.send(JSON.stringify({ topic: 'surveyResult', result: good }));
    await vi.waitFor(() => expect(client.received).toEqual([good]));
    expect(client.invalid).toHaveLength(3);
    expect(client.invalid[0]).toBe('not JSON');
  });

  it('reconnects after the server drops it, and catches up again on the new connection', async () => {
    const server = await liveServer();
    const client = channel(server.url);
    await vi.waitFor(() => expect(client.catchUps()).toBe(1));
    server.sockets[0]!.terminate();
    await vi.waitFor(() => expect(server.sockets).toHaveLength(2));
    await vi.waitFor(() => expect(client.catchUps()).toBe(2));
    const result = aResult();
    server.sockets[1]!.send(JSON.stringify({ topic: 'surveyResult', result }));
    await vi.waitFor(() => expect(client.received).toEqual([result]));
  });

  it('keeps trying while the server is away, and connects once it is back', async () => {
    const gone = await liveServer();
    const port = new URL(gone.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const client = channel(gone.url);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(client.catchUps()).toBe(0);

    const back = new WebSocketServer({ host: '127.0.0.1', port: Number(port) });
    servers.push(back);
    await vi.waitFor(() => expect(client.catchUps()).toBe(1), { timeout: 3_000 });
  });

  it('stops on a refused session (401) instead of hammering the server', async () => {
    const server = await liveServer({ refuse: true });
    const client = channel(server.url);
    await vi.waitFor(() => expect(client.refused()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.refused()).toBe(1);
    expect(server.sockets).toHaveLength(0);
    expect(client.catchUps()).toBe(0);
  });

  it('says how the session ended when the refusal does (a desk that was away when it was told)', async () => {
    const client = channel(await refusingServer(JSON.stringify({ error: { code: 'session-ended', message: 'replaced', session: REPLACED } })));
    await vi.waitFor(() => expect(client.refusals).toEqual([REPLACED]));
  });

  it('takes a refusal that is not the protocol as a refusal without a reason', async () => {
    const client = channel(await refusingServer(JSON.stringify({ error: { code: 'session-ended', message: 'x', session: { ...REPLACED, endedAt: 'soon' } } })));
    await vi.waitFor(() => expect(client.refusals).toEqual([null]));
  });

  it('hands over the end of the session and stops: the closing socket is not reconnected', async () => {
    const server = await liveServer();
    const client = channel(server.url);
    await vi.waitFor(() => expect(client.catchUps()).toBe(1));
    server.sockets[0]!.send(JSON.stringify({ topic: 'sessionEnded', session: REPLACED }));
    server.sockets[0]!.close(1008, 'session ended: replaced');
    await vi.waitFor(() => expect(client.ended).toEqual([REPLACED]));
    await vi.waitFor(() => expect(server.sockets[0]!.readyState).toBe(WebSocket.CLOSED));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.sockets).toHaveLength(1);
  });

  it('stop closes the connection and nothing reconnects', async () => {
    const server = await liveServer();
    const client = channel(server.url);
    await vi.waitFor(() => expect(server.sockets).toHaveLength(1));
    client.live.stop();
    await vi.waitFor(() => expect(server.sockets[0]!.readyState).toBe(WebSocket.CLOSED));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.sockets).toHaveLength(1);
  });
});
