import { expect, test } from '@playwright/test';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import type { DeskUnderTest } from '../support/desk-fixture';
import { callerHearsAgent, inCallWith, logIn, ring, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * The in-call controls with real WebRTC audio: hold and mute silence the agent for the customer
 * (the caller's inbound bytes stop growing) and resume; the survey transfer and a blind transfer
 * from the department directory land at the lab's endpoints; ringer and headset outputs differ.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

test('while it rings the caller hears nothing of the agent, though the answer is made ahead; answered, they do', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await logIn(desk, agent, '1006');
  await ring(desk, caller, '13812340006', '1006');
  await expect(agent.getByTestId('ringing')).toBeVisible();
  // The answer is prepared while it rings (ICE may check meanwhile): not one audio packet reaches the caller.
  await caller.waitForTimeout(1_500);
  expect((await caller.evaluate(() => window.labCaller.audioStats())).inboundAudioBytes).toBe(0);
  expect(await callerHearsAgent(caller)).toBe(false);
  await agent.getByTestId('answer').click();
  await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
  await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);
});

test('hold and mute stop the customer hearing the agent; resume and unmute bring the audio back', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1005', '13812340005');
  await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);

  await agent.getByTestId('hold').click();
  await expect(agent.getByTestId('hold')).toHaveAttribute('aria-pressed', 'true');
  await caller.waitForTimeout(500); // packets already in flight
  expect(await callerHearsAgent(caller)).toBe(false);
  await agent.getByTestId('hold').click();
  await expect(agent.getByTestId('hold')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => callerHearsAgent(caller), { timeout: 10_000 }).toBe(true);

  await agent.getByTestId('mute').click();
  await expect(agent.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');
  await caller.waitForTimeout(500);
  expect(await callerHearsAgent(caller)).toBe(false);
  await agent.getByTestId('mute').click();
  await expect.poll(() => callerHearsAgent(caller), { timeout: 10_000 }).toBe(true);
});

test('ending with the survey puts the caller through to the survey IVR, and their rating comes back to the call', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1006', '13812340006');
  await agent.getByTestId('end-with-survey').click();
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
  await expect.poll(() => caller.evaluate(() => window.labCaller.transferredTo())).toBe('9999');
  await expect.poll(() => desk.lab.endpoints.arrivals('9999').filter((a) => a.from === '13812340006' && a.referredBy === '1006')).toHaveLength(1);

  // The customer rates (1 = satisfied); the IVR reports it and the call's history row shows it.
  await expect.poll(() => caller.evaluate(() => window.labCaller.state())).toBe('established');
  await caller.evaluate(() => window.labCaller.pressKeys('1'));
  const rating = agent.getByTestId('recent-call').first().getByTestId('survey-rating');
  await expect(rating).toHaveAttribute('data-rating', 'satisfied');
  await expect(rating).toHaveText('评价：满意');
});

test('a blind transfer to a department picked from the directory', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1007', '13812340007');
  await agent.getByTestId('transfer-open').click();
  await agent.getByTestId('transfer-search').fill('技术');
  const entry = agent.getByTestId('transfer-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-extension', '8001');
  await entry.getByTestId('transfer-to').click();
  await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'wrapUp');
  await expect.poll(() => caller.evaluate(() => window.labCaller.transferredTo())).toBe('8001');
  await expect.poll(() => desk.lab.endpoints.arrivals('8001').filter((a) => a.from === '13812340007' && a.referredBy === '1007')).toHaveLength(1);
});

test('the ringer and the headset can be different outputs', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, '1008', '13812340008');
  await agent.getByTestId('devices-open').click();
  const outputs = await agent.getByTestId('device-ringer').locator('option').evaluateAll((options) =>
    options.map((option) => (option as HTMLOptionElement).value).filter((value) => value !== ''),
  );
  test.skip(outputs.length < 2, `Chromium here lists ${outputs.length} audio output(s): nothing to tell apart`);
  await agent.getByTestId('device-speaker').selectOption(outputs[0]!);
  await agent.getByTestId('device-ringer').selectOption(outputs[1]!);
  await expect(agent.getByTestId('call-audio').first()).toHaveAttribute('data-sink-id', outputs[0]!);
  await expect(agent.getByTestId('ringer-audio')).toHaveAttribute('data-sink-id', outputs[1]!);
});

