import { SessionState, type Inviter } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { eventsOnServer, wrapUpsOnServer } from '../../support/desk-fixture';
import { useLabForSuite } from '../../support/lab-suite';
import type { LabSessions, NodeDesk } from '../../support/node-desk';
import type { NodeUserAgent } from '../../support/sip-node';

/**
 * Whatever display name a caller sends, through the real Kamailio to the desk's main process:
 * the agent sees it as plain text within what a call record holds, the call is recorded and
 * synced, and the desk takes the next call. (Issue 8 findings 1 and 2.)
 */
let lab: Lab;
let sessions: LabSessions;
// Rings of 400 ms: a missed offer times out in 1.2 s.
useLabForSuite({ callerPage: false, policy: { ringCycleMs: 400, ringToneMs: 100, maxRings: 3, wrapUpLimitMs: 60_000 } }, (suite) => {
  lab = suite.lab;
  sessions = suite.sessions;
});

/** Calls the agent with `onTheWire` between the From header's quotes, as written (SIP.js adds none of its escapes). */
function callWithName(from: NodeUserAgent, agentId: string, onTheWire: string): { inviter: Inviter; finalStatus: () => number | null } {
  let status: number | null = null;
  const inviter = from.makeInviter(agentId, { params: { fromDisplayName: onTheWire } });
  const record = (response: { message: { statusCode?: number } }) => (status = response.message.statusCode ?? null);
  void inviter.invite({ requestDelegate: { onAccept: record, onReject: record } }).catch(() => {});
  return { inviter, finalStatus: () => status };
}

async function ringsWith(desk: NodeDesk, from: NodeUserAgent, onTheWire: string): Promise<{ inviter: Inviter; finalStatus: () => number | null; callId: string }> {
  const before = desk.latest().call?.id;
  const call = callWithName(from, '1001', onTheWire);
  await vi.waitFor(() => expect(desk.latest().call).toMatchObject({ phase: 'ringing', id: expect.not.stringMatching(before ?? '^$') }), { timeout: 10_000 });
  return { ...call, callId: desk.latest().call!.id };
}

/** Answer, the customer hangs up, the wrap-up is saved: the desk is ready for the next call. */
async function takeAndWrapUp(desk: NodeDesk, inviter: Inviter, callId: string): Promise<void> {
  await desk.runtime.desk.answer({ callId });
  await vi.waitFor(() => expect(inviter.state).toBe(SessionState.Established));
  await inviter.bye();
  await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
  await desk.runtime.desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '', customerName: '', customerContact: '', resolved: true, promisedReplyAt: null });
  await vi.waitFor(() => expect(desk.latest().state).toBe('ready'));
}

describe('display names from the network', () => {
  it('reach the agent as plain text within the record’s 128 characters, and every call is recorded and synced', async () => {
    const desk = await sessions.loggedInDesk('1001');
    const customer = await sessions.customer('13812345678');
    const cases: Array<{ onTheWire: string; shown: string }> = [
      { onTheWire: 'x'.repeat(2_000), shown: 'x'.repeat(128) },
      // RFC 3261 quoted-pairs: \" and \\.
      { onTheWire: '王\\"老板\\" \\\\ 客服', shown: '王"老板" \\ 客服' },
      { onTheWire: '张三 😀 👨‍👩‍👧', shown: '张三 😀 👨‍👩‍👧' },
      { onTheWire: '<img src=x onerror=alert(1)>', shown: '<img src=x onerror=alert(1)>' },
      // Control characters as quoted-pairs, a tab, a bidi override: plain text, one space.
      { onTheWire: 'a\\\u0001b\\\u007fc\t\u202ed', shown: 'abc d' },
      { onTheWire: '😀'.repeat(70), shown: '😀'.repeat(64) },
    ];
    const callIds: string[] = [];
    for (const { onTheWire, shown } of cases) {
      const { inviter, callId } = await ringsWith(desk, customer, onTheWire);
      expect(desk.latest().call?.remoteDisplayName).toBe(shown);
      await takeAndWrapUp(desk, inviter, callId);
      await vi.waitFor(() => expect(desk.latest().recentCalls[0]).toMatchObject({ callId, remoteDisplayName: shown }));
      callIds.push(callId);
    }
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const onServer = await wrapUpsOnServer(lab.server.url, '1001');
    expect(callIds.map((callId) => onServer.filter((wrapUp) => wrapUp.callId === callId).length)).toEqual(callIds.map(() => 1));
    expect(desk.notices.map((notice) => notice.code)).not.toContain('record-not-saved');
  });

  it('a long name that rings out unanswered is declined 480 and recorded as a missed ring', async () => {
    const desk = await sessions.loggedInDesk('1001');
    const customer = await sessions.customer('13812345678');
    const { finalStatus } = await ringsWith(desk, customer, '长'.repeat(1_000));
    await vi.waitFor(() => expect(finalStatus()).toBe(480), { timeout: 5_000 });
    expect(desk.latest()).toMatchObject({ state: 'busy', busyReason: 'missed' });
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const missed = await eventsOnServer(lab.server.url, '1001', 'missedRing');
    expect(missed.at(-1)?.payload).toMatchObject({ remoteNumber: '13812345678', remoteDisplayName: '长'.repeat(128) });
  });

  it('a From header broken by a raw quote or CR/LF never reaches the desk, and the next call rings', async () => {
    const desk = await sessions.loggedInDesk('1001');
    const customer = await sessions.customer('13812345678');
    // Unescaped, as SIP.js writes a name it is given: the PBX cannot parse these From headers.
    const broken = ['王"老板"', 'evil\r\nX-Injected: 1', 'fold\r\n over'].map((name) => callWithName(customer, '1001', name));
    // Sent after them on the same connection: once it rings, the PBX has dealt with those.
    const { inviter, callId } = await ringsWith(desk, customer, '李四');
    expect(desk.latest().call?.remoteDisplayName).toBe('李四');
    expect(broken.map((call) => call.finalStatus())).not.toContain(200);
    await takeAndWrapUp(desk, inviter, callId);
    await vi.waitFor(() => expect(desk.latest().recentCalls.map((call) => call.callId)).toEqual([callId]));
    for (const call of broken) await call.inviter.cancel().catch(() => {});
  });
});
