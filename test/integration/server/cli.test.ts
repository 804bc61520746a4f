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
});
