import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../server/db/connect-database';
import { listDirectory } from '../../../server/directory';
import { login, request } from './desk-http';
import { killServer, listeningUrl, runServerCli } from '../../support/server-process';

describe('server CLI', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('provisions an agent from stdin, then serves on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatdesk-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { SEATDESK_DATA_DIR: dataDir, SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 's', PORT: '0' };

    const add = runServerCli(['add-agent', '2001', '王小明'], env);
    add.child.stdin?.end('s3cret-pw\n');
    expect(await add.exited, add.log()).toBe(0);

    const again = runServerCli(['add-agent', '2001', '王小明'], env);
    again.child.stdin?.end('other\n');
    expect(await again.exited).toBe(1);
    expect(again.log()).toContain('already exists');

    const serve = runServerCli([], env);
    cleanups.push(() => killServer(serve));
    const url = await listeningUrl(serve);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await login(url, '2001', 's3cret-pw')).agent).toEqual({ agentId: '2001', name: '王小明' });
    expect((await request(url, 'POST', '/v1/login', { json: { agentId: '2001', password: 'other', deviceId: 'd' } })).status).toBe(401);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    // Three processes each open PGlite (seconds apiece, more on a busy machine).
  }, 180_000);

  it('adds a department to the directory for IT admins, refusing a taken extension and bad input', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatdesk-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { SEATDESK_DATA_DIR: dataDir };
    const run = async (args: string[]) => {
      const cli = runServerCli(args, env);
      return { code: await cli.exited, text: cli.log() };
    };

    const added = await run(['add-department', '8101', '售后服务', '王经理']);
    expect(added.code, added.text).toBe(0);
    expect(added.text).toContain('added 8101');
    const taken = await run(['add-department', '8101', '投诉处理']);
    expect(taken).toMatchObject({ code: 1, text: expect.stringContaining('already in the directory') });
    const bad = await run(['add-department', 'eighty', '投诉处理']);
    expect(bad).toMatchObject({ code: 1, text: expect.stringContaining('usage: add-department') });

    const db = await connectDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await listDirectory(db)).toEqual([{ extension: '8101', department: '售后服务', name: '王经理' }]);
    } finally {
      await db.destroy();
    }
  }, 180_000);

  it('takes login throttling and the trusted proxy from the environment, and refuses limits that make no sense', async () => {
    const base = { SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 's', PORT: '0', SEED_LAB_AGENTS: '1' };
    for (const [name, value, complaint] of [
      ['SESSION_IDLE_MS', '1000', 'SESSION_IDLE_MS must be a whole number of at least 120000, got 1000'],
      ['LOGIN_FAILURES_PER_AGENT', 'five', 'LOGIN_FAILURES_PER_AGENT must be a whole number of at least 1, got five'],
    ] as const) {
      const refused = runServerCli([], { ...base, [name]: value });
      expect(await refused.exited).toBe(1);
      expect(refused.log()).toContain(complaint);
    }

    const serve = runServerCli([], { ...base, LOGIN_FAILURES_PER_AGENT: '2', TRUST_PROXY: '127.0.0.1', SESSION_IDLE_MS: '600000' });
    cleanups.push(() => killServer(serve));
    const url = await listeningUrl(serve);
    const attempt = (password: string, from: string) =>
      request(url, 'POST', '/v1/login', { json: { agentId: '1001', password, deviceId: 'd' }, headers: { 'x-forwarded-for': from } });
    expect((await attempt('wrong', '10.9.0.1')).status).toBe(401);
    expect((await attempt('wrong', '10.9.0.2')).status).toBe(401);
    expect((await attempt('pw1001', '10.9.0.3')).status).toBe(429);
    const supervisor = await login(url, '9001');
    const failures = await request<{ failures: Array<{ address: string; reason: string }> }>(url, 'GET', '/v1/login-failures?agentId=1001', { token: supervisor.token });
    expect(failures.body.failures.map((failure) => [failure.address, failure.reason])).toEqual([
      ['10.9.0.3', 'throttled'],
      ['10.9.0.2', 'bad-password'],
      ['10.9.0.1', 'bad-password'],
    ]);

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  }, 180_000);
});
