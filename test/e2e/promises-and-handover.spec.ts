import { expect, test, type Page } from '@playwright/test';
import { handoversOnServer, promisesOnServer, type DeskUnderTest } from '../support/desk-fixture';
import { inCallWith, logIn, supervisorBoard, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * First-contact promises (首问责任制) and the shift handover (交接班), DOMAIN.md rules 3 and 7, end
 * to end: a real desk in the browser shell, real callers, the lab's central server and the
 * supervisor board in Chromium. The reminder lead is 10 minutes, so a promise due within the
 * minute is reminded as soon as it is made, then again when it falls due.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started), { policy: { promiseRemindBeforeMs: 10 * 60_000 } });

const CENTER_OFFSET_MS = 8 * 3_600_000;
/** An instant as the wrap-up's datetime-local field takes it, on the center's clock (the lab: UTC+8). */
const centerField = (at: number) => new Date(at + CENTER_OFFSET_MS).toISOString().slice(0, 16);

/** The caller hangs up; the agent writes an unresolved wrap-up promising a reply at `dueAt` (a whole minute). */
async function promiseAtWrapUp(agent: Page, caller: Page, dueAt: number, summary: string): Promise<void> {
  await caller.evaluate(() => window.labCaller.hangup());
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
  await agent.getByTestId('wrap-up-disposition').selectOption('repair');
  await agent.getByTestId('wrap-up-customer-name').fill('王五');
  await agent.getByTestId('wrap-up-summary').fill(summary);
  await expect(agent.getByTestId('wrap-up-resolved')).not.toBeChecked();
  await agent.getByTestId('wrap-up-promised-reply').fill(centerField(dueAt));
  await agent.getByTestId('wrap-up-save').click();
  await expect(agent.getByTestId('wrap-up-result')).toBeVisible();
}

/** The board's 承诺与交接 view, as supervisor 9001. */
async function promisesBoard(board: Page): Promise<Page> {
  await supervisorBoard(desk, board);
  await board.getByTestId('view-promises').click();
  await expect(board.getByTestId('promises-view')).toBeVisible();
  return board;
}

