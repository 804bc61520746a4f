import { SessionState } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { alertsOnServer, seatsOnServer } from '../../support/desk-fixture';
import { useLabForSuite } from '../../support/lab-suite';
import { dial, type LabSessions } from '../../support/node-desk';
import { sessionReaches } from '../../support/sip-node';

/**
 * The lab's service queue 4000 (DOMAIN.md rule 1: decline so the queue re-routes the call): the
 * lab Kamailio rings the agents one after another; a desk that lets the offer ring out (480) or is
 * not ready (486) sends it on to the next. Real Kamailio, desks, server; rings of 0.5 s.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false, policy: { ringCycleMs: 500, ringToneMs: 200, maxRings: 3 } }, (suite) => ({ lab, sessions } = suite));

describe('the queue 4000', () => {
  it('an offer 1001 lets ring out goes on to 1002; the board shows 1001 missed it and is busy (未接)', async () => {
    const first = await sessions.loggedInDesk('1001');
    const second = await sessions.loggedInDesk('1002');
    const customer = await sessions.customer('13800004000');
    const call = dial(customer, '4000');

    await vi.waitFor(() => expect(first.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    expect(second.latest().call).toBeNull();
    // Three rings of 0.5 s unanswered: 1001 declines 480 and the queue rings 1002.
    await vi.waitFor(() => expect(second.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    expect(first.latest()).toMatchObject({ state: 'busy', busyReason: 'missed', call: null });
    const callId = second.latest().call!.id;
    expect(second.latest().call).toMatchObject({ remoteNumber: '13800004000' });
    await second.runtime.desk.answer({ callId });
    await sessionReaches(call.inviter, SessionState.Established);

    await vi.waitFor(async () => expect((await seatsOnServer(lab.server.url)).find((seat) => seat.agentId === '1001')).toMatchObject({ state: 'busy', busyReason: 'missed', today: { missed: 1 } }));
    await vi.waitFor(async () => expect((await alertsOnServer(lab.server.url)).filter((alert) => alert.agentId === '1001').map((alert) => alert.kind)).toContain('missedOffer'));
    await call.inviter.bye();
  });

  it('skips an agent who is not ready (486) and one who is not signed in', async () => {
    const busy = await sessions.loggedInDesk('1001');
    await busy.runtime.desk.setBusy({ reason: 'meal' });
    const ready = await sessions.loggedInDesk('1003');
    const call = dial(await sessions.customer('13800004001'), '4000');
    // 1001 declines at once; 1002 is not signed in; 1003 rings.
    await vi.waitFor(() => expect(ready.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    expect(busy.latest().call).toBeNull();
    await ready.runtime.desk.answer({ callId: ready.latest().call!.id });
    await sessionReaches(call.inviter, SessionState.Established);
    await call.inviter.bye();
  });

  it('with nobody to take it, the caller hears 480 at once', async () => {
    const call = dial(await sessions.customer('13800004002'), '4000');
    await vi.waitFor(() => expect(call.finalStatus()).toBe(480), { timeout: 10_000 });
  });
});
