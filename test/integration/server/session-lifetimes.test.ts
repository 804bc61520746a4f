import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  agentSessionsResponseSchema,
  endSessionResponseSchema,
  sessionEndedErrorSchema,
  type ApiError,
  type SessionEnded,
  type SessionEndedError,
} from '../../../src/contract';
import { ManualClock } from '../../../src/domain/clock';
import { startServer, type RunningServer } from '../../../server/app';
import { hashSessionToken } from '../../../server/session-tokens';
import { backends, SIP } from './backends';
import { login, request, stateChangeRecord } from './desk-http';
import { useServerSuite } from './server-suite';

const MINUTE = 60_000;
const IDLE_MS = 30 * MINUTE;
/** The default is 14 h; 2 h keeps the steps of a desk kept alive by its live socket few. */
const ABSOLUTE_MS = 2 * 60 * MINUTE;
const PING_INTERVAL_MS = 200;

describe.each(backends)('session lifetimes and ends on $name', (backend) => {
  const { clock, url, db, live } = useServerSuite(backend, {
    sessions: { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS },
    livePingIntervalMs: PING_INTERVAL_MS,
  });

  /** Any authenticated request: what a desk does when it syncs. */
  const sync = (token: string, agentId: string) =>
    request<ApiError & SessionEndedError>(url(), 'POST', '/v1/sync', { token, json: { records: [stateChangeRecord(agentId, clock.now())] } });
  const expectEnded = async (token: string, agentId: string, ended: SessionEnded) => {
    const answer = await sync(token, agentId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(401);
    expect(sessionEndedErrorSchema.parse(answer.body).error.session).toEqual(ended);
  };
  const sessionRow = (token: string) =>
    db().selectFrom('sessions').select(['last_seen_at', 'ended_at', 'end_reason']).where('token_hash', '=', hashSessionToken(token)).executeTakeFirstOrThrow();
  /** The server saw the desk's answer to a ping after the clock last moved. */
  const seenByPing = (token: string) => vi.waitFor(async () => expect((await sessionRow(token)).last_seen_at).toBe(clock.now()), { timeout: 5_000 });
  const sessionsOf = (token: string, agentId: string) => request<ApiError>(url(), 'GET', `/v1/agents/${agentId}/sessions`, { token });

  describe('expiry', () => {
    it('ends a session its desk has not used for the idle limit: alive at limit − 1 ms, expired at the limit', async () => {
      const { token } = await login(url(), '1001');
      clock.advance(IDLE_MS - 1);
      expect((await sync(token, '1001')).status).toBe(200);
      // Every request renews it.
      clock.advance(IDLE_MS - 1);
      expect((await sync(token, '1001')).status).toBe(200);
      const lastSeen = clock.now();
      clock.advance(IDLE_MS);
      const ended = { reason: 'expired', endedAt: lastSeen + IDLE_MS, byDeviceId: null, byAgentId: null } as const;
      await expectEnded(token, '1001', ended);
      expect(await sessionRow(token)).toEqual({ last_seen_at: lastSeen, ended_at: lastSeen + IDLE_MS, end_reason: 'expired' });
      // It stays ended: a later request changes nothing.
      clock.advance(1_000);
      await expectEnded(token, '1001', ended);
    });

    it('ends a session at its absolute limit however busy its desk is', async () => {
      const { token, serverTime: startedAt } = await login(url(), '1002');
      while (clock.now() + 20 * MINUTE < startedAt + ABSOLUTE_MS) {
        clock.advance(20 * MINUTE);
        expect((await sync(token, '1002')).status).toBe(200);
      }
      clock.advance(startedAt + ABSOLUTE_MS - 1 - clock.now());
      expect((await sync(token, '1002')).status).toBe(200);
      clock.advance(1);
      await expectEnded(token, '1002', { reason: 'expired', endedAt: startedAt + ABSOLUTE_MS, byDeviceId: null, byAgentId: null });
      // The agent logs in again and works on.
      expect((await sync((await login(url(), '1002')).token, '1002')).status).toBe(200);
    });

    it('keeps a desk that only holds its answering /v1/live socket alive, and only that desk', async () => {
      const kept = await login(url(), '1003');
      const idle = await login(url(), '1004');
      await live(kept.token);
      for (let step = 0; step < 2; step++) {
        clock.advance(IDLE_MS - MINUTE);
        await seenByPing(kept.token);
      }
      // Almost two idle limits without a request: the socket's pongs were enough.
      expect((await sync(kept.token, '1003')).status).toBe(200);
      await expectEnded(idle.token, '1004', { reason: 'expired', endedAt: idle.serverTime + IDLE_MS, byDeviceId: null, byAgentId: null });
    });

    it('tells a connected desk `expired` the moment its session runs out, then closes its socket', async () => {
      const { token, serverTime: startedAt } = await login(url(), '1005');
      const socket = await live(token);
      while (clock.now() + 20 * MINUTE < startedAt + ABSOLUTE_MS) {
        clock.advance(20 * MINUTE);
        await seenByPing(token);
      }
      clock.advance(startedAt + ABSOLUTE_MS - 1 - clock.now());
      expect((await sync(token, '1005')).status).toBe(200);
      expect(socket.messages).toEqual([]);

      clock.advance(1);
      const ended = { reason: 'expired', endedAt: startedAt + ABSOLUTE_MS, byDeviceId: null, byAgentId: null } as const;
      expect(await socket.next()).toEqual({ topic: 'sessionEnded', session: ended });
      expect(await socket.closed).toEqual({ code: 1008, reason: 'session ended: expired' });
      await expectEnded(token, '1005', ended);
    });
  });

  describe('ends the desk is told of', () => {
    it('tells the first desk of a 工号 that logs in elsewhere which device replaced it and when, then closes it', async () => {
      const first = await login(url(), '1006', 'pw1006', 'desk-first');
      const socket = await live(first.token);
      clock.advance(1_000);
      const second = await login(url(), '1006', 'pw1006', 'desk-second');
      const ended = { reason: 'replaced', endedAt: second.serverTime, byDeviceId: 'desk-second', byAgentId: null } as const;
      expect(await socket.next()).toEqual({ topic: 'sessionEnded', session: ended });
      expect((await socket.closed).code).toBe(1008);
      await expectEnded(first.token, '1006', ended);
      expect((await sync(second.token, '1006')).status).toBe(200);

      // The agent and supervisors can read the replacement; other agents cannot.
      const history = await sessionsOf(second.token, '1006');
      expect(history.status).toBe(200);
      const [current, replaced] = agentSessionsResponseSchema.parse(history.body).sessions;
      expect(current).toEqual({ deviceId: 'desk-second', address: '127.0.0.1', startedAt: second.serverTime, lastSeenAt: clock.now(), ended: null });
      // Its last sign of life may be a pong after the clock moved on.
      expect(replaced).toEqual({ deviceId: 'desk-first', address: '127.0.0.1', startedAt: first.serverTime, lastSeenAt: expect.any(Number), ended });
      const supervisor = await login(url(), '9001');
      expect((await sessionsOf(supervisor.token, '1006')).body).toEqual(history.body);
      const stranger = await login(url(), '1007');
      expect((await sessionsOf(stranger.token, '1006')).status).toBe(403);
    });

    it('tells the desk that logs out `logout` on its own socket only', async () => {
      const leaving = await login(url(), '1007', 'pw1007', 'desk-a');
      const other = await login(url(), '1008', 'pw1008', 'desk-b');
      const leavingSocket = await live(leaving.token);
      const otherSocket = await live(other.token);
      clock.advance(1_000);
      const logout = await request<{ serverTime: number }>(url(), 'POST', '/v1/logout', { token: leaving.token, json: {} });
      const ended = { reason: 'logout', endedAt: logout.body.serverTime, byDeviceId: null, byAgentId: null } as const;
      expect(await leavingSocket.next()).toEqual({ topic: 'sessionEnded', session: ended });
      expect((await leavingSocket.closed).code).toBe(1008);
      await expectEnded(leaving.token, '1007', ended);
      expect((await sync(other.token, '1008')).status).toBe(200);
      expect(otherSocket.messages).toEqual([]);
    });

    it('lets a supervisor end an agent’s session: the desk hears who, the end is recorded; agents may not', async () => {
      const agent = await login(url(), '1009', 'pw1009', 'desk-9');
      const socket = await live(agent.token);
      const colleague = await login(url(), '1010');
      const endBy = (token: string, agentId: string) => request<ApiError>(url(), 'POST', `/v1/agents/${agentId}/session/end`, { token, json: {} });

      const refused = await endBy(colleague.token, '1009');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect((await sync(agent.token, '1009')).status).toBe(200);

      clock.advance(1_000);
      const supervisor = await login(url(), '9001');
      const answer = await endBy(supervisor.token, '1009');
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const ended = { reason: 'admin', endedAt: clock.now(), byDeviceId: null, byAgentId: '9001' } as const;
      expect(endSessionResponseSchema.parse(answer.body)).toEqual({ session: ended });
      expect(await socket.next()).toEqual({ topic: 'sessionEnded', session: ended });
      expect((await socket.closed).code).toBe(1008);
      await expectEnded(agent.token, '1009', ended);
      expect(agentSessionsResponseSchema.parse((await sessionsOf(supervisor.token, '1009')).body).sessions[0]?.ended).toEqual(ended);

      const nothingLive = await endBy(supervisor.token, '1009');
      expect(nothingLive.status).toBe(404);
      expect(nothingLive.body.error.code).toBe('not-found');
      expect((await endBy(supervisor.token, 'abc')).status).toBe(400);
    });

    it('answers an unknown token 401 unauthenticated without a session', async () => {
      const answer = await sync('no-such-token-0123456789', '1001');
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
      expect(answer.body.error).not.toHaveProperty('session');
    });
  });
});

describe('default session limits', () => {
  const clock = new ManualClock();
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ database: { kind: 'pglite' }, sip: SIP, clock, seedLabAgents: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('are 30 minutes idle and 14 hours in all', async () => {
    const base = server?.url ?? '';
    const syncAs = (token: string) => request(base, 'POST', '/v1/sync', { token, json: { records: [stateChangeRecord('1001', clock.now())] } });
    const idle = await login(base, '1001');
    clock.advance(30 * MINUTE - 1);
    expect((await syncAs(idle.token)).status).toBe(200);
    clock.advance(30 * MINUTE);
    expect((await syncAs(idle.token)).status).toBe(401);

    const busy = await login(base, '1001');
    while (clock.now() + 29 * MINUTE < busy.serverTime + 14 * 60 * MINUTE) {
      clock.advance(29 * MINUTE);
      expect((await syncAs(busy.token)).status).toBe(200);
    }
    clock.advance(busy.serverTime + 14 * 60 * MINUTE - clock.now());
    expect((await syncAs(busy.token)).status).toBe(401);
  });
});
