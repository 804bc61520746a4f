import { expect, test, type Page } from '@playwright/test';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import { startDeskUnderTest, wrapUpsOnServer, type DeskUnderTest } from '../support/desk-fixture';

/**
 * The walking skeleton, end to end on real parts: lab Kamailio, central server on PGlite, the desk
 * in the browser shell (main-process code in Node, renderer in Chromium), and a SIP.js caller with
 * real WebRTC audio in another Chromium page.
 */
let desk: DeskUnderTest;

test.beforeAll(async () => {
  desk = await startDeskUnderTest();
});

test.afterAll(async () => {
  await desk?.stop();
});

async function bytes(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-bytes'));
}

async function callerInboundBytes(caller: Page): Promise<number> {
  return caller.evaluate(async () => (await window.labCaller.audioStats()).inboundAudioBytes);
}

test('agent 1001 takes a call with audio both ways and its wrap-up reaches the server once', async ({ context }) => {
  const agent = await context.newPage();
  await agent.goto(desk.shell.url);

  await test.step('wrong password: a clear message, no crash', async () => {
    await agent.getByTestId('login-agent-id').fill('1001');
    await agent.getByTestId('login-password').fill('not-the-password');
    await agent.getByTestId('login-submit').click();
    await expect(agent.getByTestId('login-error')).toContainText('工号或密码错误');
  });

  await test.step('log in as 1001 and register', async () => {
    await agent.getByTestId('login-password').fill('pw1001');
    await agent.getByTestId('login-submit').click();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    await expect(agent.getByTestId('registration')).toHaveAttribute('data-registration', 'registered');
  });

  const caller = await context.newPage();
  await test.step('the lab caller rings 1001: the prompt shows ring 1/3', async () => {
    await caller.goto(desk.lab.callers.callerUrl('13812345678'));
    await caller.evaluate(() => window.labCaller.ready);
    await caller.evaluate(() => window.labCaller.call('1001'));
    await expect(agent.getByTestId('ring-count')).toHaveText('1/3');
    await expect(agent.getByTestId('caller-number')).toHaveText('138 1234 5678');
  });

  await test.step('the agent answers; inbound audio grows on both sides', async () => {
    await agent.getByTestId('answer').click();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'talking');
    await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');

    await expect.poll(() => bytes(agent, 'audio-in-bytes')).toBeGreaterThan(0);
    const agentFirst = await bytes(agent, 'audio-in-bytes');
    await expect.poll(() => bytes(agent, 'audio-in-bytes')).toBeGreaterThan(agentFirst);

    await expect.poll(() => callerInboundBytes(caller)).toBeGreaterThan(0);
    const callerFirst = await callerInboundBytes(caller);
    await expect.poll(() => callerInboundBytes(caller)).toBeGreaterThan(callerFirst);
  });

  await test.step('the caller hangs up: the desk is in wrap-up', async () => {
    await caller.evaluate(() => window.labCaller.hangup());
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
  });

  const summary = `客户咨询套餐资费 ${Date.now()}`;
  await test.step('the agent saves a wrap-up', async () => {
    await agent.getByTestId('wrap-up-disposition').selectOption('inquiry');
    await agent.getByTestId('wrap-up-summary').fill(summary);
    await agent.getByTestId('wrap-up-customer-name').fill('张先生');
    await agent.getByTestId('wrap-up-customer-contact').fill('13812345678');
    await agent.getByTestId('wrap-up-resolved').check();
    await agent.getByTestId('wrap-up-save').click();
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
    await expect(agent.getByTestId('pending-sync')).toHaveAttribute('data-count', '0');
  });

  await test.step('the central server returns that wrap-up exactly once', async () => {
    const onServer = await wrapUpsOnServer(desk.lab.server.url, '1001');
    expect(onServer.filter((w) => w.summary === summary)).toHaveLength(1);
    expect(onServer).toHaveLength(1);
  });
});

