import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../server/db/connect-database';
import { listDirectory } from '../../../server/directory';
import { login, request } from './desk-http';

const repo = resolve(import.meta.dirname, '../../..');
const tsx = join(repo, 'node_modules/.bin/tsx');

function runCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(tsx, ['server/cli.ts', ...args], { cwd: repo, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text };
}

async function waitForUrl(log: { text: () => string }, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const match = /SeatDesk server listening on (http:\/\/\S+)/.exec(log.text());
    if (match?.[1]) return match[1];
    if (child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`server did not start:\n${log.text()}`);
}

describe('server CLI', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('provisions an agent from stdin, then serves on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatdesk-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { SEATDESK_DATA_DIR: dataDir, SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 's', PORT: '0' };

    const add = runCli(['add-agent', '2001', '王小明'], env);
    const addLog = output(add);
    add.stdin?.end('s3cret-pw\n');
    expect(await exitOf(add), addLog.text()).toBe(0);

    const again = runCli(['add-agent', '2001', '王小明'], env);
    const againLog = output(again);
    again.stdin?.end('other\n');
    expect(await exitOf(again)).toBe(1);
    expect(againLog.text()).toContain('already exists');

    const serve = runCli([], env);
    const log = output(serve);
    const exited = exitOf(serve);
    cleanups.push(async () => {
      if (serve.exitCode === null && serve.pid !== undefined) process.kill(serve.pid, 'SIGKILL');
    });
    const url = await waitForUrl(log, serve);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await login(url, '2001', 's3cret-pw')).agent).toEqual({ agentId: '2001', name: '王小明' });
    expect((await request(url, 'POST', '/v1/login', { json: { agentId: '2001', password: 'other', deviceId: 'd' } })).status).toBe(401);

    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Three processes each open PGlite (seconds apiece, more on a busy machine).
  }, 180_000);

  it('adds a department to the directory for IT admins, refusing a taken extension and bad input', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatdesk-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { SEATDESK_DATA_DIR: dataDir };
    const run = async (args: string[]) => {
      const child = runCli(args, env);
      const log = output(child);
      return { code: await exitOf(child), text: log.text() };
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
      const refused = runCli([], { ...base, [name]: value });
      const log = output(refused);
      expect(await exitOf(refused)).toBe(1);
      expect(log.text()).toContain(complaint);
    }

    const serve = runCli([], { ...base, LOGIN_FAILURES_PER_AGENT: '2', TRUST_PROXY: '127.0.0.1', SESSION_IDLE_MS: '600000' });
    const log = output(serve);
    const exited = exitOf(serve);
    cleanups.push(async () => {
      if (serve.exitCode === null && serve.pid !== undefined) process.kill(serve.pid, 'SIGKILL');
    });
    const url = await waitForUrl(log, serve);
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

    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
