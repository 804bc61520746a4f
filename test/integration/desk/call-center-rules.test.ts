import { SessionState } from 'sip.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Policy } from '../../../src/contract/policy';
import { startLab, type Lab } from '../../../lab';
import { acknowledgeAlertOnServer, actionsOnServer, actOnSeat, eventsOnServer } from '../../support/desk-fixture';
import { dial, labSessions } from '../../support/node-desk';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

/**
 * DOMAIN.md rules 1-3 and 6 enforced by the desk's main process against the real lab, with a fast
 * policy: 3 rings of 400 ms, busy warned after 600 ms and over the limit after 1.2 s.
 */
const policy: Partial<Policy> = { ringCycleMs: 400, ringToneMs: 100, maxRings: 3, busyWarnAtMs: 600, busyLimitMs: 1_200, wrapUpLimitMs: 1_000 };

let lab: Lab;
let serverProxy: TcpFaultProxy;
let sessions: ReturnType<typeof labSessions>;

beforeAll(async () => {
  lab = await startLab({ callerPage: false, policy });
  serverProxy = await startTcpFaultProxy(lab.server.port);
  sessions = labSessions(lab, () => serverProxy.url('http'));
});
afterAll(async () => {
  await serverProxy?.close();
  await lab?.stop();
});
afterEach(async () => {
  serverProxy.up();
  await sessions.cleanup();
});


