import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { SessionEnded } from '../../src/contract';
import type { SessionKind } from '../db/schema';
import type { ServerContext } from '../server-context';
import { expiryOf, findSession, touchSessions, type SessionLookup } from '../sessions';
import { ApiFailure } from './api-failure';

export type LiveSession = Pick<SessionLookup, 'agentId' | 'role' | 'kind' | 'tokenHash'>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/**
 * A session is renewed by a request at most this often. A desk sends many requests a minute
 * under load (each sync, each read); the idle limit is at least two minutes, so renewing every
 * 10 s at most shortens it by no more than that.
 */
const RENEW_AFTER_MS = 10_000;
const sessions = new WeakMap<FastifyRequest, LiveSession>();

const WHY: Record<SessionEnded['reason'], string> = {
  replaced: 'this 工号 logged in on another desk',
  admin: 'a supervisor ended it',
  expired: 'it ran out (idle too long, or open too long)',
  logout: 'the session was logged out',
};

/** The 401 of a request with an ended session's token: says why, in the shape of the live frame. */
function sessionEndedFailure(ended: SessionEnded): ApiFailure {
  return new ApiFailure(401, 'session-ended', `session ended: ${WHY[ended.reason]}`, { session: ended });
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * The live session behind the request's bearer token, or a 401 that says why there is none. A
 * live session is renewed (its desk was seen now); one that has run out is ended here, and its
 * live sockets told, even if the expiry sweep has not got to it yet.
 */
export async function authenticate(context: ServerContext, token: string | undefined, kinds: readonly SessionKind[] = ['desk']): Promise<LiveSession> {
  const { db, clock, sessionLimits, sessionExpiry } = context;
  if (token === undefined) throw new ApiFailure(401, 'unauthenticated', 'a bearer token is required');
  const session = await findSession(db, token);
  if (!session) throw new ApiFailure(401, 'unauthenticated', 'unknown session token');
  if (session.ended) throw sessionEndedFailure(session.ended);
  if (!kinds.includes(session.kind)) throw new ApiFailure(403, 'forbidden', `a ${session.kind} session cannot be used here`);

  const now = clock.now();
  const live = { agentId: session.agentId, role: session.role, kind: session.kind, tokenHash: session.tokenHash };
  if (now < expiryOf(session, sessionLimits)) {
    // Seen moments ago: renewing it again would cost a write per request and gain nothing.
    if (now - session.lastSeenAt < RENEW_AFTER_MS) return live;
    if ((await touchSessions(db, [session.tokenHash], now, sessionLimits)) === 1) return live;
  }
  await sessionExpiry.expireNow({ tokenHash: session.tokenHash });
  // Ended just now: by us, or by a logout, login or sweep that came first.
  const ended = (await findSession(db, token))?.ended;
  if (!ended) throw new Error('a session neither live nor ended');
  throw sessionEndedFailure(ended);
}

/**
 * An `onRequest` hook for routes that need a session, of one of `kinds` (default: a desk's). It
 * runs before the body is read, so a caller without a valid token gets 401 and never makes the
 * server parse megabytes of JSON.
 */
export function requireSession(context: ServerContext, kinds: readonly SessionKind[] = ['desk']): onRequestAsyncHookHandler {
  return async (request) => {
    sessions.set(request, await authenticate(context, bearerTokenOf(request), kinds));
  };
}

/** Routes a supervisor uses from the desk and from the board alike. */
export const DESK_OR_BOARD: readonly SessionKind[] = ['desk', 'board'];

/** The session `requireSession` found; only valid in routes that use that hook. */
export function sessionOf(request: FastifyRequest): LiveSession {
  const session = sessions.get(request);
  if (!session) throw new Error(`route ${request.routeOptions.url} reads the session but does not use requireSession`);
  return session;
}
