import { expect, test } from '@playwright/test';
import { sessionsOnServer, type DeskUnderTest } from '../support/desk-fixture';
import { logIn, ring, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * One live seat per 工号 (DOMAIN.md, identity), in Chromium on the real lab: two desks (browser
 * shells, each with its own data folder) log in as 1001. The second login ends the first session:
 * the first desk shows the login screen saying why (another device, and when), also after a
 * reload, and a call from the lab caller rings the second desk only.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

test('a second desk logging in as 1001 takes the seat: the first shows why on the login screen, and calls ring the second', async ({ context }) => {
  const first = await context.newPage();
  await logIn(desk, first, '1001');
  await expect(first.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');

  const secondShell = await desk.anotherDesk();
  const second = await context.newPage();
  await logIn(desk, second, '1001', secondShell);

  await test.step('the first desk is back at the login screen, saying another device logged in, which and when', async () => {
    const [live, replaced] = await sessionsOnServer(desk.lab.server.url, '1001');
    expect(replaced?.ended).toMatchObject({ reason: 'replaced', byDeviceId: live!.deviceId });
    const notice = first.getByTestId('session-end');
    await expect(notice).toHaveAttribute('data-reason', 'replaced');
    await expect(notice).toContainText('此工号已在其他设备登录');
    await expect(notice).toContainText(live!.deviceId);
    await expect(first.getByTestId('login-agent-id')).toBeVisible();
    // The reason lives in main's snapshot: a reload of the window still shows it.
    await first.reload();
    await expect(first.getByTestId('session-end')).toContainText('此工号已在其他设备登录');
    expect((await desk.shell.runtime.desk.getSnapshot()).registration).toBe('unregistered');
  });

  await test.step('a call from the lab caller rings the second desk only', async () => {
    const caller = await context.newPage();
    await ring(desk, caller, '13812345678', '1001');
    await expect(second.getByTestId('ring-count')).toHaveText('1/3');
    await expect(first.getByTestId('ringing')).toHaveCount(0);
    expect((await desk.shell.runtime.desk.getSnapshot()).call).toBeNull();
    await caller.evaluate(() => window.labCaller.hangup());
    await expect(second.getByTestId('ringing')).toHaveCount(0);
  });
});
