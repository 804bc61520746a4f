import { expect, test, type Page } from '@playwright/test';
import type { DeskUnderTest } from '../support/desk-fixture';
import { boardTicketsOnServer } from '../support/desk-fixture';
import { inCallWith, supervisorBoard, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * Escalation tickets (疑难反馈单, DOMAIN.md rule 3) end to end: a real desk in the browser shell,
 * a real caller, the lab's central server and the supervisor board in Chromium. An emergency
 * (紧急、重大事件) raised during the call is on the board within a second with its chime; the
 * supervisor's reply is on the desk at once.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

/** Supervisor 9001 signed in to the board, on the tickets view (疑难单). */
async function ticketsBoard(board: Page): Promise<Page> {
  await supervisorBoard(desk, board);
  await board.getByTestId('view-tickets').click();
  await expect(board.getByTestId('tickets-view')).toBeVisible();
  return board;
}

test('紧急 during a call is on the board within a second with its chime; the supervisor replies and the desk shows it', async ({ context }) => {
  // One supervisor on the 疑难单 view, another watching the seats with the alerts panel (where the board chimes).
  const board = await ticketsBoard(await context.newPage());
  const seats = await supervisorBoard(desk, await context.newPage());
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1008', '13912340088');

  await agent.getByTestId('emergency-note').fill('客户称家中燃气泄漏');
  await agent.getByTestId('emergency-raise').click();
  const row = board.getByTestId('ticket-row').filter({ hasText: '燃气泄漏' });
  await expect(row).toBeVisible({ timeout: 1_000 });
  await expect(row).toHaveAttribute('data-severity', 'emergency');
  await expect(seats.getByTestId('alert-emergency-1008')).toBeVisible({ timeout: 1_000 });
  await expect(seats.getByTestId('alerts')).toHaveAttribute('data-chimes', /^[1-9]/);

  // The call was not touched: still talking, and the desk lists the ticket, on the server now.
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'talking');
  const mine = agent.getByTestId('ticket').filter({ hasText: '燃气泄漏' });
  await expect(mine).toHaveAttribute('data-severity', 'emergency');
  await expect(mine).toHaveAttribute('data-status', 'new');
  // The board's copy masks the customer's number (rule 8).
  const [onServer] = (await boardTicketsOnServer(desk.lab.server.url)).filter((ticket) => ticket.agentId === '1008');
  expect(onServer).toMatchObject({ severity: 'emergency', status: 'new', content: '紧急、重大事件：客户称家中燃气泄漏', remoteNumber: '139****0088' });

  await row.click();
  await board.getByTestId('ticket-assign-me').click();
  await expect(mine).toHaveAttribute('data-status', 'assigned');
  await expect(mine.getByTestId('ticket-assignee')).toContainText('9001');
  await board.getByTestId('ticket-reply-text').fill('已通知燃气公司抢修，请安抚客户');
  await board.getByTestId('ticket-reply').click();
  await expect(mine).toHaveAttribute('data-status', 'answered');
  await expect(mine.getByTestId('ticket-reply')).toContainText('已通知燃气公司抢修，请安抚客户');
  await expect(agent.getByText(/主管已回复疑难单/)).toBeVisible();
});

test('a ticket from the wrap-up carries the customer and the promised reply time to the board', async ({ context }) => {
  const board = await ticketsBoard(await context.newPage());
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1009', '13912340099');
  await caller.evaluate(() => window.labCaller.hangup());
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');

  await agent.getByTestId('wrap-up-customer-name').fill('李四');
  await agent.getByTestId('wrap-up-customer-contact').fill('139 1234 0099');
  await agent.getByTestId('wrap-up-summary').fill('客户投诉装机师傅迟到三次');
  // Tomorrow at this time on the center's clock (the lab's policy: UTC+8), as datetime-local takes it.
  const promised = new Date(Date.now() + (8 + 24) * 3_600_000).toISOString().slice(0, 16);
  await agent.getByTestId('wrap-up-promised-reply').fill(promised);
  await agent.getByTestId('wrap-up-ticket-open').click();
  await expect(agent.getByTestId('wrap-up-ticket-content')).toHaveValue('客户投诉装机师傅迟到三次');
  await agent.getByTestId('wrap-up-ticket-severity-urgent').check();
  await agent.getByTestId('wrap-up-ticket-raise').click();
  await expect(agent.getByTestId('wrap-up-ticket-raised')).toBeVisible();

  const row = board.getByTestId('ticket-row').filter({ hasText: '迟到三次' });
  await expect(row).toHaveAttribute('data-severity', 'urgent');
  await row.click();
  await expect(board.getByTestId('ticket-detail')).toContainText('李四 · 139 1234 0099');
  await expect(board.getByTestId('ticket-promised')).toContainText(promised.slice(11, 16));
  // Customer numbers reach boards masked (rule 8).
  await expect(board.getByTestId('ticket-number')).toHaveText('139****0099');
});
