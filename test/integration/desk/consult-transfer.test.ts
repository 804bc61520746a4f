import { SessionState } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { useLabForSuite } from '../../support/lab-suite';
import { eventsOnServer } from '../../support/desk-fixture';
import type { LabSessions, NodeDesk } from '../../support/node-desk';

/**
 * Consultation (咨询) on the wire, DOMAIN.md rule 5: the desk's main process holds the customer,
 * calls a lab department through the real Kamailio, then hands the customer over with REFER +
 * Replaces (attended transfer), returns to them, or joins all three. The customers are SIP.js
 * user agents in Node that follow REFERs the way SIP.js phones do (makeInviter).
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

async function connectedCall(desk: NodeDesk, agentId: string, number: string) {
  const call = await sessions.connectedCall(desk, agentId, number);
  return { ...call, customerSdp: () => call.from.mediaHandlers.at(-1)!.remoteDescriptions.at(-1) ?? '' };
}

/** Consults `target` and waits until the department has answered. */
async function consultAnswered(desk: NodeDesk, callId: string, target: string): Promise<string> {
  const { consultCallId } = await desk.runtime.desk.consult({ callId, target });
  await vi.waitFor(() => expect(desk.latest().call?.consult).toMatchObject({ callId: consultCallId, number: target, phase: 'talking' }), { timeout: 10_000 });
  return consultCallId;
}

async function callRecordOnServer(agentId: string, callId: string): Promise<Record<string, unknown> | undefined> {
  return (await eventsOnServer(lab.server.url, agentId, 'call')).find((event) => event.payload.callId === callId)?.payload;
}

