import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { WebSocket } from 'ws';
import { DESK_WINDOW_IN_USE } from '../../../src/contract/desk-window';
import { RpcPeer } from '../../../src/rpc';
import { websocketTransport } from './websocket-carrier';

export interface WebHostOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Called for the renderer that connected with the right token and origin while no other is attached. */
  onRenderer(peer: RpcPeer): void;
}

export interface RunningWebHost {
  /**
   * The page with the per-launch token in its hash (never sent to the server). A secret: give it
   * to a window in-process or through a private file (launch-page.ts), never on a command line.
   */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * The browser shell's host: serves the renderer on 127.0.0.1 and carries the RPC over a WebSocket.
 * Only a page that knows this launch's token, from this host's own origin, gets a connection:
 * any other local process or web page is refused before the upgrade. One window at a time: a
 * second connection while one is attached is closed with DESK_WINDOW_IN_USE, so a leaked token
 * cannot silently take the desk (and its call audio) over.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = randomBytes(32).toString('base64url');
  const app = Fastify({ logger: false });
  let origin = '';
  let attached: WebSocket | null = null;

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy(origin));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 * 1024 } });
  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });

  app.get(
    '/rpc',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const offered = new URL(request.url, origin).searchParams.get('token') ?? '';
        if (!sameSecret(offered, token) || request.headers.origin !== origin) {
          await reply.code(403).send({ error: { code: 'forbidden', message: 'not this desk’s window' } });
        }
      },
    },
    (socket) => {
      if (attached) {
        socket.close(DESK_WINDOW_IN_USE.code, DESK_WINDOW_IN_USE.reason);
        return;
      }
      attached = socket;
      socket.once('close', () => {
        if (attached === socket) attached = null;
      });
      options.onRenderer(new RpcPeer(websocketTransport(socket)));
    },
  );

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('web host has no TCP address');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    close: () => app.close(),
  };
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${ws}`,
    "media-src 'self' blob: data:",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
