import { expect, test, type Page } from '@playwright/test';
import type { DeskUnderTest } from '../support/desk-fixture';
import { wrapUpsOnServer } from '../support/desk-fixture';
import { inCallWith, supervisorBoard, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * The standard phrases (标准话术) from the board to the desk: a supervisor rewords one on the board,
 * the desk already logged in shows the new wording at once (in the call panel, then in the
 * wrap-up), the agent finds it by searching, inserts it into the summary at the cursor, filled in
 * for this agent and customer, and the saved summary on the server has it.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started), { policy: { companyName: '测试客服中心', wrapUpLimitMs: 10 * 60_000 } });

/** Supervisor 9001 signed in to the board, on its phrases view. */
async function phrasesOnBoard(board: Page): Promise<Page> {
  await supervisorBoard(desk, board);
  await board.getByTestId('view-phrases').click();
  await expect(board.getByTestId('phrases-view')).toBeVisible();
  return board;
}

test('a supervisor rewords a phrase on the board; the logged-in desk has it at once, the agent searches it, inserts it into the summary and the server keeps it', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1001', '13812345678');

  await test.step('during the call the seeded phrases are at hand, filled in for this agent', async () => {
    const phrases = agent.getByTestId('call-phrases');
    await expect(phrases.getByTestId('phrase').first()).toContainText('您好，测试客服中心，1001号为您服务，请问有什么可以帮您？');
    await phrases.getByTestId('call-phrases-closing').click();
    await expect(phrases.getByTestId('phrase').first()).toContainText('感谢您的来电，稍后请您对我的服务做出满意度评价');
  });

  const wording = `感谢{customerName}的来电，稍后请您对{agentId}号的服务做出评价（新版${Date.now() % 100_000}）。`;
  const board = await phrasesOnBoard(await context.newPage());
  await test.step('the supervisor rewords the closing phrase on the board', async () => {
    const row = board.getByTestId('phrase-row').filter({ hasText: '邀请满意度评价' });
    await expect(row).toContainText('系统预置');
    await row.getByTestId('phrase-edit').click();
    const form = board.getByTestId('phrase-editing');
    // The server's schema, in the form: a typo'd placeholder is named before anything is sent.
    await form.getByTestId('phrase-text-input').fill('感谢{customername}的来电');
    await form.getByTestId('phrase-save').click();
    await expect(form.getByTestId('phrase-text-error')).toHaveText('无法识别的占位符：{customername}');
    await form.getByTestId('phrase-text-input').fill(wording);
    await form.getByTestId('phrase-save').click();
    const changed = board.getByTestId('phrase-row').filter({ hasText: '邀请满意度评价' });
    await expect(changed.getByTestId('phrase-row-text')).toHaveText(wording);
    await expect(changed).toContainText(/主管9001（9001）\d{4}-\d\d-\d\d \d\d:\d\d 修改/);
  });

  await test.step('the desk shows the new wording without logging in again', async () => {
    await expect(agent.getByTestId('call-phrases').getByTestId('phrase').first()).toContainText(/感谢【客户姓名】的来电，稍后请您对1001号的服务做出评价（新版\d+）。/);
  });

  await test.step('in the wrap-up the agent searches it and inserts it at the cursor, with the customer’s name typed in the form', async () => {
    await caller.evaluate(() => window.labCaller.hangup());
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
    await agent.getByTestId('wrap-up-disposition').selectOption('inquiry');
    await agent.getByTestId('wrap-up-customer-name').fill('张先生');
    const summary = agent.getByTestId('wrap-up-summary');
    await summary.fill('客户来电咨询。通话结束。');
    // The cursor after the first sentence.
    await summary.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(7, 7));

    const picker = agent.getByTestId('phrase-picker');
    await picker.getByTestId('phrase-search').fill('新版');
    await expect(picker.getByTestId('phrase')).toHaveCount(1);
    const found = picker.getByTestId('phrase');
    await expect(found).toContainText('感谢张先生的来电，稍后请您对1001号的服务做出评价');
    // Enter in the search box does not save the form.
    await picker.getByTestId('phrase-search').press('Enter');
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');

    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(desk.shell.url).origin });
    await found.getByTestId('phrase-copy').click();
    await expect(found.getByTestId('phrase-copied')).toHaveText('已复制');
    const copied = await agent.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^感谢张先生的来电，稍后请您对1001号的服务做出评价（新版\d+）。$/);

    await found.getByTestId('phrase-insert').click();
    await expect(summary).toHaveValue(`客户来电咨询。${copied}通话结束。`);
    // The summary has the focus back, the cursor after what was inserted.
    await expect(summary).toBeFocused();
    expect(await summary.evaluate((element: HTMLTextAreaElement) => element.selectionStart)).toBe(7 + copied.length);
    // Inserted like typing: the draft keeps it.
    await expect(agent.getByTestId('wrap-up-draft-status')).toHaveAttribute('data-status', 'saved');
  });

  await test.step('saved: the summary on the server contains the phrase', async () => {
    const typed = await agent.getByTestId('wrap-up-summary').inputValue();
    await agent.getByTestId('wrap-up-resolved').check();
    await agent.getByTestId('wrap-up-save').click();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    await expect(agent.getByTestId('pending-sync')).toHaveAttribute('data-count', '0');
    const onServer = await wrapUpsOnServer(desk.lab.server.url, '1001');
    expect(onServer.map((wrapUp) => wrapUp.summary)).toContain(typed);
    expect(typed).toMatch(/^客户来电咨询。感谢张先生的来电，稍后请您对1001号的服务做出评价（新版\d+）。通话结束。$/);
  });
});
