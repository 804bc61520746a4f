import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { ApiFailure } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';

/** Desks send nothing on /v1/live; a small limit keeps a misbehaving client from making the server buffer much. */
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

/** GET /v1/live: the WebSocket the server pushes LiveMessage frames on (src/contract/live.ts). */
export async function registerLiveRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { db, liveHub } = context;

  // Added before the plugin's own preClose hook, so it runs first: the desks hear 1001 (going
  // away) rather than a bare close, and a desk that does not answer cannot hold close() open.
  app.addHook('preClose', () => liveHub.close());
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });

  app.route({
    method: 'GET',
    url: '/v1/live',
    // Before the upgrade: a missing, unknown or ended token gets an HTTP 401 and never a socket.
    onRequest: requireSession(context),
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new ApiFailure(426, 'upgrade-required', '/v1/live is a WebSocket: send an upgrade request');
    },
    wsHandler: (socket, request) => {
      const { agentId, role, kind, tokenHash } = sessionOf(request);
      liveHub.add({ agentId, role, kind, tokenHash }, socket);
    },
  });
}
