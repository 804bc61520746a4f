import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startLab, type Lab } from '../../lab';
import { mintSipCredentials } from '../../server/sip-credentials';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { wallNow } from './board-paint';
import { backToReady, hangUp, logIn, openCallerPage, openDeskPage, pageValue, type ProbedCaller, type ProbedDesk } from './desk-pages';
import { logged, startDeskProcess, type DeskProcess } from './desk-process';
import type { BenchSection } from './report';
import { Samples } from './samples';
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
 * central server on PGlite) in this process; the desk as the agent runs it, its main process a
 * process of its own (the browser shell) and its renderer in Chromium; the caller a lab caller
 * page (real WebRTC) in another Chromium window. The baseline is a bare SIP.js user agent loaded
 * into the desk's own main process (bare-agent-preload.ts), called by the same caller page,
 * alternating with the desk: INVITE → onInvite, accept() → 200 OK / ACK.
 */
export async function ringAndAnswer(options: RingAndAnswerOptions): Promise<BenchSection> {
  const lab = await startLab();
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-desk-'));
  let desk: DeskProcess | undefined;
  let browser: Browser | undefined;
  try {
    desk = await startDeskProcess(lab.server.url, dataDir, { preload: bareAgent(lab) });
    await logged(desk.process, /(bare-registered)/);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await openDeskPage(browser, desk.launchPage);
    await logIn(page, AGENT);
    const caller = await openCallerPage(browser, lab, CALLER);

    const deskTimes: CallTimes[] = [];
    const bareTimes: CallTimes[] = [];
    for (let call = 0; call < options.calls; call++) {
      deskTimes.push(await callDesk(page, caller));
      bareTimes.push(await callBare(caller, desk, call));
    }
    return section(deskTimes, bareTimes);
  } finally {
    await browser?.close();
    await desk?.stop();
    await lab.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function bareAgent(lab: Lab): { path: string; env: Record<string, string> } {
  const credentials = mintSipCredentials(lab.secret, BARE, Date.now() + 3_600_000);
  return {
    path: join(import.meta.dirname, 'bare-agent-preload.ts'),
    env: { BENCH_BARE_WS: lab.kamailio.wsUrl, BENCH_BARE_DOMAIN: lab.kamailio.domain, BENCH_BARE_USER: BARE, BENCH_BARE_USERNAME: credentials.username, BENCH_BARE_PASSWORD: credentials.password },
  };
}

async function callDesk(desk: Page, caller: Page): Promise<CallTimes> {
  const since = wallNow();
  await caller.evaluate(`window.labCaller.call(${JSON.stringify(AGENT)})`);
  const ring = await pageValue(desk, (after) => (window as unknown as ProbedDesk).deskProbe.ringPaints.find((at) => at >= after), since);
  await desk.getByTestId('answer').click();
  const answer = await pageValue(desk, (after) => (window as unknown as ProbedDesk).deskProbe.answerClicks.find((at) => at >= after), ring);
  const times = await answerOnWire(caller, since, ring, answer);
  await hangUp(caller);
  // After-call work is not what is measured: straight back to ready.
  await backToReady(desk);
  return times;
}

async function callBare(caller: Page, desk: DeskProcess, index: number): Promise<CallTimes> {
  const since = wallNow();
  await caller.evaluate(`window.labCaller.call(${JSON.stringify(BARE)})`);
  const ring = Number(await logged(desk.process, new RegExp(`bare-invite ${index} ([\\d.]+)`)));
  const answer = Number(await logged(desk.process, new RegExp(`bare-accept ${index} ([\\d.]+)`)));
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
    title: 'Ring and answer (the desk against a bare SIP.js user agent in its own main process, same lab, same run)',
    method: [
      `${desk.length} calls from a lab caller page (SIP.js, real WebRTC, Chromium) to the desk (agent ${AGENT}: the browser shell's bundled main process on its own, \`dist/web/desk.mjs\`, its renderer in Chromium), alternating with as many to a bare SIP.js user agent (registered as ${BARE}, no media) loaded into the desk's main process.`,
      'The lab (Kamailio, the central server on PGlite, the caller page host) runs in the bench process. All times on one wall clock (performance.timeOrigin + now() in Node and in the pages).',
      "The INVITE and the 200 OK / ACK are taken on the caller page's WebSocket (send, and the message event before SIP.js sees it); the ring prompt at the animation frame after it reached the DOM (a 60 Hz display: up to 16.7 ms of any paint figure is the wait for the frame);",
      "the answer at the click event (Playwright click) or at the bare agent's accept() (100 ms after its onInvite). The caller's ACK is sent when SIP.js there reaches Established.",
    ].join(' '),
    figures: [
      figure('INVITE on the wire → ring prompt painted', 'invite', 'ring', 'bare SIP.js: INVITE → onInvite'),
      figure('answer click → 200 OK at the caller', 'answer', 'ok', 'bare SIP.js: accept() → 200 OK'),
      figure('answer click → caller Established (ACK sent)', 'answer', 'ack', 'bare SIP.js: accept() → ACK'),
    ],
  };
}
