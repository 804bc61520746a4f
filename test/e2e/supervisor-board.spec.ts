import { expect, test, type Page } from '@playwright/test';
import type { DeskUnderTest } from '../support/desk-fixture';
import { eventsOnServer } from '../support/desk-fixture';
import { inCallWith, logIn, ring, supervisorBoard, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * The supervisor board (主管看板) in Chromium, served by the lab's central server at /board/,
 * watching a real desk in the browser shell: what the agent does shows on the board as it
 * happens, with the policy's busy colours (warned after 1.5 s, over the limit after 3 s).
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started), { policy: { busyWarnAtMs: 1_500, busyLimitMs: 3_000 } });

test('only a supervisor gets in: an agent is told the board is for supervisors', async ({ page }) => {
  await page.goto(`${desk.lab.server.url}/board/`);
  await expect(page.getByRole('heading', { name: '主管看板登录' })).toBeVisible();
  await page.getByTestId('board-agent-id').fill('1001');
  await page.getByTestId('board-password').fill('pw1001');
  await page.getByTestId('board-login').click();
  await expect(page.getByTestId('board-login-error')).toHaveText('该工号不是主管，不能使用主管看板');
  await page.getByTestId('board-agent-id').fill('9001');
  await page.getByTestId('board-password').fill('wrong');
  await page.getByTestId('board-login').click();
  await expect(page.getByTestId('board-login-error')).toHaveText('工号或密码错误');
});

test("the board follows an agent's desk live: signed in, ready, ringing, busy over the limit, signed out", async ({ context }) => {
  const board = await supervisorBoard(desk, await context.newPage());
  await expect(board.getByTestId('board-link')).toHaveText('实时');
  await expect(board.getByTestId('seat-state-1005')).toHaveText('未登录');
  await expect(board.getByTestId('count-signedIn')).toContainText('0');

  const agent = await context.newPage();
  await logIn(desk, agent, '1005');
  await expect(board.getByTestId('seat-state-1005')).toHaveText('示闲');
  await expect(board.getByTestId('seat-link-1005')).toHaveText('在线');
  await expect(board.getByTestId('count-signedIn')).toContainText('1');
  await expect(board.getByTestId('count-ready')).toContainText('1');

  const caller = await context.newPage();
  await ring(desk, caller, '13912345678', '1005');
  await expect(board.getByTestId('seat-1005')).toHaveAttribute('data-state', 'ringing');
  await expect(board.getByTestId('seat-1005')).toContainText('139****5678');
  await expect(board.getByTestId('seat-1005')).not.toContainText('13912345678');
  await agent.getByTestId('reject').click();
  await expect(board.getByTestId('seat-state-1005')).toHaveText('示闲');

  await agent.getByTestId('busy-reason').selectOption('meal');
  await agent.getByTestId('set-busy').click();
  await expect(board.getByTestId('seat-state-1005')).toContainText('示忙（用餐）');
  await expect(board.getByTestId('seat-1005')).toHaveClass(/busy-overLimit/);
  await expect(board.getByTestId('seat-state-1005')).toContainText('已超时');
  await expect(board.getByTestId('count-busy')).toContainText('1');

  // The over-limit alert rings on the board and stays until acknowledged; the desk hears who and when.
  const alert = board.getByTestId('alert-busyOverLimit-1005');
  await expect(alert).toContainText('示忙超时');
  await expect(alert).toContainText('1005 坐席1005');
  await expect(board.getByTestId('alerts')).toHaveAttribute('data-chimes', /^[1-9]/);
  await expect(agent.getByTestId('supervisor-notified')).toHaveText('已上报主管');
  await alert.getByTestId('alert-ack').click();
  await expect(alert.getByTestId('alert-acked')).toContainText('9001 主管9001');
  await expect(agent.getByTestId('supervisor-notified')).toHaveText(/^主管已确认（9001 \d\d:\d\d）$/);

  // English on the board is one choice away; the seat reads the same.
  await board.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(board.getByTestId('seat-state-1005')).toContainText('Busy (Meal)');

  await desk.shell.runtime.desk.logout();
  await expect(board.getByTestId('seat-state-1005')).toHaveText('Offline');
  await expect(board.getByTestId('count-signedIn')).toContainText('0');
});

