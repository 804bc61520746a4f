import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deskConfigFromEnv } from '../../desk-config';
import { logUncaught } from '../../log/uncaught';
import { startBrowserShell } from './browser-shell';
import { writeLaunchPage } from './launch-page';

/**
 * `npm run desk:web` (`node dist/web/desk.mjs`, the bundle of this file): start the desk in the browser shell and open it in a Chromium app window.
 * SEATDESK_SERVER_URL, SEATDESK_DATA_DIR: see desk-config.ts. SEATDESK_NO_BROWSER=1: only print
 * where to open it. SEATDESK_CHROMIUM: the browser to run (default: the first Chromium found).
 * SEATDESK_FAKE_MEDIA=1: Chromium's fake microphone (for machines without one, like the lab's).
 *
 * The window gets the per-launch token from a launch page only this user can read, never from
 * its command line or this process's output.
 */
const repoRoot = packageRoot(dirname(fileURLToPath(import.meta.url)));
const dataHome = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
const config = deskConfigFromEnv(join(dataHome, 'seatdesk'));
const shell = await startBrowserShell({
  ...config,
  rendererDir: join(repoRoot, 'dist', 'renderer'),
  ...(process.env.SEATDESK_PORT ? { port: Number(process.env.SEATDESK_PORT) } : {}),
});
logUncaught(shell.runtime.log);

// The window's own folder (0700): the launch page and a throwaway Chromium profile.
const windowDir = mkdtempSync(join(tmpdir(), 'seatdesk-window-'));
const launchPage = writeLaunchPage(windowDir, shell.url);

console.log(`SeatDesk (browser shell) is running; central server ${config.serverUrl}, data in ${config.dataDir}, log in ${shell.runtime.log.dir}`);
console.log(`Open the desk (as this user, one window at a time): ${launchPage}`);

let browser: ChildProcess | undefined;
if (process.env.SEATDESK_NO_BROWSER !== '1') browser = openAppWindow(launchPage);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  browser?.kill();
  await shell.close();
  try {
    rmSync(windowDir, { recursive: true, force: true });
  } catch {
    // A Chromium still writing its profile as it exits: the folder is private, and in tmp.
  }
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/** The folder with SeatDesk's package.json above this file: the source (main/shell/web/) or the bundle (dist/web/). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

function openAppWindow(url: string): ChildProcess | undefined {
  const candidates = process.env.SEATDESK_CHROMIUM ? [process.env.SEATDESK_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const chromium = candidates.find((path) => existsSync(path));
  if (!chromium) {
    console.log('No Chromium found: open the page above in a Chromium-based browser.');
    return undefined;
  }
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No display: open the page above in a browser on this machine.');
    return undefined;
  }
  const args = [
    `--app=${url}`,
    `--user-data-dir=${join(windowDir, 'profile')}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // The ringtone must sound without an earlier click.
    '--autoplay-policy=no-user-gesture-required',
    ...(process.env.SEATDESK_FAKE_MEDIA === '1' ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
  const child = spawn(chromium, args, { stdio: 'ignore' });
  child.on('exit', () => void stop());
  return child;
}
