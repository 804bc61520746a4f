import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { callRecord, login, request } from './desk-http';
import { killServer, listeningUrl, runServerCli, type ServerProcess } from '../../support/server-process';

/** In-memory PGlite: nothing to clean up. */
const baseEnv = { SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 's', PORT: '0', SEED_LAB_AGENTS: '1' };

describe('server CLI: SEATDESK_SURVEY_TOKENS', () => {
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    // Only does anything after a failed test: a passing one has stopped its server.
    for (const server of servers.splice(0)) await killServer(server);
  });

  it('accepts any of the comma-separated tokens for posting survey results, and only those', async () => {
    const [first, second] = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
    const server = runServerCli([], { ...baseEnv, SEATDESK_SURVEY_TOKENS: ` ${first} ,${second},` });
    servers.push(server);
    const url = await listeningUrl(server);
    // The server rates only calls a desk has reported.
    const { token: deskToken } = await login(url, '1001');
    const result = async () => {
      const call = callRecord('1001', Date.now());
      expect((await request(url, 'POST', '/v1/sync', { token: deskToken, json: { records: [call] } })).status).toBe(200);
      return { id: randomUUID(), callId: call.payload.callId, agentId: '1001', rating: 'neutral', customerNumber: '110', ratedAt: 1 };
    };

    for (const token of [first, second]) expect(await request(url, 'POST', '/v1/survey-results', { token, json: await result() })).toEqual({ status: 200, body: { stored: true } });
    expect((await request(url, 'POST', '/v1/survey-results', { token: `${first},${second}`, json: await result() })).status).toBe(401);
    expect((await request(url, 'POST', '/v1/survey-results', { json: await result() })).status).toBe(401);

    // SIGTERM, not SIGKILL: the server closes and exits 0.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('refuses to start with a token too short to be secret', async () => {
    const server = runServerCli([], { ...baseEnv, SEATDESK_SURVEY_TOKENS: `${randomBytes(24).toString('base64url')},ivr` });
    servers.push(server);
    expect(await server.exited).toBe(1);
    expect(server.log()).toContain('a survey token must be at least 16 characters');
  }, 120_000);
});