describe('the call-center rules on the lab', () => {
  it('declines an unanswered offer with 480 after maxRings x cycle, pauses the agent, and records the missed ring once', async () => {
    const desk = await sessions.loggedInDesk('1005');
    const offeredAt = Date.now();
    const call = dial(await sessions.customer('13900000005'), '1005');

    await vi.waitFor(() => expect(desk.latest().call?.ring).toBe(2), { timeout: 5_000, interval: 20 });
    await vi.waitFor(() => expect(call.finalStatus()).toBe(480), { timeout: 5_000, interval: 20 });
    // The caller hears 480 no sooner than the deadline: 3 rings of 400 ms.
    expect(Date.now() - offeredAt).toBeGreaterThanOrEqual(1_200);
    await vi.waitFor(() => expect(desk.latest()).toMatchObject({ state: 'busy', busyReason: 'missed' }));
    expect(desk.notices.map((n) => n.code)).toContain('missed-call');

    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const missed = await eventsOnServer(lab.server.url, '1005', 'missedRing');
    expect(missed).toHaveLength(1);
    expect(missed[0]?.payload).toMatchObject({ remoteNumber: '13900000005', rings: 3, action: 'reject-and-pause' });
    expect((missed[0]?.payload.deadline as number) - (missed[0]?.payload.offeredAt as number)).toBe(1_200);
  });

  it('stores the ring the agent answered on', async () => {
    const desk = await sessions.loggedInDesk('1006');
    const call = dial(await sessions.customer('13900000006'), '1006');
    await vi.waitFor(() => expect(desk.latest().call?.ring).toBe(2), { timeout: 5_000, interval: 10 });
    await desk.runtime.desk.answer({ callId: desk.latest().call!.id });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));
    expect(desk.latest().call).toMatchObject({ ringsAtAnswer: 2, late: false });
    await call.inviter.bye();
    await vi.waitFor(() => expect(desk.latest().recentCalls[0]).toMatchObject({ ringsAtAnswer: 2 }));
  });

  it('declines offers with 486 while the agent is busy or in wrap-up, and records them', async () => {
    const desk = await sessions.loggedInDesk('1007');
    await desk.runtime.desk.setBusy({ reason: 'meeting' });
    const whileBusy = dial(await sessions.customer('13900000007'), '1007');
    await vi.waitFor(() => expect(whileBusy.finalStatus()).toBe(486));
    expect(desk.latest().call).toBeNull();

    await desk.runtime.desk.setReady();
    const answered = dial(await sessions.customer('13900000017'), '1007');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    await desk.runtime.desk.answer({ callId: desk.latest().call!.id });
    await vi.waitFor(() => expect(answered.inviter.state).toBe(SessionState.Established));
    await answered.inviter.bye();
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    const duringWrapUp = dial(await sessions.customer('13900000027'), '1007');
    await vi.waitFor(() => expect(duringWrapUp.finalStatus()).toBe(486));

    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const declined = await eventsOnServer(lab.server.url, '1007', 'declinedOffer');
    expect(declined.map((e) => [e.payload.remoteNumber, e.payload.agentState, e.payload.sipStatus])).toEqual([
      ['13900000007', 'busy', 486],
      ['13900000027', 'wrapUp', 486],
    ]);
  });

  it('returns to ready when the wrap-up time runs out, keeping the call without a wrap-up', async () => {
    const desk = await sessions.loggedInDesk('1008');
    const call = dial(await sessions.customer('13900000008'), '1008');
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Established));
    await call.inviter.bye();
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    await desk.runtime.desk.saveWrapUpDraft({
      callId,
      disposition: '',
      summary: '客户反映宽带断网，尚未',
      customerName: '',
      customerContact: '',
      resolved: null,
      promisedReplyAt: null,
    });
    await vi.waitFor(() => expect(desk.latest().state).toBe('ready'), { timeout: 3_000 });
    expect(desk.notices.map((n) => n.code)).toContain('wrap-up-expired');
    expect(desk.latest().recentCalls[0]).toMatchObject({ callId, wrapUp: 'draft' });
    await expect(desk.runtime.desk.getWrapUpDraft({ callId })).resolves.toMatchObject({ summary: '客户反映宽带断网，尚未' });
  });

  it('reports a busy period past the limit exactly once, with its true time, also when the server was away at the limit', async () => {
    const desk = await sessions.loggedInDesk('1009');
    serverProxy.down();
    await desk.runtime.desk.setBusy({ reason: 'restroom' });
    await vi.waitFor(() => expect(desk.latest().state).toBe('busy'));
    const busySince = desk.latest().stateSince;
    await vi.waitFor(() => expect(desk.latest().busy?.level).toBe('warning'), { timeout: 3_000, interval: 20 });
    await vi.waitFor(() => expect(desk.latest().busy).toMatchObject({ level: 'overLimit', supervisorNotified: 'pending' }), {
      timeout: 3_000,
      interval: 20,
    });
    expect(desk.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['busy-warning', 'busy-over-limit']));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await eventsOnServer(lab.server.url, '1009', 'busyOverLimit')).toHaveLength(0);

    serverProxy.up();
    // 已上报主管 once the server has the record: its alert was stored with it.
    await vi.waitFor(() => expect(desk.latest().busy?.supervisorNotified).toBe('reported'), { timeout: 40_000, interval: 100 });
    const events = await eventsOnServer(lab.server.url, '1009', 'busyOverLimit');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ occurredAt: busySince + 1_200, payload: { busySince, busyReason: 'restroom', limitMs: 1_200 } });
    // The server's own time says when it learned of it: after the outage.
    expect(events[0]!.receivedAt).toBeGreaterThan(events[0]!.occurredAt);

    // A supervisor acknowledges it on the board: the desk shows who and when, pushed live, or
    // caught up when its live channel is back from the outage (it reconnects with backoff).
    const acknowledged = await acknowledgeAlertOnServer(lab.server.url, events[0]!.id);
    expect(acknowledged).toMatchObject({ kind: 'busyOverLimit', agentId: '1009', acknowledged: { by: '9001', byName: '主管9001' } });
    await vi.waitFor(
      () => expect(desk.latest().busy).toMatchObject({ supervisorNotified: 'acknowledged', acknowledgedBy: { agentId: '9001', name: '主管9001', at: acknowledged.acknowledged!.at } }),
      { timeout: 40_000, interval: 100 },
    );
  });

  it("a supervisor's approval made while the desk was cut off from the server reaches it when it is back, and is reported applied", async () => {
    const desk = await sessions.loggedInDesk('1008');
    await desk.runtime.desk.setBusy({ reason: 'training' });
    await vi.waitFor(() => expect(desk.latest().busy?.level).toBe('overLimit'), { timeout: 3_000, interval: 20 });
    serverProxy.down();
    const until = Date.now() + 10 * 60_000;
    const action = await actOnSeat(lab.server.url, '1008', { kind: 'approveBusy', until, note: '' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.latest().busy?.approvedBy).toBeNull();

    serverProxy.up();
    // Caught up when the live channel is back (it reconnects with backoff).
    await vi.waitFor(() => expect(desk.latest().busy).toMatchObject({ level: 'ok', approvedBy: { agentId: '9001', name: '主管9001', until } }), { timeout: 40_000, interval: 100 });
    await vi.waitFor(async () => expect((await actionsOnServer(lab.server.url)).find((taken) => taken.id === action.id)?.outcome?.status).toBe('applied'), { timeout: 10_000 });
  });

  it('records login and logout for attendance with the server’s time, and shows today’s attendance', async () => {
    const desk = await sessions.loggedInDesk('1010');
    await vi.waitFor(() => expect(desk.latest().attendanceToday?.firstLoginAt).toEqual(expect.any(Number)), { timeout: 10_000 });
    await desk.runtime.desk.logout();
    const attendance = await eventsOnServer(lab.server.url, '1010', 'attendance');
    expect(attendance.map((e) => [e.payload.event, e.payload.serverTimeSource])).toEqual([
      ['login', 'confirmed'],
      ['logout', 'estimated'],
    ]);
    for (const event of attendance) expect(Math.abs((event.payload.serverTime as number) - (event.payload.deskTime as number))).toBeLessThan(1_000);
  });
});
