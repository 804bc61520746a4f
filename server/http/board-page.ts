import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The board page: scripts and styles from this server only, talking only to this server (its
 * API and its WebSockets), never framed by another site.
 */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Serves the built board (`boardDir`, with its index.html) at /board/. */
export async function serveBoardPage(app: FastifyInstance, boardDir: string): Promise<void> {
  if (!existsSync(join(boardDir, 'index.html'))) throw new Error(`no built board in ${boardDir}: run npm run build:board`);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/board' || request.url.startsWith('/board/')) {
      reply.header('Content-Security-Policy', BOARD_CSP);
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
    }
    return payload;
  });
  await app.register(fastifyStatic, { root: boardDir, prefix: '/board/', index: 'index.html' });
  app.get('/board', async (_request, reply) => reply.redirect('/board/', 301));
}
