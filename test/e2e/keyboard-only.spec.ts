import { expect, test, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import { DESK_SHORTCUTS, shortcutLabels } from '../../renderer/features/shortcuts/desk-shortcuts';
import { wrapUpsOnServer, type DeskUnderTest } from '../support/desk-fixture';
import { callerHearsAgent, ring, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * Issue 10, item 8: a whole shift's actions without a mouse. The agent's page is worked with the
 * keyboard only (typing, Tab, arrows, Enter, Escape and the desk's shortcuts: no click, no fill);
 * the caller's page is the customer, scripted through its API as in the other specs.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

const AGENT = '1010';
const CALLER = '13812340010';
const GROUPED = '138 1234 0010';

const focusedTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

/** Tabs forward until the element with `testId` has focus (as an agent would), at most `limit` times. */
async function tabTo(page: Page, testId: string, limit = 40): Promise<void> {
  for (let step = 0; step < limit; step++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  expect(await focusedTestId(page), `Tab never reached ${testId}`).toBe(testId);
}

/** A button shows its shortcut on its face and tells assistive technology in aria-keyshortcuts. */
async function expectHint(page: Page, testId: string, label: string, aria = label): Promise<void> {
  const button = page.getByTestId(testId);
  await expect(button.getByTestId('shortcut-hint')).toHaveText(label);
  await expect(button).toHaveAttribute('aria-keyshortcuts', aria);
}

function savedWrapUpInStore(callSummary: string): { status: string; resolved: number; queued: number } | undefined {
  const db = new BetterSqlite3(join(desk.dataDir, 'desk.sqlite'), { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db
      .prepare(
        `SELECT wrap_ups.status, wrap_ups.resolved,
                (SELECT COUNT(*) FROM outbox WHERE outbox.kind = 'wrapUp' AND json_extract(outbox.payload, '$.summary') = wrap_ups.summary) AS queued
         FROM wrap_ups WHERE wrap_ups.summary = ?`,
      )
      .get(callSummary) as { status: string; resolved: number; queued: number } | undefined;
  } finally {
    db.close();
  }
}

test('an agent works a call from log-in to the saved wrap-up with the keyboard only', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  const keys = agent.keyboard;

  await test.step('log in: 工号, Tab, password, Enter', async () => {
    await agent.goto(desk.shell.url);
    await expect(agent.getByTestId('login-agent-id')).toBeFocused();
    await keys.type(AGENT);
    await keys.press('Tab');
    await expect(agent.getByTestId('login-password')).toBeFocused();
    await keys.type(`pw${AGENT}`);
    await keys.press('Enter');
    await expect(agent.getByTestId('registration')).toHaveAttribute('data-registration', 'registered');
  });

  await test.step('ready, and the status buttons show their shortcuts', async () => {
    await expectHint(agent, 'set-ready', 'Alt+R');
    await expectHint(agent, 'set-busy', 'Alt+B');
    await expect(agent.getByTestId('busy-reason')).toHaveAttribute('aria-keyshortcuts', 'Alt+B');
    await expect(agent.getByTestId('history-search').locator('[data-shortcut-hint="searchHistory"]')).toHaveText('Alt+F');
    await expect(agent.getByTestId('history-number')).toHaveAttribute('aria-keyshortcuts', 'Alt+F');
    await expectHint(agent, 'shortcut-help-open', 'Alt+/', 'Alt+/ ?');
    if ((await agent.getByTestId('desk-state').getAttribute('data-state')) !== 'ready') await keys.press('Alt+KeyR');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
  });

  await test.step('a call rings while the agent types in a field: the caret stays, Alt+A answers', async () => {
    await keys.press('Alt+KeyF');
    await expect(agent.getByTestId('history-number')).toBeFocused();
    await keys.type('138');
    await ring(desk, caller, CALLER, AGENT);
    await expect(agent.getByTestId('caller-number')).toHaveText(GROUPED);
    await expectHint(agent, 'answer', 'Alt+A');
    await expectHint(agent, 'reject', 'Alt+D');
    await expect(agent.getByTestId('history-number')).toBeFocused();
    await keys.type('1');
    await expect(agent.getByTestId('history-number')).toHaveValue('1381');
    await keys.press('Alt+KeyA');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'talking');
    await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
    await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);
  });

  await test.step('the call buttons show their shortcuts', async () => {
    await expectHint(agent, 'hold', 'Alt+O');
    await expectHint(agent, 'mute', 'Alt+M');
    await expectHint(agent, 'transfer-open', 'Alt+T');
    await expectHint(agent, 'end-with-survey', 'Alt+H');
  });

  await test.step('Alt+O holds (the customer hears nothing) and resumes', async () => {
    await keys.press('Alt+KeyO');
    await expect(agent.getByTestId('hold')).toHaveAttribute('aria-pressed', 'true');
    await expect(agent.getByTestId('held-notice')).toBeVisible();
    await caller.waitForTimeout(500); // packets already in flight
    expect(await callerHearsAgent(caller)).toBe(false);
    await keys.press('Alt+KeyO');
    await expect(agent.getByTestId('hold')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => callerHearsAgent(caller), { timeout: 10_000 }).toBe(true);
  });

  await test.step('Alt+M mutes (the customer hears nothing) and unmutes', async () => {
    await keys.press('Alt+KeyM');
    await expect(agent.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');
    await expect(agent.getByTestId('muted-badge')).toBeVisible();
    await caller.waitForTimeout(500);
    expect(await callerHearsAgent(caller)).toBe(false);
    await keys.press('Alt+KeyM');
    await expect(agent.getByTestId('mute')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => callerHearsAgent(caller), { timeout: 10_000 }).toBe(true);
  });

  await test.step('Alt+T opens the transfer panel at its search; Escape closes it', async () => {
    await keys.press('Alt+KeyT');
    await expect(agent.getByTestId('transfer-panel')).toBeVisible();
    await expect(agent.getByTestId('transfer-search')).toBeFocused();
    await keys.type('技术');
    await expect(agent.getByTestId('transfer-entry')).toHaveCount(1);
    await keys.press('Escape');
    await expect(agent.getByTestId('transfer-panel')).toHaveCount(0);
    await expect(agent.getByTestId('transfer-open')).toBeFocused();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'talking');
  });

  await test.step('Alt+H ends the call with the survey: the customer goes to the survey IVR, the desk to wrap-up', async () => {
    await keys.press('Alt+KeyH');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
    await expect.poll(() => caller.evaluate(() => window.labCaller.transferredTo())).toBe('9999');
  });

  const summary = `键盘办理：客户咨询套餐 ${Date.now()}`;
  await test.step('the wrap-up form opens at its first field and is filled with arrows, Tab, typing and Space', async () => {
    await expect(agent.getByTestId('wrap-up')).toBeVisible();
    await expect(agent.getByTestId('wrap-up-disposition')).toBeFocused();
    await expectHint(agent, 'wrap-up-save', 'Ctrl+Enter', 'Control+Enter Alt+S');
    await keys.press('ArrowDown');
    await expect(agent.getByTestId('wrap-up-disposition')).not.toHaveValue('');
    await keys.press('Tab');
    await expect(agent.getByTestId('wrap-up-customer-name')).toBeFocused();
    await keys.type('张先生');
    await keys.press('Tab');
    await expect(agent.getByTestId('wrap-up-customer-contact')).toBeFocused();
    await keys.type(CALLER);
    await keys.press('Tab');
    await expect(agent.getByTestId('wrap-up-summary')).toBeFocused();
    await keys.type(summary);
    await tabTo(agent, 'wrap-up-resolved');
    await keys.press('Space');
    await expect(agent.getByTestId('wrap-up-resolved')).toBeChecked();
  });

  await test.step('Ctrl+Enter saves it: the desk says so, its store holds it with its outbox record, the server gets it once', async () => {
    await keys.press('Control+Enter');
    await expect(agent.getByTestId('wrap-up-result')).toHaveAttribute('data-result', 'saved');
    await expect(agent.getByTestId('wrap-up-result')).toContainText('已保存');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    expect(savedWrapUpInStore(summary)).toEqual({ status: 'saved', resolved: 1, queued: 1 });
    await expect(agent.getByTestId('pending-sync')).toHaveAttribute('data-count', '0');
    await expect.poll(async () => (await wrapUpsOnServer(desk.lab.server.url, AGENT)).filter((wrapUp) => wrapUp.summary === summary)).toHaveLength(1);
  });

  await test.step('Alt+B goes to the busy reason, the arrows choose one, Enter sets busy; Alt+R is ready again', async () => {
    await keys.press('Alt+KeyB');
    await expect(agent.getByTestId('busy-reason')).toBeFocused();
    const first = await agent.getByTestId('busy-reason').inputValue();
    await keys.press('ArrowDown');
    expect(await agent.getByTestId('busy-reason').inputValue()).not.toBe(first);
    const chosenLabel = (await agent.getByTestId('busy-reason').locator('option:checked').textContent()) ?? '';
    await keys.press('Enter');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'busy');
    await expect(agent.getByTestId('busy-reason-shown')).toContainText(chosenLabel);
    await keys.press('Alt+KeyR');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    // Alt+B twice: the reason shown, then busy with it.
    await keys.press('Alt+KeyB');
    await keys.press('Alt+KeyB');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'busy');
    await keys.press('Alt+KeyR');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
  });

  await test.step('Alt+F goes to the history search; the number typed and Enter find the call', async () => {
    await keys.press('Alt+KeyF');
    await expect(agent.getByTestId('history-number')).toBeFocused();
    await keys.press('Control+KeyA');
    await keys.type(GROUPED);
    await keys.press('Enter');
    const row = agent.getByTestId('recent-call').first();
    await expect(row.getByTestId('history-call-number')).toHaveText(GROUPED);
    await expect(agent.getByTestId('recent-call')).toHaveCount(1);
    await expect(row).toHaveAttribute('data-wrapup', /pending|synced/);
  });

  await test.step('Alt+P goes to my promises when the desk has that panel, and does nothing otherwise', async () => {
    const hasPanel = (await agent.locator('#promises-panel').count()) > 0;
    await keys.press('Alt+KeyP');
    if (hasPanel) await expect(agent.locator('#promises-panel')).toBeFocused();
    else await expect(agent.getByTestId('history-number')).toBeFocused();
  });

  await test.step('Alt+/ shows every shortcut; Tab stays in the dialog; Escape closes it and the caret comes back', async () => {
    await keys.press('Alt+KeyF');
    await keys.press('Alt+Slash');
    const help = agent.getByTestId('shortcut-help');
    await expect(help).toBeVisible();
    await expect(help.getByTestId('shortcut-help-close')).toBeFocused();
    const rows = help.getByTestId('shortcut-help-row');
    await expect(rows).toHaveCount(DESK_SHORTCUTS.length);
    for (const shortcut of DESK_SHORTCUTS) {
      const row = help.locator(`[data-shortcut-id="${shortcut.id}"]`);
      for (const label of shortcutLabels(shortcut.id)) await expect(row.locator('kbd', { hasText: label })).toHaveCount(1);
    }
    await keys.press('Tab');
    await expect(help.getByTestId('shortcut-help-close')).toBeFocused();
    await keys.press('Shift+Tab');
    await expect(help.getByTestId('shortcut-help-close')).toBeFocused();
    await keys.press('Escape');
    await expect(help).toHaveCount(0);
    await expect(agent.getByTestId('history-number')).toBeFocused();
  });

  await test.step('"?" outside a text field opens the help too, and types a "?" inside one', async () => {
    await tabTo(agent, 'shortcut-help-open', 80);
    await keys.press('Shift+Slash');
    await expect(agent.getByTestId('shortcut-help')).toBeVisible();
    await keys.press('Escape');
    await expect(agent.getByTestId('shortcut-help')).toHaveCount(0);
    await expect(agent.getByTestId('shortcut-help-open')).toBeFocused();
    // The way back in is a key press away: Enter on the focused button opens it again.
    await keys.press('Enter');
    await expect(agent.getByTestId('shortcut-help')).toBeVisible();
    await keys.press('Escape');
  });

  await test.step('a second call: Alt+D rejects it, and Alt+A with nothing ringing does nothing', async () => {
    const second = await context.newPage();
    await ring(desk, second, '13812340011', AGENT);
    await expect(agent.getByTestId('ringing')).toBeVisible();
    await keys.press('Alt+KeyD');
    await expect(agent.getByTestId('ringing')).toHaveCount(0);
    await expect.poll(() => second.evaluate(() => window.labCaller.state())).not.toBe('established');
    await expect(agent.getByTestId('desk-state')).not.toHaveAttribute('data-state', 'talking');
    await keys.press('Alt+KeyA');
    await agent.waitForTimeout(300);
    await expect(agent.getByTestId('desk-state')).not.toHaveAttribute('data-state', 'talking');
  });
});
