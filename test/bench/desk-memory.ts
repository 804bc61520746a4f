import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startLab } from '../../lab';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { wallNow } from './board-paint';
import { backToReady, hangUp, logIn, openCallerPage, openDeskPage, pageValue, type ProbedCaller, type ProbedDesk } from './desk-pages';
import { startDeskProcess, type DeskProcess } from './desk-process';
import type { BenchSection, Figure } from './report';

export interface DeskMemoryOptions {
  /** Calls in all; memory is read after the first, after half of them and after the last. */
  calls: number;
}

export const DESK_MEMORY_DEFAULTS: DeskMemoryOptions = { calls: 200 };

const AGENT = '1004';
const CALLER = '13812340000';

interface Reading {
  mainRssMiB: number;
  mainHeapMiB: number;
  rendererHeapMiB: number;
}

/**
 * Whether a call leaves anything behind: the desk (its own process, browser shell) takes calls
 * from a lab caller page, each answered, talked for a moment, hung up by the caller and back to
 * ready; memory after the first call and after the last, each after a garbage collection.
 */
export async function deskMemory(options: DeskMemoryOptions): Promise<BenchSection> {
  const lab = await startLab();
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-memory-'));
  let browser: Browser | undefined;
  let desk: DeskProcess | undefined;
  try {
    desk = await startDeskProcess(lab.server.url, dataDir, { inspect: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await openDeskPage(browser, desk.launchPage);
    await logIn(page, AGENT);
    const caller = await openCallerPage(browser, lab, CALLER);
    await takeCall(page, caller);
    const first = await read(desk, page);
    const half = Math.max(2, Math.floor(options.calls / 2));
    for (let call = 1; call < half; call++) await takeCall(page, caller);
    await settle();
    const middle = await read(desk, page);
    for (let call = half; call < options.calls; call++) await takeCall(page, caller);
    await settle();
    const last = await read(desk, page);
    const perCall = (from: Reading, to: Reading, calls: number, key: keyof Reading) => (((to[key] - from[key]) * 1024) / Math.max(1, calls)).toFixed(1);
    const figure = (name: string, key: keyof Reading): Figure => ({
      kind: 'rate',
      name: `${name} after ${options.calls} calls (MiB)`,
      value: last[key],
      unit: 'MiB',
      baseline: { name: `after ${half} calls`, value: middle[key] },
      note:
        `${perCall(middle, last, options.calls - half, key)} KiB per call from call ${half} to ${options.calls} (the leak figure); ` +
        `${perCall(first, middle, half - 1, key)} KiB per call from call 1 to ${half} (warm-up) (${first[key].toFixed(1)} → ${middle[key].toFixed(1)} → ${last[key].toFixed(1)} MiB)`,
    });
    return {
      title: `Memory over ${options.calls} calls (the desk as a process of its own)`,
      method: [
        `The desk (\`dist/web/desk.mjs\`, Node inspector on) takes ${options.calls} calls from a lab caller page (real WebRTC): answered, hung up by the caller ~100 ms later, back to ready.`,
        'After the first call, after half of them and after the last, with a garbage collection first: the main process\'s RSS (/proc VmRSS) and JS heap in use (inspector Runtime.getHeapUsage), and the renderer\'s JS heap in use (CDP, same).',
        `The middle and last readings wait ${SETTLE_MS / 1000} s after their call, so the SIP transactions of the last calls have timed out (RFC 3261 Timer J, 32 s).`,
        'The first half warms up (code compiled and optimised, caches filled), so the leak figure is the growth per call over the second half, (last − middle) / (calls − half); the first half\'s is shown beside it.',
      ].join(' '),
      figures: [figure('main RSS', 'mainRssMiB'), figure('main JS heap', 'mainHeapMiB'), figure('renderer JS heap', 'rendererHeapMiB')],
    };
  } finally {
    await browser?.close();
    await desk?.stop();
    await lab.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Longer than SIP's longest transaction timer (Timer J, 64·T1 = 32 s): what is left after it, the calls left behind. */
const SETTLE_MS = 33_000;

function settle(): Promise<void> {
  return new Promise((wait) => setTimeout(wait, SETTLE_MS));
}

async function takeCall(desk: Page, caller: Page): Promise<void> {
  const since = wallNow();
  await caller.evaluate(`window.labCaller.call(${JSON.stringify(AGENT)})`);
  await pageValue(desk, (after) => (window as unknown as ProbedDesk).deskProbe.ringPaints.find((at) => at >= after), since);
  await desk.getByTestId('answer').click();
  await pageValue(caller, (after) => (window as unknown as ProbedCaller).sipWire.find((frame) => frame.dir === 'out' && frame.line.startsWith('ACK') && frame.at >= after)?.at, since);
  await new Promise((wait) => setTimeout(wait, 100));
  await hangUp(caller);
  await backToReady(desk);
}

async function read(desk: DeskProcess, page: Page): Promise<Reading> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const mainHeapMiB = await desk.heapMiB();
  return { mainRssMiB: desk.rssMiB(), mainHeapMiB, rendererHeapMiB: usedSize / 2 ** 20 };
}
