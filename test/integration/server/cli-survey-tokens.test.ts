import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callRecord, login, request } from './desk-http';

const repo = resolve(import.meta.dirname, '../../..');
const tsx = join(repo, 'node_modules/.bin/tsx');
/** In-memory PGlite: nothing to clean up. */
const baseEnv = { SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 's', PORT: '0', SEED_LAB_AGENTS: '1' };

function serve(env: Record<string, string>): { child: ChildProcess; log: () => string } {
  const child = spawn(tsx, ['server/cli.ts'], { cwd: repo, env: { ...process.env, ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { child, log: () => text };
}

async function urlOf(server: { child: ChildProcess; log: () => string }): Promise<string> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const match = /SeatDesk server listening on (http:\/\/\S+)/.exec(server.log());
    if (match?.[1]) return match[1];
    if (server.child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`server did not start:\n${server.log()}`);
}

describe('server CLI: SEATDESK_SURVEY_TOKENS', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    // Only after a failed test; SIGTERM so tsx stops the server process it started.
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('accepts any of the comma-separated tokens for posting survey results, and only those', async () => {
    const [first, second] = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
    const server = serve({ SEATDESK_SURVEY_TOKENS: ` ${first} ,${second},` });
    children.push(server.child);
    const url = await urlOf(server);
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

    // SIGTERM, not SIGKILL: tsx passes it on to the server process it started.
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  }, 120_000);

  it('refuses to start with a token too short to be secret', async () => {
    const server = serve({ SEATDESK_SURVEY_TOKENS: `${randomBytes(24).toString('base64url')},ivr` });
    children.push(server.child);
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(server.log()).toContain('a survey token must be at least 16 characters');
  }, 120_000);
});
