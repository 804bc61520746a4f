import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syncBatchSchema, type LoginResponse, type ServerWrapUp, type SyncRecord } from '../../../src/contract/sync';

/**
 * A small real HTTP server on 127.0.0.1 that speaks the desk side of the /v1 protocol
 * (src/contract/sync.ts): it stores sync records idempotently by id, like the central server, and
 * lets a test change any reply. The real server is tested against the desk elsewhere.
 */
export interface StubRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface StubReply {
  status: number;
  /** Sent as JSON; a string is sent as is (to send something that is not JSON). */
  body: unknown;
}

export type Intercept = (request: StubRequest, proceed: () => StubReply) => StubReply | 'hang';

export interface CentralStub {
  readonly url: string;
  /** Every record of every sync request, duplicates included, in arrival order. */
  readonly received: SyncRecord[];
  /** What the server holds: one entry per record id. */
  readonly stored: Map<string, SyncRecord>;
  readonly requests: StubRequest[];
  /** Most requests handled at the same moment (the pump promises one at a time). */
  readonly maxConcurrent: number;
  intercept: Intercept | null;
  loginReply: LoginResponse | null;
  wrapUps: ServerWrapUp[];
  /** Stops listening (connection refused from now on); `restart` listens again on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export const STUB_TOKEN = 'stub-session-token-0123456789';

export async function startCentralStub(): Promise<CentralStub> {
  let active = 0;
  const hanging = new Set<ServerResponse>();
  const stub = {
    url: '',
    received: [] as SyncRecord[],
    stored: new Map<string, SyncRecord>(),
    requests: [] as StubRequest[],
    maxConcurrent: 0,
    intercept: null as Intercept | null,
    loginReply: null as LoginResponse | null,
    wrapUps: [] as ServerWrapUp[],
    stop,
    restart,
  };

  function handle(request: StubRequest): StubReply {
    if (request.method === 'POST' && request.path === '/v1/login') {
      return stub.loginReply
        ? { status: 200, body: stub.loginReply }
        : { status: 401, body: { error: { code: 'bad-credentials', message: 'wrong employee number or password' } } };
    }
    if (request.authorization !== `Bearer ${STUB_TOKEN}`) {
      return { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } };
    }
    if (request.method === 'POST' && request.path === '/v1/logout') return { status: 200, body: { serverTime: 1_790_000_000_000 } };
    if (request.method === 'GET' && /^\/v1\/agents\/\d+\/wrap-ups$/.test(request.path)) {
      return { status: 200, body: { wrapUps: stub.wrapUps } };
    }
    if (request.method === 'POST' && request.path === '/v1/sync') {
      const batch = syncBatchSchema.safeParse(request.body);
      if (!batch.success) return { status: 400, body: { error: { code: 'invalid-request', message: batch.error.message } } };
      for (const record of batch.data.records) {
        stub.received.push(record);
        if (!stub.stored.has(record.id)) stub.stored.set(record.id, record); // ON CONFLICT DO NOTHING
      }
      return { status: 200, body: { acknowledged: batch.data.records.map((r) => r.id), serverTime: Date.now() } };
    }
    return { status: 404, body: { error: { code: 'not-found', message: `${request.method} ${request.path}` } } };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    active += 1;
    stub.maxConcurrent = Math.max(stub.maxConcurrent, active);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const request: StubRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      stub.requests.push(request);
      const reply = stub.intercept ? stub.intercept(request, () => handle(request)) : handle(request);
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(body);
    } finally {
      active -= 1;
    }
  }

  let server: Server = createServer((req, res) => void onRequest(req, res));
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  stub.url = `http://127.0.0.1:${port}`;

  async function stop(): Promise<void> {
    for (const res of hanging) res.destroy();
    hanging.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  async function restart(): Promise<void> {
    server = createServer((req, res) => void onRequest(req, res));
    await listen(server, port);
  }

  return stub;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