describe('consultation and attended transfer on the wire', () => {
  it('holds the customer, consults the department, then hands the customer over with REFER + Replaces', async () => {
    const desk = await sessions.loggedInDesk('1001');
    const { from, call, callId, customerSdp } = await connectedCall(desk, '1001', '13700000011');

    await consultAnswered(desk, callId, '8003');
    // The customer was put on hold before the department was called, and hears nothing of it.
    expect(customerSdp()).toMatch(/a=inactive/);
    await vi.waitFor(() => expect(desk.latest().call).toMatchObject({ held: true, consult: { name: '账务中心 Billing', conference: false } }));
    const consultArrival = lab.endpoints.arrivals('8003').at(-1)!;
    expect(consultArrival).toMatchObject({ from: '1001', replacedCallWith: null, endedAt: null });

    await desk.runtime.desk.completeTransfer({ callId });

    // The customer followed the REFER with an INVITE that replaces the agent's consult call.
    const followed = await from.followedReferral();
    expect(followed).toMatchObject({ target: '8003', referredFrom: call.inviter });
    const replaces = followed.inviter.request.getHeader('Replaces') ?? '';
    expect(replaces).toMatch(/;to-tag=.+;from-tag=.+/);
    await vi.waitFor(() => expect(followed.inviter.state).toBe(SessionState.Established));
    const handedOver = lab.endpoints.arrivals('8003').at(-1)!;
    expect(handedOver).toMatchObject({ from: '13700000011', replacedCallWith: '1001', referredBy: '1001' });
    // The department's phone hung up the consult call it replaced; the agent left the customer's.
    await vi.waitFor(() => expect(lab.endpoints.arrivals('8003').find((arrival) => arrival.at === consultArrival.at)?.endedAt).not.toBeNull());
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Terminated));
    await vi.waitFor(() => expect(desk.latest()).toMatchObject({ state: 'wrapUp', call: null }));

    await vi.waitFor(
      async () =>
        expect(await callRecordOnServer('1001', callId)).toMatchObject({
          transferredTo: '8003',
          transferKind: 'attended',
          consultedWith: '8003',
          conference: false,
          endReason: 'transferred',
        }),
      { timeout: 10_000 },
    );
    // The consult leg is part of the customer's call, not a call of its own to wrap up.
    expect((await eventsOnServer(lab.server.url, '1001', 'call')).length).toBe(1);
  });

  it('returns to the customer: the department is hung up and the customer taken off hold', async () => {
    const desk = await sessions.loggedInDesk('1002');
    const { call, callId, customerSdp } = await connectedCall(desk, '1002', '13700000012');
    await consultAnswered(desk, callId, '8001');
    const consultArrival = lab.endpoints.arrivals('8001').at(-1)!;

    await desk.runtime.desk.endConsult({ callId });
    expect(customerSdp()).toMatch(/a=sendrecv/);
    await vi.waitFor(() => expect(desk.latest().call).toMatchObject({ held: false, consult: null, phase: 'talking' }));
    await vi.waitFor(() => expect(lab.endpoints.arrivals('8001').find((arrival) => arrival.at === consultArrival.at)?.endedAt).not.toBeNull());
    expect(call.inviter.state).toBe(SessionState.Established);

    await desk.runtime.desk.endWithoutSurvey({ callId, reason: '客户改日再联系' });
    await vi.waitFor(async () => expect(await callRecordOnServer('1002', callId)).toMatchObject({ consultedWith: '8001', transferredTo: null, transferKind: null }), {
      timeout: 10_000,
    });
  });

  it('joins all three: the customer is taken off hold and the two calls are mixed; hanging up ends both', async () => {
    const desk = await sessions.loggedInDesk('1003');
    const { call, callId, customerSdp } = await connectedCall(desk, '1003', '13700000013');
    const consultCallId = await consultAnswered(desk, callId, '8004');

    await desk.runtime.desk.conference({ callId });
    expect(customerSdp()).toMatch(/a=sendrecv/);
    await vi.waitFor(() => expect(desk.latest().call).toMatchObject({ held: false, consult: { callId: consultCallId, conference: true } }));
    await vi.waitFor(() => expect(desk.media.calls).toContainEqual({ method: 'conference', sessionIds: [callId, consultCallId] }));

    await desk.runtime.desk.endWithoutSurvey({ callId, reason: '三方通话已解决' });
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Terminated));
    await vi.waitFor(() => expect(lab.endpoints.arrivals('8004').at(-1)?.endedAt).not.toBeNull());
    await vi.waitFor(async () => expect(await callRecordOnServer('1003', callId)).toMatchObject({ consultedWith: '8004', conference: true }), { timeout: 10_000 });
  });

  it('a consultation nobody answers is reported, and the customer stays on hold with the agent', async () => {
    const desk = await sessions.loggedInDesk('1004');
    const { call, callId } = await connectedCall(desk, '1004', '13700000014');
    // Nobody is registered as 8999: Kamailio answers 404.
    await desk.runtime.desk.consult({ callId, target: '8999' });
    await vi.waitFor(() => expect(desk.notices).toContainEqual(expect.objectContaining({ code: 'consult-failed' })));
    await vi.waitFor(() => expect(desk.latest().call).toMatchObject({ held: true, consult: null }));
    expect(call.inviter.state).toBe(SessionState.Established);
    await expect(desk.runtime.desk.completeTransfer({ callId })).rejects.toMatchObject({ code: 'no-consult' });
    await desk.runtime.desk.hold({ callId, held: false });
    await vi.waitFor(() => expect(desk.latest().call?.held).toBe(false));
  });

  it('hands the customer to a colleague on another desk: that desk takes the call over (INVITE with Replaces)', async () => {
    const transferring = await sessions.loggedInDesk('1005');
    const colleague = await sessions.loggedInDesk('1006');
    const { from, call, callId } = await connectedCall(transferring, '1005', '13700000015');

    const { consultCallId } = await transferring.runtime.desk.consult({ callId, target: '1006' });
    // The colleague's desk rings like any call and the colleague answers.
    await vi.waitFor(() => expect(colleague.latest().call).toMatchObject({ phase: 'ringing', remoteNumber: '1005' }));
    const colleagueCallId = colleague.latest().call!.id;
    await colleague.runtime.desk.answer({ callId: colleagueCallId });
    await vi.waitFor(() => expect(transferring.latest().call?.consult).toMatchObject({ callId: consultCallId, phase: 'talking' }));

    await transferring.runtime.desk.completeTransfer({ callId });
    // The colleague's call goes on, now with the customer, on a new media session.
    await vi.waitFor(() =>
      expect(colleague.latest().call).toMatchObject({ id: colleagueCallId, phase: 'talking', remoteNumber: '13700000015', mediaSessionId: `${colleagueCallId}.1` }),
    );
    expect(colleague.notices).toContainEqual({ level: 'info', code: 'call-handed-over', params: { from: '1005', number: '13700000015' } });
    await vi.waitFor(() => expect(colleague.media.isClosed(colleagueCallId)).toBe(true));
    expect(colleague.media.isClosed(`${colleagueCallId}.1`)).toBe(false);
    await vi.waitFor(() => expect(transferring.latest().state).toBe('wrapUp'));
    const followed = await from.followedReferral();
    await vi.waitFor(() => expect(followed.inviter.state).toBe(SessionState.Established));
    await vi.waitFor(() => expect(call.inviter.state).toBe(SessionState.Terminated));

    // The customer hangs up on the colleague: the colleague's desk wraps the call up.
    await followed.inviter.bye();
    await vi.waitFor(() => expect(colleague.latest().state).toBe('wrapUp'));
    await vi.waitFor(async () => expect(await callRecordOnServer('1006', colleagueCallId)).toMatchObject({ remoteNumber: '13700000015' }), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await callRecordOnServer('1005', callId)).toMatchObject({ transferredTo: '1006', transferKind: 'attended' }), { timeout: 10_000 });
  });
});
