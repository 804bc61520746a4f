import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium';

/** The wall-clock instant (ms, sub-ms precision) on this machine: the same base in Node and in Chromium. */
export const wallNow = () => performance.timeOrigin + performance.now();

/**
 * The real board page in Chromium, logged in as a supervisor, sorted by 工号 so the probe's row
 * stays on screen, watching one seat's state cell: each change is timestamped at the animation
 * frame after it reached the DOM (painted).
 */
export class BoardPage {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly probe: string,
  ) {}

  static async open(serverUrl: string, supervisor: { agentId: string; password: string }, probe: string): Promise<BoardPage> {
    if (!existsSync(resolve(import.meta.dirname, '../../dist/board/index.html'))) throw new Error('the board is not built: npm run build:board (setup builds it)');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${serverUrl}/board/`);
      await page.getByTestId('board-agent-id').fill(supervisor.agentId);
      await page.getByTestId('board-password').fill(supervisor.password);
      await page.getByTestId('board-login').click();
      await page.getByTestId('seat-sort').selectOption('agentId');
      await page.getByTestId(`seat-state-${probe}`).waitFor();
      // A string, not a function: the bench runs under tsx, whose compiled functions would call a helper the page lacks.
      await page.evaluate(`(() => {
        const paints = [];
        window.seatPaints = paints;
        let last = '';
        const selector = '[data-testid="seat-state-${probe}"]';
        new MutationObserver(() => {
          const text = document.querySelector(selector)?.textContent ?? '';
          if (text === last) return;
          last = text;
          requestAnimationFrame(() => paints.push({ text, at: performance.timeOrigin + performance.now() }));
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
      return new BoardPage(browser, page, probe);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** When the probe's state cell was first painted containing `label` at or after `since`; fails after `timeoutMs`. */
  async paintedAt(label: string, since: number, timeoutMs = 10_000): Promise<number> {
    // A function (the page's CSP forbids evaluating strings) with no named inner functions (tsx would wrap them in a helper the page lacks).
    const handle = await this.page.waitForFunction(
      (wanted) => (window as unknown as { seatPaints: Array<{ text: string; at: number }> }).seatPaints.find((paint) => paint.at >= wanted.since && paint.text.includes(wanted.label))?.at,
      { label, since },
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as number;
  }

  /** The page's JS heap, in MiB. */
  async heapMiB(): Promise<number> {
    const bytes = await this.page.evaluate<number | null>('performance.memory?.usedJSHeapSize ?? null');
    return bytes === null ? Number.NaN : bytes / 2 ** 20;
  }

  get probeAgentId(): string {
    return this.probe;
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
