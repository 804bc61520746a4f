import { expect, test } from '@playwright/test';
import type { DeskUnderTest } from '../support/desk-fixture';
import { logIn, openCaller, useDeskForSpec } from '../support/e2e-desk-steps';

/**
 * Issue 8 finding 2: a display name with double quotes never reached the agent. The caller page's
 * SIP.js wrote it between quotes unescaped, Kamailio could not parse that From header and dropped
 * the INVITE without an answer. Now the caller page escapes it (RFC 3261 quoted-pair) and the desk
 * unescapes it: whatever name a caller types reaches the agent, as text.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

test('a name with quotes, backslashes, markup, CJK and emoji rings the agent and shows as typed; a long one is cut to 128', async ({ context }) => {
  const agent = await context.newPage();
  await logIn(desk, agent, '1003');
  const caller = await context.newPage();
  await openCaller(desk, caller, '13812345678');

  const names = [
    { typed: '王"老板" \\ 客服 😀 <img src=x onerror="window.markupRan=1">', shown: '王"老板" \\ 客服 😀 <img src=x onerror="window.markupRan=1">' },
    { typed: `"${'长'.repeat(300)}"`, shown: `"${'长'.repeat(127)}` },
  ];
  for (const { typed, shown } of names) {
    await caller.evaluate((displayName) => window.labCaller.call('1003', { displayName }), typed);
    await expect(agent.getByTestId('caller-name')).toHaveText(shown);
    await agent.getByTestId('reject').click();
    await expect.poll(() => caller.evaluate(() => window.labCaller.lastStatusCode())).toBe(486);
    await expect(agent.getByTestId('desk-state')).toHaveAttribute('data-state', 'ready');
  }
  expect(await agent.evaluate(() => (window as { markupRan?: number }).markupRan)).toBeUndefined();
});
