import { expect, test } from '@playwright/test';
import { eventsOnServer, type DeskUnderTest } from '../support/desk-fixture';
import { logIn, ring, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * DOMAIN.md rules 1-3 as the agent sees them, in the browser shell on the real lab, with a policy
 * fast enough to watch: rings of 1.5 s, busy warned after 1.5 s and over the limit after 3 s,
 * wrap-up limited to 4 s.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started), {
  policy: { ringCycleMs: 1_500, ringToneMs: 400, maxRings: 3, busyWarnAtMs: 1_500, busyLimitMs: 3_000, wrapUpLimitMs: 4_000 },
});

test('the prompt counts the rings, an answer on ring 2 is stored as such and the greeting names the 工号', async ({ context }) => {
  const agent = await context.newPage();
  await logIn(desk, agent, '1002');
  const caller = await context.newPage();

  await ring(desk, caller, '13912340001', '1002');
  await expect(agent.getByTestId('ring-count')).toHaveText('1/3');
  await expect(agent.getByTestId('ring-count')).toHaveText('2/3');
  await expect(agent.getByTestId('ring-count')).toHaveText('3/3');
  await expect(agent.getByTestId('ringing')).toHaveAttribute('data-ring-cues', '3');
  // Unanswered: declined so the queue re-routes it, and the agent is paused with the reason.
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'busy');
  await expect(agent.getByTestId('busy-reason-shown')).toContainText('未接');
  await expect.poll(() => caller.evaluate(() => window.labCaller.lastStatusCode())).toBe(480);

  await agent.getByTestId('set-ready').click();
  await ring(desk, caller, '13912340002', '1002');
  await expect(agent.getByTestId('ring-count')).toHaveText('2/3');
  await agent.getByTestId('answer').click();
  await expect(agent.getByTestId('greeting')).toContainText('1002');
  await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
  await caller.evaluate(() => window.labCaller.hangup());
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');

  await expect(agent.getByTestId('pending-sync')).toHaveAttribute('data-count', '0');
  const calls = await eventsOnServer(desk.lab.server.url, '1002', 'call');
  expect(calls.find((c) => c.payload.remoteNumber === '13912340002')?.payload.ringsAtAnswer).toBe(2);
});

test('the busy timer warns, then turns red at the limit and says the supervisor has been told', async ({ context }) => {
  const agent = await context.newPage();
  await logIn(desk, agent, '1003');
  await agent.getByTestId('busy-reason').selectOption('break');
  await agent.getByTestId('set-busy').click();
  await expect(agent.getByTestId('busy-timer')).toHaveAttribute('data-level', 'ok');
  await expect(agent.getByTestId('busy-timer')).toHaveAttribute('data-level', 'warning');
  await expect(agent.getByTestId('busy-timer')).toHaveAttribute('data-level', 'overLimit');
  await expect(agent.getByTestId('busy-timer')).toHaveCSS('color', /rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/);
  await expect(agent.getByTestId('supervisor-notified')).toHaveAttribute('data-status', 'reported');
  await expect(agent.getByTestId('supervisor-notified')).toHaveText('已上报主管');
  expect(await eventsOnServer(desk.lab.server.url, '1003', 'busyOverLimit')).toHaveLength(1);
});

test('a wrap-up left unfinished becomes a draft that is still there after the desk restarts', async ({ context }) => {
  const agent = await context.newPage();
  await logIn(desk, agent, '1004');
  const caller = await context.newPage();
  await ring(desk, caller, '13912340003', '1004');
  await agent.getByTestId('answer').click();
  await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
  await caller.evaluate(() => window.labCaller.hangup());

  const summary = '客户来电咨询停机保号，需查询后回复';
  await agent.getByTestId('wrap-up-summary').fill(summary);
  // The wrap-up limit passes while the form is unfinished: the agent is ready again.
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
  await expect(agent.getByTestId('recent-call').first()).toHaveAttribute('data-wrapup', 'draft');

  await desk.restartDesk();
  await logIn(desk, agent, '1004');
  const row = agent.getByTestId('recent-call').first();
  await expect(row).toHaveAttribute('data-wrapup', 'draft');
  await row.getByTestId('finish-wrap-up').click();
  await expect(agent.getByTestId('wrap-up-summary')).toHaveValue(summary);
});
