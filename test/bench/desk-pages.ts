import type { Browser, Page } from '@playwright/test';
import type { Lab } from '../../lab';
import { CALLER_WIRE_PROBE, DESK_PAINT_PROBE, type WireFrame } from './wire-probes';

/** The desk and caller pages the desk benchmarks drive, and the probes in them (wire-probes.ts). */

export interface ProbedDesk {
  deskProbe: { ringPaints: number[]; answerClicks: number[]; loginPainted: number | null; loginClickedAt: number | null; registeredAt: number | null };
}
export interface ProbedCaller {
  sipWire: WireFrame[];
}

/** The desk's page with its probes, in a window of its own (never behind the caller's). */
export async function openDeskPage(browser: Browser, url: string): Promise<Page> {
  const desk = await (await browser.newContext()).newPage();
  await desk.addInitScript(DESK_PAINT_PROBE);
  await desk.goto(url);
  return desk;
}

/** Logs the lab agent in (password pw<工号>) and waits until the phone is registered. */
export async function logIn(desk: Page, agentId: string): Promise<void> {
  await desk.getByTestId('login-agent-id').fill(agentId);
  await desk.getByTestId('login-password').fill(`pw${agentId}`);
  await desk.getByTestId('login-submit').click();
  await desk.locator('[data-testid="registration"][data-registration="registered"]').waitFor();
}

/** A lab caller page (SIP.js, real WebRTC) with its wire probe, registered as `number`. */
export async function openCallerPage(browser: Browser, lab: Lab, number: string): Promise<Page> {
  const caller = await (await browser.newContext()).newPage();
  await caller.addInitScript(CALLER_WIRE_PROBE);
  await caller.goto(lab.callers.callerUrl(number));
  await caller.evaluate('window.labCaller.ready');
  return caller;
}

/** The caller hangs up; resolves once its call is over. */
export async function hangUp(caller: Page): Promise<void> {
  await caller.evaluate('window.labCaller.hangup()');
  await until(async () => (await caller.evaluate<string>('window.labCaller.state()')) !== 'established');
}

/**
 * Polls `probe` in the page until it has a value. A function, not a string (the desk's CSP
 * forbids evaluating strings), with no named inner functions (tsx would wrap them in a helper the page lacks).
 */
export async function pageValue(page: Page, probe: (arg: number) => number | null | undefined, arg: number, timeoutMs = 20_000): Promise<number> {
  const handle = await page.waitForFunction(probe, arg, { timeout: timeoutMs, polling: 10 });
  return (await handle.jsonValue()) as number;
}

export async function until(probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((wait) => setTimeout(wait, 5));
  }
}

/** After a call: the desk back to ready (from wrap-up, with the form left as a draft). */
export async function backToReady(desk: Page): Promise<void> {
  // A call the desk had not seen connected yet ends without after-call work.
  await desk.locator('[data-testid="desk-state"]:is([data-state="wrapUp"], [data-state="ready"])').waitFor();
  if ((await desk.getByTestId('desk-state').getAttribute('data-state')) === 'wrapUp') await desk.getByTestId('set-ready').click();
  await desk.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
}
