import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserShell, type BrowserShell } from '../../main/shell/web/browser-shell';
import { writeLaunchPage } from '../../main/shell/web/launch-page';
import { repoRoot } from '../support/desk-fixture';

/**
 * The browser shell's window in real Chromium: opened through the private launch page (as the
 * CLI does), it reaches the desk and survives a reload; a second window is told the desk is open
 * elsewhere and takes over only once the first is closed. No login, so no lab is needed.
 */
let shell: BrowserShell;
let dataDir: string;
let windowDir: string;
let launchPage: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-window-desk-'));
  windowDir = mkdtempSync(join(tmpdir(), 'seatdesk-window-'));
  shell = await startBrowserShell({ dataDir, serverUrl: 'http://127.0.0.1:9', rendererDir: join(repoRoot, 'dist', 'renderer') });
  launchPage = writeLaunchPage(windowDir, shell.url);
});
test.afterAll(async () => {
  await shell?.close();
  for (const dir of [dataDir, windowDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the launch page opens the desk, and one window drives it at a time', async ({ context }) => {
  const origin = new URL(shell.url).origin;
  const first = await context.newPage();
  await first.goto(launchPage);
  await expect(first.getByTestId('login-agent-id')).toBeVisible();
  // The token left the address bar once the page had it.
  await expect(first).toHaveURL(`${origin}/`);

  await first.reload();
  await expect(first.getByTestId('login-agent-id')).toBeVisible();
  await expect(first.getByTestId('connection-banner')).toHaveCount(0);

  const second = await context.newPage();
  await second.goto(launchPage);
  await expect(second.getByTestId('connection-banner')).toHaveAttribute('data-reason', 'other-window');
  await expect(second.getByTestId('connection-banner')).toContainText('另一个窗口');
  await expect(first.getByTestId('connection-banner')).toHaveCount(0);

  await first.close();
  await expect(second.getByTestId('login-agent-id')).toBeVisible();
  await expect(second.getByTestId('connection-banner')).toHaveCount(0);
});
