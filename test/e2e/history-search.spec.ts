import { expect, test, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { localClockOf, localDateOf } from '../../src/domain/local-time';
import { numbersIn, searchDigits } from '../../src/domain/search-text';
import type { DeskUnderTest } from '../support/desk-fixture';
import { logIn, useDeskForSpec } from '../support/e2e-desk-steps';
import { writeGeneratedHistory } from '../support/generated-history';

/**
 * Issue 10, item 3: the agent searches a large history. The desk's data folder gets 5,000
 * generated calls (a few months of one agent's calls, with wrap-ups and survey results) before
 * the agent logs in; a search by a grouped number and one by a summary word must show exactly
 * the calls the store holds for them, newest first, page after page, each with its date and time
 * in the center's time zone.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

const AGENT = '1001';
const CENTER_OFFSET_MINUTES = 480;
const PAGE = 20;

interface StoredCall {
  id: string;
  offered_at: number;
  remote_number: string;
  customer_contact: string | null;
  summary: string | null;
}

/** The agent's calls as the store holds them, newest first (the history's order). */
function storedCalls(): StoredCall[] {
  const db = new BetterSqlite3(join(desk.dataDir, 'desk.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT calls.id, calls.offered_at, calls.remote_number, wrap_ups.customer_contact, wrap_ups.summary
         FROM calls LEFT JOIN wrap_ups ON wrap_ups.call_id = calls.id WHERE calls.agent_id = ? ORDER BY calls.offered_at DESC, calls.id DESC`,
      )
      .all(AGENT) as StoredCall[];
  } finally {
    db.close();
  }
}

const rowIds = (agent: Page) => agent.getByTestId('recent-call').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call-id')));

/** Shows the pages of the search shown until the last, checking each against `expected`; returns how many there were. */
async function expectPages(agent: Page, expected: string[], pages: number): Promise<void> {
  for (let page = 1; page <= pages; page++) {
    await expect(agent.getByTestId('history')).toHaveAttribute('data-page', String(page));
    await expect.poll(() => rowIds(agent)).toEqual(expected.slice((page - 1) * PAGE, page * PAGE));
    if (page < pages) await agent.getByTestId('history-next').click();
  }
}

test('a history of 5,000 calls: search by a grouped number and by a summary word, page by page', async ({ context }) => {
  await test.step('the desk store holds 5,000 generated calls', () => {
    // Written beside the running desk (WAL lets a second connection write), as a migrated file would hold them.
    const db = new BetterSqlite3(join(desk.dataDir, 'desk.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      writeGeneratedHistory(db, { agentId: AGENT, calls: 5_000, seed: 10, endsAt: Date.now() - 60_000, spacingMs: 30 * 60_000 });
    } finally {
      db.close();
    }
  });
  const stored = storedCalls();
  const agent = await context.newPage();
  await logIn(desk, agent, AGENT);

  await test.step('without conditions: the newest calls, with the date when not today, in the center time', async () => {
    await expect.poll(() => rowIds(agent)).toEqual(stored.slice(0, PAGE).map((call) => call.id));
    const older = stored.find((call) => localDateOf(call.offered_at, CENTER_OFFSET_MINUTES) !== localDateOf(Date.now(), CENTER_OFFSET_MINUTES));
    expect(older).toBeDefined();
    await agent.getByTestId('history-number').fill(older!.remote_number);
    await agent.getByTestId('history-submit').click();
    const row = agent.locator(`[data-testid="recent-call"][data-call-id="${older!.id}"]`);
    await expect(row.getByTestId('history-when')).toHaveText(
      `${localDateOf(older!.offered_at, CENTER_OFFSET_MINUTES).slice(5)} ${localClockOf(older!.offered_at, CENTER_OFFSET_MINUTES)}`,
    );
  });

  await test.step('a number typed grouped finds every call from it or with it in the contact, page by page', async () => {
    // The caller who called most often: more than two pages of calls.
    const counts = new Map<string, number>();
    for (const call of stored) counts.set(call.remote_number, (counts.get(call.remote_number) ?? 0) + 1);
    const [number] = [...counts].filter(([candidate]) => /^1\d{10}$/.test(candidate)).sort((a, b) => b[1] - a[1])[0]!;
    const digits = searchDigits(number);
    const expected = stored.filter((call) => [...numbersIn(call.remote_number), ...numbersIn(call.customer_contact ?? '')].some((found) => found.includes(digits))).map((call) => call.id);
    expect(expected.length).toBeGreaterThan(2 * PAGE);

    await agent.getByTestId('history-number').fill(`${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`);
    await agent.getByTestId('history-submit').click();
    await expect(agent.getByTestId('recent-call').first().getByTestId('history-call-number')).toHaveText(`${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`);
    await expectPages(agent, expected, Math.ceil(expected.length / PAGE));
    await expect(agent.getByTestId('history-next')).toBeDisabled();
    await agent.getByTestId('history-previous').click();
    await expect.poll(() => rowIds(agent)).toEqual(expected.slice((Math.ceil(expected.length / PAGE) - 2) * PAGE, (Math.ceil(expected.length / PAGE) - 1) * PAGE));
  });

  await test.step('a summary word finds every call whose wrap-up has it, newest first, across pages', async () => {
    await agent.getByTestId('history-clear').click();
    await expect.poll(() => rowIds(agent)).toEqual(stored.slice(0, PAGE).map((call) => call.id));
    const expected = stored.filter((call) => call.summary?.includes('宽带断线')).map((call) => call.id);
    expect(expected.length).toBeGreaterThan(3 * PAGE);
    await agent.getByTestId('history-summary').fill('宽带断线');
    await agent.getByTestId('history-summary').press('Enter');
    await expectPages(agent, expected, 3);
    // Searching again starts again at the first page.
    await agent.getByTestId('history-submit').click();
    await expect(agent.getByTestId('history')).toHaveAttribute('data-page', '1');
    await expect.poll(() => rowIds(agent)).toEqual(expected.slice(0, PAGE));
  });

  await test.step('a number of two digits is refused in the form, and nothing matching says so', async () => {
    await agent.getByTestId('history-clear').click();
    await agent.getByTestId('history-number').fill('13');
    await agent.getByTestId('history-submit').click();
    await expect(agent.getByTestId('history-search')).toContainText('号码至少输入 3 位数字');
    await agent.getByTestId('history-number').fill('170 0000 0000');
    await agent.getByTestId('history-submit').click();
    await expect(agent.getByTestId('history-empty')).toHaveText('没有符合条件的通话');
  });
});
