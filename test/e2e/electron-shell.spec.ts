import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startLab, type Lab } from '../../lab';
import { repoRoot } from '../support/desk-fixture';

/**
 * The Electron shell, driven by Playwright where an Electron binary is installed. The project's
 * build machines install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the binary cannot be downloaded
 * there), so this spec reports itself skipped on them; the browser shell specs cover the same
 * main-process code.
 */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const skipReason = 'No Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1): the Electron shell spec is skipped here';
if (!binary) console.log(skipReason);
test.skip(!binary, skipReason);

let lab: Lab;
let dataDir: string;
test.beforeAll(async () => {
  lab = await startLab({ callerPage: false });
  dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-electron-'));
});
test.afterAll(async () => {
  await lab?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the Electron shell is sandboxed and logs agent 1001 in', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: [repoRoot],
    env: { ...process.env, SEATDESK_SERVER_URL: lab.server.url, SEATDESK_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    const exposed = await window.evaluate(() => ({
      bridge: typeof (window as unknown as { seatdeskBridge?: unknown }).seatdeskBridge,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });

    await window.getByTestId('login-agent-id').fill('1001');
    await window.getByTestId('login-password').fill('pw1001');
    await window.getByTestId('login-submit').click();
    await expect(window.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    await expect(window.getByTestId('registration')).toHaveAttribute('data-registration', 'registered');
  } finally {
    await app.close();
  }
});
