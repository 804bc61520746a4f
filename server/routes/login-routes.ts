import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { loginRequestSchema, type LoginResponse, type logoutResponseSchema } from '../../src/contract';
import { findAgent } from '../agents';
import { listDirectory } from '../directory';
import { listDispositions } from '../dispositions';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import { decoyPasswordHash, verifyPassword } from '../passwords';
import type { ServerContext } from '../server-context';
import { endSession, startSession } from '../sessions';
import { provisionSip } from '../sip-provision';

type LogoutResponse = z.infer<typeof logoutResponseSchema>;

export function registerLoginRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, sip, liveHub } = context;

  app.post('/v1/login', async (request): Promise<LoginResponse> => {
    const login = parseRequest(loginRequestSchema, request.body);
    const agent = await findAgent(db, login.agentId);
    // Same work and same answer for an unknown 工号 and a wrong password.
    const passwordOk = await verifyPassword(login.password, agent?.password_hash ?? (await decoyPasswordHash()));
    if (!agent || !passwordOk) throw new ApiFailure(401, 'bad-credentials', 'wrong 工号 or password');

    const now = clock.now();
    const token = await startSession(db, agent.agent_id, login.deviceId, now);
    // The new session has no live socket yet, so every open one belongs to a session just replaced.
    liveHub.disconnectAgent(agent.agent_id, 'session ended: this 工号 logged in on another desk');
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

  // The answer's serverTime is the server-confirmed logout time the desk records for attendance.
  app.post('/v1/logout', { onRequest: requireSession(db) }, async (request): Promise<LogoutResponse> => {
    const session = sessionOf(request);
    const now = clock.now();
    await endSession(db, session.tokenHash, 'logout', now);
    liveHub.disconnectSession(session.tokenHash, 'session ended: the session was logged out');
    return { serverTime: now };
  });
}