test('a promise made at wrap-up is reminded, falls due, is called back from the desk and kept', async ({ context }) => {
  test.setTimeout(150_000);
  const board = await promisesBoard(await context.newPage());
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1005', '13912340055');

  // Due at the next whole minute at least 20 s away: the field takes minutes.
  const dueAt = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
  await promiseAtWrapUp(agent, caller, dueAt, '宽带报修，约定回电告知上门时间');

  const promise = agent.getByTestId('promise').filter({ hasText: '宽带报修' });
  await test.step('made: listed, and reminded at once (due within the 10-minute lead)', async () => {
    await expect(promise).toHaveAttribute('data-status', 'open');
    await expect(promise).toHaveAttribute('data-urgency', 'soon');
    await expect(agent.locator('[data-testid="notice"][data-code="promise-soon"]')).toBeVisible();
    await expect(agent.locator('[data-testid="notice"][data-code="promise-due"]')).toHaveCount(0);
    const seat = board.locator('[data-testid="promise-agent-row"][data-agent-id="1005"]');
    await expect(seat).toHaveAttribute('data-open-count', '1');
    await expect(seat).toHaveAttribute('data-overdue-count', '0');
  });

  await test.step('due: reminded again at the promised time, then overdue in red with 已逾期 on desk and board', async () => {
    await expect(agent.locator('[data-testid="notice"][data-code="promise-due"]')).toBeVisible({ timeout: dueAt - Date.now() + 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    await expect(promise).toHaveAttribute('data-urgency', 'overdue');
    await expect(promise.getByTestId('promise-urgency')).toHaveText('已逾期');
    await expect(board.locator('[data-testid="promise-agent-row"][data-agent-id="1005"]')).toHaveAttribute('data-overdue-count', '1');
  });

  let callbackCallId = '';
  await test.step('called back from the promise: the call is placed and linked', async () => {
    await caller.evaluate(() => window.labCaller.autoAnswer(true));
    await promise.locator('[data-testid="promise-callback"][data-number="13912340055"]').first().click();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'talking');
    await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
    await caller.evaluate(() => window.labCaller.hangup());
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
    callbackCallId = (await agent.getByTestId('wrap-up').getAttribute('data-call-id')) ?? '';
    await agent.getByTestId('set-ready').click();
    await expect(promise.getByTestId('promise-callbacks')).toContainText('1');
  });

  await test.step('kept with a note: on the desk, on the server with the callback linked, off the board', async () => {
    await promise.getByTestId('promise-keep').click();
    await agent.getByTestId('promise-keep-submit').click();
    await expect(agent.getByTestId('promise-keep-note-error')).toBeVisible();
    await agent.getByTestId('promise-keep-note').fill('已回电，师傅明天上午上门');
    await agent.getByTestId('promise-keep-submit').click();
    await expect(promise).toHaveAttribute('data-status', 'kept');
    await expect.poll(async () => (await promisesOnServer(desk.lab.server.url, '1005')).map((held) => held.status)).toEqual(['kept']);
    const [held] = await promisesOnServer(desk.lab.server.url, '1005');
    expect(held).toMatchObject({ dueAt, summary: '宽带报修，约定回电告知上门时间', kept: { note: '已回电，师傅明天上午上门' } });
    expect(held?.callbacks.map((callback) => callback.callId)).toEqual([callbackCallId]);
    await expect(board.locator('[data-testid="promise-agent-row"][data-agent-id="1005"]')).toHaveCount(0);
  });
});

test('a handover to a named colleague at logout is accepted by them at their next login, and they own the promise', async ({ context }) => {
  const board = await promisesBoard(await context.newPage());
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1006', '13912340066');
  await promiseAtWrapUp(agent, caller, Math.ceil((Date.now() + 26 * 3_600_000) / 60_000) * 60_000, '客户要求明天回电确认退款');

  await test.step('logging out offers the handover; 1006 hands the promise to 1007 with notes', async () => {
    await agent.getByTestId('logout').click();
    const dialog = agent.getByTestId('handover-dialog');
    await expect(dialog).toBeVisible();
    const item = dialog.getByTestId('handover-dialog-item').filter({ hasText: '退款' });
    await expect(item.getByTestId('handover-item-include')).toBeChecked();
    await item.getByTestId('handover-item-note').fill('客户下午三点后方便接听');
    await dialog.getByTestId('handover-recipient').selectOption('1007');
    await dialog.getByTestId('handover-note').fill('交接一个退款回电');
    await dialog.getByTestId('handover-submit').click();
    await expect(agent.getByTestId('login-agent-id')).toBeVisible();
  });

  await test.step('the board shows it waiting for 1007', async () => {
    const pending = board.getByTestId('handover-pending').filter({ hasText: '交接一个退款回电' });
    await expect(pending).toBeVisible();
    await expect(pending).toHaveAttribute('data-to', 'agent');
  });

  await test.step('1007 logs in, sees it and accepts it: the promise is theirs, here and on the server', async () => {
    await logIn(desk, agent, '1007');
    const incoming = agent.getByTestId('handover-incoming').filter({ hasText: '交接一个退款回电' });
    await expect(incoming).toBeVisible();
    await expect(incoming.getByTestId('handover-item')).toContainText('客户下午三点后方便接听');
    await incoming.getByTestId('handover-accept').click();
    await expect(agent.getByTestId('handovers-incoming')).toHaveCount(0);
    const promise = agent.getByTestId('promise').filter({ hasText: '退款' });
    await expect(promise).toHaveAttribute('data-status', 'open');
    await expect(promise.getByTestId('promise-made-by')).toBeVisible();
    const [owned] = await promisesOnServer(desk.lab.server.url, '1007');
    expect(owned).toMatchObject({ owner: { agentId: '1007' }, madeBy: { agentId: '1006' }, status: 'open', pendingHandoverId: null });
    const [handover] = await handoversOnServer(desk.lab.server.url, '1006');
    expect(handover).toMatchObject({ status: 'accepted', accepted: { by: { agentId: '1007' } }, to: { kind: 'agent', agent: { agentId: '1007' } } });
  });

  await test.step('the board no longer shows it waiting, and lists it accepted', async () => {
    await expect(board.getByTestId('handover-pending').filter({ hasText: '交接一个退款回电' })).toHaveCount(0);
    await expect(board.getByTestId('handover-accepted').filter({ hasText: '交接一个退款回电' })).toBeVisible();
  });
});
