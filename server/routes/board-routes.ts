import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { boardHelloSchema, boardLoginRequestSchema, type BoardLoginResponse, type BoardMessage, type BoardSeats } from '../../src/contract';
import { dayOf } from '../../src/domain/day-figures';
import { actionsBetween } from '../actions/action-store';
import { alertsRaisedBetween, openAlerts } from '../alerts/alert-store';
import { checkCredentials } from '../credential-check';
import { requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { authenticate, requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';
import { endSession, startSession } from '../sessions';
import { loginRouteOptions } from './login-routes';

/** A board that has not said who it is within this long is cut off. */
const HELLO_TIMEOUT_MS = 5_000;
/** Close codes (RFC 6455): 1008 policy violation (no or refused hello), 1011 the server failed. */
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
/** Boards log in from a browser, not a desk install: this stands for the device. */
const BOARD_DEVICE = 'board';

/**
 * The supervisor board's routes (src/contract/board.ts). Register after the login routes (their
 * rate-limit plugin) and the live routes (the WebSocket plugin).
 */
export function registerBoardRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, liveHub, loginThrottle, sessionLimits, sessionExpiry, board, events } = context;
  const boardSession = requireSession(context, ['board']);

  app.post('/v1/board/login', loginRouteOptions(loginThrottle.attemptsPerAddressPerMinute), async (request): Promise<BoardLoginResponse> => {
    const login = parseRequest(boardLoginRequestSchema, request.body);
    const agent = await checkCredentials(context, { agentId: login.agentId, address: request.ip, deviceId: BOARD_DEVICE }, login.password);
    if (agent.role !== 'supervisor') throw new ApiFailure(403, 'forbidden', 'the board is for supervisors: this 工号 is an agent');
    const now = clock.now();
    const { token } = await startSession(db, { agentId: agent.agent_id, kind: 'board', deviceId: BOARD_DEVICE, address: request.ip }, now, sessionLimits);
    sessionExpiry.sessionStarted(now);
    return { token, supervisor: { agentId: agent.agent_id, name: agent.name }, policy, serverTime: now };
  });

  app.post('/v1/board/logout', { onRequest: boardSession }, async (request): Promise<{ serverTime: number }> => {
    const now = clock.now();
    const ended = await endSession(db, sessionOf(request).tokenHash, now);
    if (ended) events.sessionEnded(ended);
    return { serverTime: now };
  });

  app.get('/v1/board/seats', { onRequest: boardSession }, async (request): Promise<BoardSeats> => {
    requireSupervisor(request, 'see the seats');
    const now = clock.now();
    return { seats: board.seats.all(now), serverTime: now };
  });

  app.route({
    method: 'GET',
    url: '/v1/board/live',
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new ApiFailure(426, 'upgrade-required', '/v1/board/live is a WebSocket: send an upgrade request');
    },
    wsHandler: (socket) => {
      const timer = setTimeout(() => socket.close(POLICY_VIOLATION, 'no hello'), HELLO_TIMEOUT_MS);
      socket.once('close', () => clearTimeout(timer));
      socket.once('message', (data, isBinary) => {
        clearTimeout(timer);
        admit(socket, isBinary ? null : data.toString()).catch(() => socket.close(INTERNAL_ERROR, 'the server could not check the hello'));
      });
    },
  });

  /** The hello names a live board session of a supervisor: the board is in, and gets every seat. */
  async function admit(socket: WebSocket, text: string | null): Promise<void> {
    const hello = boardHelloSchema.safeParse(parseJson(text));
    if (!hello.success) {
      socket.close(POLICY_VIOLATION, 'the first frame must be a hello');
      return;
    }
    const session = await authenticate(context, hello.data.token, ['board']).catch((error: unknown) => {
      if (error instanceof ApiFailure) return error;
      throw error;
    });
    if (session instanceof ApiFailure || session.role !== 'supervisor') {
      socket.close(POLICY_VIOLATION, session instanceof ApiFailure ? session.code : 'forbidden');
      return;
    }
    // Read before the socket joins, sent after: alerts raised in between come as frames after these.
    const offset = policy.shift.utcOffsetMinutes;
    const today = dayOf(clock.now(), offset);
    const [open, ofToday, actions] = await Promise.all([openAlerts(db), alertsRaisedBetween(db, today.startMs, today.endMs), actionsBetween(db, today.startMs, today.endMs)]);
    if (socket.readyState !== socket.OPEN) return;
    liveHub.add(session, socket);
    const now = clock.now();
    const seats: BoardMessage = { topic: 'seats', seats: board.seats.all(now), serverTime: now };
    const byId = new Map([...open, ...ofToday].map((alert) => [alert.id, alert]));
    const alerts: BoardMessage = { topic: 'alerts', alerts: [...byId.values()].sort((a, b) => a.raisedAt - b.raisedAt) };
    socket.send(JSON.stringify(seats), () => undefined);
    socket.send(JSON.stringify(alerts), () => undefined);
    socket.send(JSON.stringify({ topic: 'actions', actions } satisfies BoardMessage), () => undefined);
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