test('from the board a supervisor approves a longer busy, puts a seat left ready into busy, and ends a stale session; the desk shows who', async ({ context }) => {
  const board = await supervisorBoard(desk, await context.newPage());
  const agent = await context.newPage();
  await logIn(desk, agent, '1006');

  // Left ready: the supervisor puts the seat into busy (away); the desk says who did it.
  await board.getByTestId('seat-1006').click();
  await board.getByTestId('force-busy').click();
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'busy');
  await expect(agent.getByTestId('busy-reason-shown')).toHaveText('离席（主管置忙）');
  await expect(agent.getByText('主管 9001 已将您置为示忙（离席）')).toBeVisible();
  await expect(board.getByTestId('seat-action').first()).toHaveAttribute('data-outcome', 'applied');

  // Over the limit (3 s): the supervisor approves 20 more minutes; the desk stops escalating.
  await expect(agent.getByTestId('busy-timer')).toHaveAttribute('data-level', 'overLimit');
  await board.getByTestId('approve-minutes').fill('20');
  await board.getByTestId('approve-note').fill('客户回访');
  await board.getByTestId('approve-busy').click();
  await expect(agent.getByTestId('busy-timer')).toHaveAttribute('data-level', 'ok');
  await expect(agent.getByTestId('busy-approved')).toHaveText(/^主管 9001 已批准示忙至 \d\d:\d\d（客户回访）$/);
  await expect(board.getByTestId('seat-action').first()).toContainText('已生效');

  // A stale session ended from the board: the desk is back at the login, saying why.
  await board.getByTestId('end-session').click();
  await expect(agent.getByTestId('login-agent-id')).toBeVisible();
  await expect(board.getByTestId('seat-state-1006')).toHaveText('未登录');
});

test("the reports: the day's calls per hour match the calls made, and the month's attendance exports as CSV", async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1007', '13912340077');
  await caller.evaluate(() => window.labCaller.hangup());
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
  await expect(agent.getByTestId('pending-sync')).toHaveAttribute('data-count', '0');

  const board = await supervisorBoard(desk, await context.newPage());
  await board.getByTestId('view-reports').click();
  await expect(board.getByTestId('day-row-1007')).toContainText('坐席1007');
  const row = board.getByTestId('day-row-1007').locator('td');
  await expect(row.nth(2)).toHaveText('1');
  // The center's hour now (UTC+8): the chart's answered bar there counts the call.
  const hour = new Date(Date.now() + 8 * 3_600_000).getUTCHours();
  const answeredPerHour = (await board.getByTestId('hourly-chart').getAttribute('data-answered'))!.split(',').map(Number);
  const calls = await eventsOnServer(desk.lab.server.url, '1007', 'call');
  expect(answeredPerHour[hour]).toBeGreaterThanOrEqual(1);
  expect(answeredPerHour.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(calls.length);
  await expect(board.getByTestId('hourly-chart').locator('canvas')).toHaveCount(1);

  // The agent's own today (我的今日) is the board's figures for the seat: one computation.
  await expect(agent.getByTestId('today-answered')).toHaveText(await row.nth(2).innerText());
  const myAnsweredPerHour = (await agent.getByTestId('today-chart').getAttribute('data-answered'))!.split(',').map(Number);
  expect(myAnsweredPerHour[hour]).toBeGreaterThanOrEqual(1);
  expect(String(myAnsweredPerHour.reduce((a, b) => a + b, 0))).toBe(await row.nth(2).innerText());
  await expect(agent.getByTestId('today-chart').locator('canvas')).toHaveCount(1);

  await expect(board.getByTestId('attendance-row-1007')).toBeVisible();
  const download = board.waitForEvent('download');
  await board.getByTestId('export-csv').click();
  const csv = await (await download).createReadStream();
  const text = await new Promise<string>((resolve) => {
    let data = '';
    csv.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    csv.on('end', () => resolve(data));
  });
  expect(text).toContain('工号,姓名,迟到次数');
  expect(text).toMatch(/\r\n1007,坐席1007,/);
});
