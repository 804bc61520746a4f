import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLab, type Lab, type LabOptions } from '../../lab';
import { startBrowserShell, type BrowserShell } from '../../main/shell/web/browser-shell';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface DeskUnderTest {
  lab: Lab;
  shell: BrowserShell;
  dataDir: string;
  /** Starts the browser shell again on the same data directory (a desk restart). */
  restartDesk(): Promise<BrowserShell>;
  stop(): Promise<void>;
}

/** A real lab and a real desk (browser shell) on top of it, each in its own temp directory. */
export async function startDeskUnderTest(options: LabOptions = {}): Promise<DeskUnderTest> {
  const lab = await startLab(options);
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-desk-'));
  const start = () => startBrowserShell({ dataDir, serverUrl: lab.server.url, rendererDir: join(repoRoot, 'dist', 'renderer') });
  const fixture: DeskUnderTest = {
    lab,
    shell: await start(),
    dataDir,
    async restartDesk() {
      await fixture.shell.close();
      fixture.shell = await start();
      return fixture.shell;
    },
    async stop() {
      await fixture.shell.close().catch(() => {});
      await lab.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Reads an agent's wrap-ups the way the supervisor board will: with a supervisor's token. */
export async function wrapUpsOnServer(serverUrl: string, agentId: string): Promise<Array<{ callId: string; summary: string; disposition: string }>> {
  const login = await fetch(`${serverUrl}/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agentId: '9001', password: 'pw9001', deviceId: 'test-supervisor' }),
  });
  if (!login.ok) throw new Error(`supervisor login failed: ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  const reply = await fetch(`${serverUrl}/v1/agents/${agentId}/wrap-ups`, { headers: { authorization: `Bearer ${token}` } });
  if (!reply.ok) throw new Error(`wrap-ups read failed: ${reply.status}`);
  return ((await reply.json()) as { wrapUps: Array<{ callId: string; summary: string; disposition: string }> }).wrapUps;
}
