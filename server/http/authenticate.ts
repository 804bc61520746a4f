import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findSession, type SessionLookup } from '../sessions';
import { ApiFailure } from './api-failure';

export type LiveSession = Omit<SessionLookup, 'ended' | 'endReason'>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const sessions = new WeakMap<FastifyRequest, LiveSession>();

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/** The live session behind the request's bearer token, or a 401 that says why there is none. */
async function authenticate(db: Kysely<Database>, request: FastifyRequest): Promise<LiveSession> {
  const token = bearerTokenOf(request);
  if (token === undefined) throw new ApiFailure(401, 'unauthenticated', 'a bearer token is required');
  const session = await findSession(db, token);
  if (!session) throw new ApiFailure(401, 'unauthenticated', 'unknown session token');
  if (session.ended) {
    const why = session.endReason === 'replaced' ? 'this 工号 logged in on another desk' : 'the session was logged out';
    throw new ApiFailure(401, 'session-ended', `session ended: ${why}`);
  }
  return { agentId: session.agentId, role: session.role, tokenHash: session.tokenHash };
}

/**
 * An `onRequest` hook for routes that need a session. It runs before the body is read, so a
 * caller without a valid token gets 401 and never makes the server parse megabytes of JSON.
 */
export function requireSession(db: Kysely<Database>): onRequestAsyncHookHandler {
  return async (request) => {
    sessions.set(request, await authenticate(db, request));
  };
}

/** The session `requireSession` found; only valid in routes that use that hook. */
export function sessionOf(request: FastifyRequest): LiveSession {
  const session = sessions.get(request);
  if (!session) throw new Error(`route ${request.routeOptions.url} reads the session but does not use requireSession`);
  return session;
}
