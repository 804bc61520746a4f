import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { loginRequestSchema, type LoginResponse, type logoutResponseSchema } from '../../src/contract';
import { findAgent } from '../agents';
import { listDirectory } from '../directory';
import { listDispositions } from '../dispositions';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import { lockoutLeft, recordLoginFailure, type LoginAttempt } from '../login-failures';
import { decoyPasswordHash, verifyPassword } from '../passwords';
import type { ServerContext } from '../server-context';
import { endSession, startSession } from '../sessions';
import { provisionSip } from '../sip-provision';

type LogoutResponse = z.infer<typeof logoutResponseSchema>;

/** A login is 工号, password and device id: a few hundred bytes. */
const LOGIN_BODY_LIMIT_BYTES = 4 * 1024;
const MINUTE_MS = 60_000;

export async function registerLoginRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { db, clock, policy, sip, liveHub, loginThrottle, sessionLimits, sessionExpiry } = context;

  // Counted in memory before the body is read: a flood of logins costs neither a parse nor the
  // 32 MiB scrypt of a password check. Its Retry-After header comes from the plugin.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, limit) =>
      new ApiFailure(429, 'too-many-attempts', `too many logins from this address: retry in ${limit.after}`),
  });

  const route = { bodyLimit: LOGIN_BODY_LIMIT_BYTES, config: { rateLimit: { max: loginThrottle.attemptsPerAddressPerMinute, timeWindow: MINUTE_MS } } };
  app.post('/v1/login', route, async (request): Promise<LoginResponse> => {
    const login = parseRequest(loginRequestSchema, request.body);
    const attempt: LoginAttempt = { agentId: login.agentId, address: request.ip, deviceId: login.deviceId };
    // Before the password is checked, so guessing costs the server nothing while locked.
    const locked = await lockoutLeft(db, attempt, loginThrottle.failures, clock.now());
    if (locked > 0) {
      await recordLoginFailure(db, attempt, 'throttled', clock.now());
      throw new ApiFailure(429, 'too-many-attempts', 'too many failed logins for this 工号 or from this address: try again later', { retryAfterMs: locked });
    }

    const agent = await findAgent(db, login.agentId);
    // Same work and same answer for an unknown 工号 and a wrong password.
    const passwordOk = await verifyPassword(login.password, agent?.password_hash ?? (await decoyPasswordHash()));
    if (!agent || !passwordOk) {
      await recordLoginFailure(db, attempt, agent ? 'bad-password' : 'unknown-agent', clock.now());
      throw new ApiFailure(401, 'bad-credentials', 'wrong 工号 or password');
    }

    const now = clock.now();
    const { token, ended } = await startSession(db, { agentId: agent.agent_id, deviceId: login.deviceId, address: request.ip }, now, sessionLimits);
    for (const previous of ended) liveHub.endSession(previous);
    sessionExpiry.sessionStarted(now);
    return {
      token,
      agent: { agentId: agent.agent_id, name: agent.name },
      policy,
      dispositions: await listDispositions(db),
      directory: await listDirectory(db),
      sip: provisionSip(sip, { agentId: agent.agent_id, name: agent.name }, now),
      serverTime: now,
    };
  });

  // Attendance counts the session's end; the desk records serverTime with its own clock's, for audit.
  app.post('/v1/logout', { onRequest: requireSession(context) }, async (request): Promise<LogoutResponse> => {
    const session = sessionOf(request);
    const now = clock.now();
    const ended = await endSession(db, session.tokenHash, now);
    if (ended) liveHub.endSession(ended);
    return { serverTime: now };
  });
}
