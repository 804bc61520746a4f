import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { repoRoot } from '../../support/desk-fixture';

/**
 * `npm run desk:web` as an agent runs it, with a stand-in for Chromium that records the command
 * line it was given (what `ps` shows every local user) and stays up like a window. This tests our
 * launcher, not Chromium: what Chromium does with the page is the e2e specs' part.
 */
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function standInChromium(dir: string): { path: string; argvFile: string } {
  const path = join(dir, 'chromium');
  const argvFile = join(dir, 'argv');
  // Written aside and renamed: the test reads the file as soon as it exists, never half written.
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}.part'\nmv '${argvFile}.part' '${argvFile}'\nexec sleep 300\n`);
  chmodSync(path, 0o755);
  return { path, argvFile };
}

/**
 * The CLI as agents run it: the bundle `npm run build:shells` made (the test command's set-up builds it).
 * `preload`: a module run in the CLI's process before it (one process: plain node with tsx's loader for it).
 */
function startCli(env: Record<string, string>, preload?: string): { child: ChildProcess; output: () => string } {
  const args = [...(preload ? ['--import', 'tsx', '--import', pathToFileURL(preload).href] : []), 'dist/web/desk.mjs'];
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => child.kill('SIGTERM'));
  return { child, output: () => output };
}

async function until<T>(what: string, probe: () => T | undefined, child: ChildProcess, output: () => string): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    if (child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`${what} did not happen; the CLI said:\n${output()}`);
}

function connectsWith(url: URL, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(token)}`, { origin: url.origin });
    socket.once('open', () => {
      socket.close();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the browser shell CLI', () => {
  it('opens the window without the launch token on its command line or in its output', async () => {
    const bin = tempDir('seatdesk-bin-');
    const chromium = standInChromium(bin);
    const { child, output } = startCli({
      SEATDESK_CHROMIUM: chromium.path,
      DISPLAY: ':99',
      SEATDESK_DATA_DIR: tempDir('seatdesk-cli-desk-'),
      // No login happens here, so no central server is needed.
      SEATDESK_SERVER_URL: 'http://127.0.0.1:9',
    });

    const argv = await until('the window launch', () => (existsSync(chromium.argvFile) ? readFileSync(chromium.argvFile, 'utf8').split('\n') : undefined), child, output);
    await until('the launch message', () => (/Open the desk/.test(output()) ? true : undefined), child, output);

    const app = argv.find((arg) => arg.startsWith('--app='))!.slice('--app='.length);
    expect(app).toMatch(/^file:\/\//);
    const launchPage = fileURLToPath(app);
    expect(statSync(launchPage).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(launchPage)).mode & 0o777).toBe(0o700);

    // The page forwards the window to the desk, token in the hash; the token opens the desk.
    const forward = /url=([^"]+)"/.exec(readFileSync(launchPage, 'utf8'))![1]!.replaceAll('&#38;', '&');
    const deskUrl = new URL(forward);
    const token = new URLSearchParams(deskUrl.hash.slice(1)).get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(await connectsWith(deskUrl, token)).toBe(true);

    expect(argv.join(' ')).not.toContain(token);
    expect(output()).not.toContain(token);
    expect(output()).toContain(app);

    child.kill('SIGTERM');
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    // The launch page goes with the desk.
    expect(existsSync(launchPage)).toBe(false);
  });

  it('logs an exception nothing caught and a rejection nobody awaited, and goes on serving the desk', async () => {
    const bin = tempDir('seatdesk-bin-');
    const dataDir = tempDir('seatdesk-cli-desk-');
    // A fault injected from outside the desk's code: on SIGUSR2, a timer throws and a promise rejects.
    const faults = join(bin, 'faults.mjs');
    writeFileSync(
      faults,
      `process.on('SIGUSR2', () => {
        setTimeout(() => { throw new Error('ring timer failed for <sip:13812345678@pbx.example.com>'); }, 0);
        void Promise.reject(Object.assign(new Error('nobody awaited this'), { code: 'invalid-record' }));
      });\n`,
    );
    const { child, output } = startCli({ SEATDESK_NO_BROWSER: '1', SEATDESK_DATA_DIR: dataDir, SEATDESK_SERVER_URL: 'http://127.0.0.1:9' }, faults);
    await until('the launch message', () => (/Open the desk/.test(output()) ? true : undefined), child, output);

    child.kill('SIGUSR2');
    await until('both faults reported', () => (/uncaught exception/.test(output()) && /unhandled rejection/.test(output()) ? true : undefined), child, output);

    expect(child.exitCode).toBeNull();
    const launchPage = fileURLToPath(/Open the desk[^:]*: (file:\S+)/.exec(output())![1]!);
    const deskUrl = new URL(/url=([^"]+)"/.exec(readFileSync(launchPage, 'utf8'))![1]!.replaceAll('&#38;', '&'));
    expect(await connectsWith(deskUrl, new URLSearchParams(deskUrl.hash.slice(1)).get('token')!)).toBe(true);

    child.kill('SIGTERM');
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    const logs = join(dataDir, 'logs');
    const logged = readdirSync(logs).map((file) => readFileSync(join(logs, file), 'utf8')).join('');
    expect(logged).toContain('uncaught exception: the desk goes on');
    expect(logged).toContain('unhandled rejection: the desk goes on');
    expect(logged).toContain('invalid-record');
    expect(logged).not.toContain('13812345678');
    expect(output()).not.toContain('13812345678');
  });
});
