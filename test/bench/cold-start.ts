import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { Registerer, type Core } from 'sip.js';
import { startLab, type Lab } from '../../lab';
import { startRegisteredUserAgent } from '../../lab/endpoints/registered-user-agent';
import { signallingOnlySdpHandlerFactory } from '../../lab/endpoints/signalling-only-sdp-handler';
import { mintSipCredentials } from '../../server/sip-credentials';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { wallNow } from './board-paint';
import { openDeskPage, pageValue, type ProbedDesk } from './desk-pages';
import { startDeskProcess } from './desk-process';
import type { BenchSection } from './report';
import { Samples } from './samples';

export interface ColdStartOptions {
  /** Desk starts (each: start, login screen, log in, registered, stop). */
  starts: number;
}

export const COLD_START_DEFAULTS: ColdStartOptions = { starts: 8 };

const AGENT = '1002';

/**
 * From starting the desk to working: process start → the desk's URL ready → the login screen
 * painted; the login click → the phone registered. Baselines: a bare `node` process to its first
 * line of output, and a bare SIP.js REGISTER (with its digest challenge) on the same Kamailio.
 */
export async function coldStart(options: ColdStartOptions): Promise<BenchSection> {
  const lab = await startLab({ callerPage: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-cold-'));
  let browser: Browser | undefined;
  const figures = { url: new Samples(), loginScreen: new Samples(), registered: new Samples(), node: new Samples(), register: new Samples() };
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    for (let start = 0; start < options.starts; start++) {
      figures.node.add(await bareNodeStart());
      figures.register.add(await bareRegister(lab));
      const startedAt = wallNow();
      const desk = await startDeskProcess(lab.server.url, dataDir);
      try {
        figures.url.add(wallNow() - startedAt);
        const page = await openDeskPage(browser, desk.launchPage);
        figures.loginScreen.add((await pageValue(page, () => (window as unknown as ProbedDesk).deskProbe.loginPainted || undefined, 0, 60_000)) - startedAt);
        await page.getByTestId('login-agent-id').fill(AGENT);
        await page.getByTestId('login-password').fill(`pw${AGENT}`);
        await page.getByTestId('login-submit').click();
        // From the click event's own timestamp: Playwright's checks before it dispatches are not the desk's time.
        const clickAt = await pageValue(page, () => (window as unknown as ProbedDesk).deskProbe.loginClickedAt ?? undefined, 0);
        figures.registered.add((await pageValue(page, () => (window as unknown as ProbedDesk).deskProbe.registeredAt ?? undefined, 0)) - clickAt);
        await page.context().close();
      } finally {
        await desk.stop();
      }
    }
  } finally {
    await browser?.close();
    await lab.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const latency = (name: string, measured: Samples, baseline: { name: string; measured: Samples } | null, note?: string) => ({
    kind: 'latency' as const,
    name,
    measured: measured.summary(),
    baseline: baseline ? { name: baseline.name, measured: baseline.measured.summary() } : null,
    ...(note ? { note } : {}),
  });
  const node = { name: 'bare node: start → first line', measured: figures.node };
  return {
    title: 'Cold start and login (the desk as a process of its own)',
    method: [
      `${options.starts} starts of \`dist/web/desk.mjs\` (the browser shell's bundled main process, as \`npm run desk:web\` runs it, without its window) on one data folder, against the lab.`,
      'Process start is the instant before spawn; the URL is ready when the desk prints its launch page; the login screen is the animation frame after the login form reached the DOM in the bench\'s Chromium (opened on the launch page once printed);',
      'registered is when the registration pill first says so, from the login click event\'s timestamp. Each start ends with SIGTERM (the desk logs out).',
      'Baselines in the same run: `node -e` to its first line of output, and a bare SIP.js REGISTER → 200 OK (with the 401 challenge, as the desk has) on the same Kamailio.',
    ].join(' '),
    figures: [
      latency('process start → desk URL ready', figures.url, node),
      latency('process start → login screen painted', figures.loginScreen, node),
      latency('login click → registered', figures.registered, { name: 'bare SIP.js REGISTER → 200 OK', measured: figures.register }),
    ],
  };
}

function bareNodeStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = wallNow();
    const child = spawn(process.execPath, ['-e', 'console.log(1)'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => resolve(wallNow() - startedAt));
    child.once('error', reject);
  });
}

async function bareRegister(lab: Lab): Promise<number> {
  const user = '1003';
  const agent = await startRegisteredUserAgent({
    wsUrl: lab.kamailio.wsUrl,
    domain: lab.kamailio.domain,
    user,
    credentials: mintSipCredentials(lab.secret, user, Date.now() + 3_600_000),
    sessionDescriptionHandlerFactory: signallingOnlySdpHandlerFactory,
    register: false,
  });
  try {
    const registerer = new Registerer(agent.userAgent);
    const startedAt = wallNow();
    await new Promise<void>((resolve, reject) => {
      registerer
        .register({ requestDelegate: { onAccept: () => resolve(), onReject: (response: Core.IncomingResponse) => reject(new Error(`REGISTER ${response.message.statusCode}`)) } })
        .catch(reject);
    });
    const took = wallNow() - startedAt;
    await registerer.unregister().catch(() => undefined);
    return took;
  } finally {
    await agent.stop();
  }
}
