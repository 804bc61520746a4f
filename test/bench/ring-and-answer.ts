import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Invitation } from 'sip.js';
import { startLab, type Lab } from '../../lab';
import { startRegisteredUserAgent, type RegisteredUserAgent } from '../../lab/endpoints/registered-user-agent';
import { signallingOnlySdpHandlerFactory } from '../../lab/endpoints/signalling-only-sdp-handler';
import { startBrowserShell, type BrowserShell } from '../../main/shell/web/browser-shell';
import { mintSipCredentials } from '../../server/sip-credentials';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { wallNow } from './board-paint';
import type { BenchSection } from './report';
import { Samples } from './samples';
import { hangUp, logIn, openCallerPage, openDeskPage, pageValue, until, type ProbedCaller, type ProbedDesk } from './desk-pages';
import type { WireFrame } from './wire-probes';

export interface RingAndAnswerOptions {
  /** Calls to the desk, and as many to the bare user agent, alternating. */
  calls: number;
}

export const RING_AND_ANSWER_DEFAULTS: RingAndAnswerOptions = { calls: 60 };

const AGENT = '1001';
/** The bare SIP.js user agent registers as another lab agent's 工号. */
const BARE = '1010';
const CALLER = '13912345678';
const repoRoot = resolve(import.meta.dirname, '../..');

/** What one call measured, wall-clock ms. */
interface CallTimes {
  invite: number;
  ring: number;
  answer: number;
  ok: number;
  ack: number;
}

/**
 * The product's heartbeat: an INVITE on the wire until the agent sees the ring prompt, and the
 * agent's answer until the caller hears 200 OK and is Established. The real lab (Kamailio, the
 * central server on PGlite), the desk's main process (browser shell) in this process with its
 * renderer in Chromium, the caller a lab caller page (real WebRTC) in another Chromium window.
 * The baseline is a bare SIP.js user agent in this same process on the same Kamailio, called by
 * the same caller page, alternating with the desk: INVITE → onInvite, accept() → 200 OK / ACK.
 */
