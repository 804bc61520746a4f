import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserShell } from '../../../main/shell/web/browser-shell';
import { repoRoot } from '../../support/desk-fixture';

/**
 * The desk's data folder (calls, wrap-ups, the log: customer data) is this user's alone at every
 * start of the real browser shell, not only when it was first made.
 */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-data-'));
  made.push(dir);
  return dir;
}

async function startAndStop(dataDir: string): Promise<void> {
  // No login happens here, so no central server is needed.
  const shell = await startBrowserShell({ dataDir, serverUrl: 'http://127.0.0.1:9', rendererDir: join(repoRoot, 'dist', 'renderer') });
  await shell.close();
}

/** The folder and everything in it, relative path -> permission bits in octal. */
function modes(dir: string): Record<string, string> {
  const paths = ['.', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })];
  return Object.fromEntries(paths.map((path) => [path, (statSync(join(dir, path)).mode & 0o777).toString(8)]));
}

/** What `modes` must be: folders 0700, files 0600. */
function privateModes(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(modes(dir)).map((path) => [path, statSync(join(dir, path)).isDirectory() ? '700' : '600']));
}

describe('the data folder', () => {
  it('is 0700 with its files 0600 after the first start', async () => {
    const dataDir = join(tempDir(), 'desk');
    await startAndStop(dataDir);

    expect(Object.keys(modes(dataDir))).toEqual(expect.arrayContaining(['.', 'desk.sqlite', 'logs']));
    expect(modes(dataDir)).toEqual(privateModes(dataDir));
  });

  it('is closed again at the next start after its modes were loosened', async () => {
    const dataDir = tempDir();
    await startAndStop(dataDir);
    // Opened up by hand, or restored from a backup; with a file the desk did not make.
    mkdirSync(join(dataDir, 'exports'));
    writeFileSync(join(dataDir, 'exports', 'calls.csv'), 'callId,number\n');
    for (const path of Object.keys(modes(dataDir))) {
      chmodSync(join(dataDir, path), statSync(join(dataDir, path)).isDirectory() ? 0o755 : 0o644);
    }
    expect(modes(dataDir)).toMatchObject({ '.': '755', 'desk.sqlite': '644', logs: '755' });

    await startAndStop(dataDir);

    expect(modes(dataDir)).toEqual(privateModes(dataDir));
    expect(modes(dataDir)['exports/calls.csv']).toBe('600');
  });
});
