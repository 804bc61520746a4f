import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type * as z from 'zod';
import { loginRequestSchema, type LoginResponse, type logoutResponseSchema } from '../../src/contract';
import { listColleagues } from '../agents';
import { checkCredentials } from '../credential-check';
import { listDirectory } from '../directory';
import { listDispositions } from '../dispositions';
import { phraseBook } from '../phrases/phrase-store';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';
import { hashSessionToken } from '../session-tokens';
import { endSession, startSession } from '../sessions';
import { provisionSip } from '../sip-provision';

type LogoutResponse = z.infer<typeof logoutResponseSchema>;

/** A login is 工号, password and device id: a few hundred bytes. */
const LOGIN_BODY_LIMIT_BYTES = 4 * 1024;
const MINUTE_MS = 60_000;

/** A login route's limits: a small body, and `perMinute` requests per client address (needs the plugin registered here). */
export function loginRouteOptions(perMinute: number) {
  return { bodyLimit: LOGIN_BODY_LIMIT_BYTES, config: { rateLimit: { max: perMinute, timeWindow: MINUTE_MS } } };
}

type LoginLists = Pick<LoginResponse, 'dispositions' | 'directory' | 'phrases' | 'colleagues'>;

/** The center's lists a desk starts its session with. */
async function loginLists(db: ServerContext['db'], agentId: string): Promise<LoginLists> {
  return { dispositions: await listDispositions(db), directory: await listDirectory(db), phrases: await phraseBook(db), colleagues: await listColleagues(db, agentId) };
}

export async function registerLoginRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { db, clock, policy, sip, loginThrottle, sessionLimits, sessionExpiry, events } = context;

  // Counted in memory before the body is read: a flood of logins costs neither a parse nor the
  // 32 MiB scrypt of a password check. Its Retry-After header comes from the plugin.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, limit) =>
      new ApiFailure(429, 'too-many-attempts', `too many logins from this address: retry in ${limit.after}`),
  });

  const route = loginRouteOptions(loginThrottle.attemptsPerAddressPerMinute);
  app.post('/v1/login', route, async (request): Promise<LoginResponse> => {
    const login = parseRequest(loginRequestSchema, request.body);
    // What the reply carries besides the session is read while the password is hashed (it is
    // only sent once the password is right), not after: a login is scrypt-bound, not a queue of reads.
    let lists: Promise<LoginLists> | undefined;
    const agent = await checkCredentials(context, { agentId: login.agentId, address: request.ip, deviceId: login.deviceId }, login.password, (known) => {
      lists = loginLists(db, known.agent_id);
      lists.catch(() => {});
    });

    const now = clock.now();
    const { token, ended } = await startSession(db, { agentId: agent.agent_id, deviceId: login.deviceId, address: request.ip }, now, sessionLimits);
    for (const previous of ended) events.sessionEnded(previous);
    await events.deskLoggedIn(agent.agent_id, hashSessionToken(token), now);
    sessionExpiry.sessionStarted(now);
    return {
      token,
      agent: { agentId: agent.agent_id, name: agent.name },
      policy,
      ...(await (lists ?? loginLists(db, agent.agent_id))),
      sip: provisionSip(sip, { agentId: agent.agent_id, name: agent.name }, now),
      serverTime: now,
    };
  });

  // Attendance counts the session's end; the desk records serverTime with its own clock's, for audit.
  app.post('/v1/logout', { onRequest: requireSession(context) }, async (request): Promise<LogoutResponse> => {
    const session = sessionOf(request);
    const now = clock.now();
    const ended = await endSession(db, session.tokenHash, now);
    if (ended) events.sessionEnded(ended);
    return { serverTime: now };
  });
}
