import { expect, test, type Page } from '@playwright/test';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import type { DeskUnderTest } from '../support/desk-fixture';
import { logIn, openCaller, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * Consultation (咨询) with real WebRTC audio: the customer and a second-line colleague are both
 * caller pages in Chromium, each sending its own pure tone instead of a microphone, so what each
 * of them hears can be told apart: 700 Hz is the customer, 1700 Hz the colleague. The three-way
 * call is mixed by the desk's renderer; the attended transfer then connects the two directly.
 */
const CUSTOMER_TONE = 700;
const COLLEAGUE_TONE = 1_700;
/** dB above the spectrum's median: a tone that is heard stands tens of dB out; one that is not, a few. */
const HEARD = 20;
const NOT_HEARD = 10;

let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

async function openCallerWithTone(page: Page, number: string, tone: number): Promise<void> {
  await openCaller(desk, page, number);
  await page.evaluate((hz) => window.labCaller.sendTone(hz), tone);
}

const toneLevel = (page: Page, hz: number) => page.evaluate((frequency) => window.labCaller.toneLevel(frequency), hz);

test('consult a colleague with the customer on hold, talk three-way, then hand the customer over', async ({ context }) => {
  test.setTimeout(90_000);
  const agent = await context.newPage();
  const customer = await context.newPage();
  const colleague = await context.newPage();
  await openCallerWithTone(colleague, '8101', COLLEAGUE_TONE);
  await colleague.evaluate(() => window.labCaller.autoAnswer(true));

  await logIn(desk, agent, '1008');
  await openCallerWithTone(customer, '13812340018', CUSTOMER_TONE);
  await customer.evaluate(() => window.labCaller.call('1008'));
  await agent.getByTestId('answer').click();
  await expect.poll(() => customer.evaluate(() => window.labCaller.state())).toBe('established');

  // 咨询: the customer goes on hold, the colleague is called (a number typed, not in the directory).
  await agent.getByTestId('transfer-open').click();
  await agent.getByTestId('transfer-number').fill('8101');
  await agent.getByTestId('consult-number-go').click();
  const bar = agent.getByTestId('consult-bar');
  await expect(bar).toHaveAttribute('data-phase', 'talking', { timeout: 15_000 });
  await expect(agent.getByTestId('call-panel')).toHaveAttribute('data-held', 'true');
  await expect(agent.getByTestId('consult-number')).toHaveText('8101');
  // Nobody hears the other party yet: the customer is on hold, and the agent does not mix.
  await colleague.waitForTimeout(1_000);
  expect(await toneLevel(customer, COLLEAGUE_TONE)).toBeLessThan(NOT_HEARD);
  expect(await toneLevel(colleague, CUSTOMER_TONE)).toBeLessThan(NOT_HEARD);

  // Three-way: the customer comes off hold and the desk's renderer mixes the two calls.
  await agent.getByTestId('consult-conference').click();
  await expect(bar).toHaveAttribute('data-conference', 'true');
  await expect(agent.getByTestId('call-panel')).toHaveAttribute('data-held', 'false');
  await expect.poll(() => toneLevel(customer, COLLEAGUE_TONE), { timeout: 15_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => toneLevel(colleague, CUSTOMER_TONE), { timeout: 15_000 }).toBeGreaterThan(HEARD);

  // 完成转接: REFER with Replaces; the customer's new call replaces the agent's with the colleague.
  await agent.getByTestId('consult-complete').click();
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp', { timeout: 15_000 });
  await expect.poll(() => customer.evaluate(() => window.labCaller.transferredTo())).toBe('8101');
  await expect.poll(() => customer.evaluate(() => window.labCaller.state())).toBe('established');
  await expect.poll(() => colleague.evaluate(() => window.labCaller.remoteParty())).toContain('13812340018');
  // Now directly connected, without the agent in between.
  await expect.poll(() => toneLevel(customer, COLLEAGUE_TONE), { timeout: 15_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => toneLevel(colleague, CUSTOMER_TONE), { timeout: 15_000 }).toBeGreaterThan(HEARD);
});

test('return to the customer after consulting: the colleague is hung up and the customer hears the agent again', async ({ context }) => {
  const agent = await context.newPage();
  const customer = await context.newPage();
  const colleague = await context.newPage();
  await openCallerWithTone(colleague, '8102', COLLEAGUE_TONE);
  await colleague.evaluate(() => window.labCaller.autoAnswer(true));
  await logIn(desk, agent, '1009');
  await openCallerWithTone(customer, '13812340019', CUSTOMER_TONE);
  await customer.evaluate(() => window.labCaller.call('1009'));
  await agent.getByTestId('answer').click();
  await expect.poll(() => customer.evaluate(() => window.labCaller.state())).toBe('established');

  await agent.getByTestId('transfer-open').click();
  await agent.getByTestId('transfer-number').fill('8102');
  await agent.getByTestId('consult-number-go').click();
  await expect(agent.getByTestId('consult-bar')).toHaveAttribute('data-phase', 'talking', { timeout: 15_000 });
  await agent.getByTestId('consult-end').click();
  await expect(agent.getByTestId('consult-bar')).toHaveCount(0);
  await expect(agent.getByTestId('call-panel')).toHaveAttribute('data-held', 'false');
  await expect.poll(() => colleague.evaluate(() => window.labCaller.state())).toBe('terminated');
  await expect.poll(() => customer.evaluate(() => window.labCaller.state())).toBe('established');
  await expect.poll(async () => (await customer.evaluate(() => window.labCaller.audioStats())).inboundAudioBytes, { timeout: 10_000 }).toBeGreaterThan(0);
});