export async function ringAndAnswer(options: RingAndAnswerOptions): Promise<BenchSection> {
  const lab = await startLab();
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-desk-'));
  let shell: BrowserShell | undefined;
  let browser: Browser | undefined;
  let bare: RegisteredUserAgent | undefined;
  try {
    shell = await startBrowserShell({ dataDir, serverUrl: lab.server.url, rendererDir: join(repoRoot, 'dist', 'renderer') });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const desk = await openDeskPage(browser, shell.url);
    await logIn(desk, AGENT);
    const caller = await openCallerPage(browser, lab, CALLER);

    const invitations: Array<{ at: number; invitation: Invitation }> = [];
    bare = await startBareUserAgent(lab, (invitation) => invitations.push({ at: wallNow(), invitation }));

    const deskTimes: CallTimes[] = [];
    const bareTimes: CallTimes[] = [];
    const deskRuntime = shell.runtime.desk;
    for (let call = 0; call < options.calls; call++) {
      deskTimes.push(await callDesk(desk, caller, deskRuntime));
      bareTimes.push(await callBare(caller, invitations));
    }
    return section(deskTimes, bareTimes);
  } finally {
    await bare?.stop();
    await browser?.close();
    await shell?.close();
    await lab.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function startBareUserAgent(lab: Lab, onInvite: (invitation: Invitation) => void): Promise<RegisteredUserAgent> {
  return startRegisteredUserAgent({
    wsUrl: lab.kamailio.wsUrl,
    domain: lab.kamailio.domain,
    user: BARE,
    credentials: mintSipCredentials(lab.secret, BARE, Date.now() + 3_600_000),
    sessionDescriptionHandlerFactory: signallingOnlySdpHandlerFactory,
    delegate: { onInvite },
  });
}

async function callDesk(desk: Page, caller: Page, runtime: BrowserShell['runtime']['desk']): Promise<CallTimes> {
  const since = wallNow();
  await caller.evaluate(`window.labCaller.call(${JSON.stringify(AGENT)})`);
  const ring = await pageValue(desk, (after) => (window as unknown as ProbedDesk).deskProbe.ringPaints.find((at) => at >= after), since);
  await desk.getByTestId('answer').click();
  const answer = await pageValue(desk, (after) => (window as unknown as ProbedDesk).deskProbe.answerClicks.find((at) => at >= after), ring);
  const times = await answerOnWire(caller, since, ring, answer);
  await hangUp(caller);
  // After-call work is not what is measured: straight back to ready.
  await until(async () => (await runtime.getSnapshot()).state === 'wrapUp');
  await runtime.setReady();
  return times;
}

async function callBare(caller: Page, invitations: Array<{ at: number; invitation: Invitation }>): Promise<CallTimes> {
  const since = wallNow();
  const before = invitations.length;
  await caller.evaluate(`window.labCaller.call(${JSON.stringify(BARE)})`);
  await until(() => invitations.length > before);
  const { at: ring, invitation } = invitations[before] as { at: number; invitation: Invitation };
  const answer = wallNow();
  await invitation.accept();
  const times = await answerOnWire(caller, since, ring, answer);
  await hangUp(caller);
  return times;
}

/** The INVITE that reached the callee (the last one sent before it rang: after a 407 the caller sends it again), and the answer on the caller's wire. */
async function answerOnWire(caller: Page, since: number, ring: number, answer: number): Promise<CallTimes> {
  const ack = await pageValue(caller, (after) => (window as unknown as ProbedCaller).sipWire.find((frame) => frame.dir === 'out' && frame.line.startsWith('ACK') && frame.at >= after)?.at, answer);
  const frames = await caller.evaluate<WireFrame[]>(`window.sipWire.filter((frame) => frame.at >= ${since})`);
  const invite = frames.filter((frame) => frame.dir === 'out' && frame.line.startsWith('INVITE') && frame.at <= ring).at(-1);
  const ok = frames.find((frame) => frame.dir === 'in' && frame.line.startsWith('SIP/2.0 200') && frame.method === 'INVITE' && frame.at >= answer);
  if (!invite || !ok) throw new Error('the caller page did not see the INVITE go out or the 200 OK come in');
  return { invite: invite.at, ring, answer, ok: ok.at, ack };
}

function distribution(times: readonly CallTimes[], from: keyof CallTimes, to: keyof CallTimes): Samples {
  const samples = new Samples();
  for (const call of times) samples.add(call[to] - call[from]);
  return samples;
}

function section(desk: readonly CallTimes[], bare: readonly CallTimes[]): BenchSection {
  const figure = (name: string, from: keyof CallTimes, to: keyof CallTimes, baselineName: string) => ({
    kind: 'latency' as const,
    name,
    measured: distribution(desk, from, to).summary(),
    baseline: { name: baselineName, measured: distribution(bare, from, to).summary() },
  });
  return {
    title: 'Ring and answer (the desk against a bare SIP.js user agent, same lab, same run)',
    method: [
      `${desk.length} calls from a lab caller page (SIP.js, real WebRTC, Chromium) to the desk (agent ${AGENT}: main process in the bench's Node process, renderer in Chromium), alternating with as many to a bare SIP.js user agent in the same Node process (registered as ${BARE}, no media).`,
      "All times on one wall clock (performance.timeOrigin + now() in Node and in the pages). The INVITE and the 200 OK / ACK are taken on the caller page's WebSocket (send, and the message event before SIP.js sees it);",
      'the ring prompt at the animation frame after it reached the DOM; the answer at the click event (Playwright click) or at the bare agent\'s accept(). The caller\'s ACK is sent when SIP.js there reaches Established.',
    ].join(' '),
    figures: [
      figure('INVITE on the wire → ring prompt painted', 'invite', 'ring', 'bare SIP.js: INVITE → onInvite'),
      figure('answer click → 200 OK at the caller', 'answer', 'ok', 'bare SIP.js: accept() → 200 OK'),
      figure('answer click → caller Established (ACK sent)', 'answer', 'ack', 'bare SIP.js: accept() → ACK'),
    ],
  };
}
