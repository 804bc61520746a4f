import { expect, test, type Page } from '@playwright/test';
import type { LabOptions } from '../../lab';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import { startDeskUnderTest, type DeskUnderTest } from './desk-fixture';

/** The steps every end-to-end spec takes with the desk page and the lab's caller pages. */

/**
 * One lab and desk for the spec file (handed to `started`), stopped after it. One desk serves one
 * agent at a time, so each test ends with that agent's session ended.
 */
export function useDeskForSpec(started: (desk: DeskUnderTest) => void, options: LabOptions = {}): void {
  let desk: DeskUnderTest | undefined;
  test.beforeAll(async () => {
    desk = await startDeskUnderTest(options);
    started(desk);
  });
  test.afterEach(async () => {
    await desk?.shell.runtime.desk.shutdown();
  });
  test.afterAll(async () => {
    await desk?.stop();
  });
}

/**
 * Logs the agent in (lab password pw<工号>) and waits until the phone is registered; on the
 * desk's own shell, or on `shell` (another seat of the lab: DeskUnderTest.anotherDesk).
 */
export async function logIn(desk: DeskUnderTest, agent: Page, agentId: string, shell: { url: string } = desk.shell): Promise<void> {
  await agent.goto(shell.url);
  await agent.getByTestId('login-agent-id').fill(agentId);
  await agent.getByTestId('login-password').fill(`pw${agentId}`);
  await agent.getByTestId('login-submit').click();
  await expect(agent.getByTestId('registration')).toHaveAttribute('data-registration', 'registered');
}

/** Opens the caller page of `number` and waits until it is registered. */
export async function openCaller(desk: DeskUnderTest, caller: Page, number: string): Promise<void> {
  await caller.goto(desk.lab.callers.callerUrl(number));
  await caller.evaluate(() => window.labCaller.ready);
}

/** The caller `number` calls the agent: the desk rings. */
export async function ring(desk: DeskUnderTest, caller: Page, number: string, agentId: string): Promise<void> {
  await openCaller(desk, caller, number);
  await caller.evaluate((target) => window.labCaller.call(target), agentId);
}

/** Logs in, takes a call from `number` and waits until the caller is connected. */
export async function inCallWith(desk: DeskUnderTest, agent: Page, caller: Page, agentId: string, number: string): Promise<void> {
  await logIn(desk, agent, agentId);
  await ring(desk, caller, number, agentId);
  await agent.getByTestId('answer').click();
  await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
}

const callerInbound = (caller: Page) => caller.evaluate(async () => (await window.labCaller.audioStats()).inboundAudioBytes);

/** Whether the caller's inbound audio grows over a second and a half. */
export async function callerHearsAgent(caller: Page): Promise<boolean> {
  const before = await callerInbound(caller);
  await caller.waitForTimeout(1_500);
  return (await callerInbound(caller)) > before + 500;
}

/** Supervisor 9001 signed in to the board (the seats view), its live socket up. */
export async function supervisorBoard(desk: DeskUnderTest, board: Page): Promise<Page> {
  await board.goto(`${desk.lab.server.url}/board/`);
  await board.getByTestId('board-agent-id').fill('9001');
  await board.getByTestId('board-password').fill('pw9001');
  await board.getByTestId('board-login').click();
  await expect(board.getByTestId('board-link')).toHaveText('实时');
  return board;
}
