import { SessionState } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { mintSipCredentials } from '../../../server/sip-credentials';
import { useLabForSuite } from '../../support/lab-suite';
import type { LabSessions } from '../../support/node-desk';
import { RawSipUdpEndpoint } from '../../support/raw-sip-udp';
import { sessionReaches } from '../../support/sip-node';
import { UdpFuzzCaller } from '../fuzz/udp-fuzz-caller';

/**
 * An answered call is confirmed when the caller's ACK of the desk's 200 arrives: normally within
 * milliseconds. What the agent does right after answering must wait for it (a caller that has not
 * taken in the 200 yet drops a REFER without an answer), but never for long: a missing ACK must not
 * keep the agent in a call they hung up (SIP.js alone would wait 32 s). Real Kamailio and desks;
 * the callers are a SIP.js phone slow to take in the answer and a raw UDP phone that never ACKs.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

const endpoints: RawSipUdpEndpoint[] = [];
afterEach(() => {
  for (const endpoint of endpoints.splice(0)) void endpoint.close();
});

describe('requests in an answered call wait for its ACK, but not for long', () => {
  it('a survey transfer made the moment the call connects reaches a caller still confirming it', async () => {
    const desk = await sessions.loggedInDesk('1001');
    // 300 ms to take in the 200: the desk shows the call connected well before the caller's ACK.
    const { from, callId } = await sessions.connectedCall(desk, '1001', '13700000041', { sdpDelayMs: 300 });
    await desk.runtime.desk.endWithSurvey({ callId });

    const followed = await from.followedReferral();
    expect(followed.target).toBe('9999');
    await sessionReaches(followed.inviter, SessionState.Established);
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    expect(desk.latest().recentCalls.find((call) => call.callId === callId)).toMatchObject({ survey: 'transferred' });
  });

  it('a call whose ACK never comes ends within seconds of the hang-up, and the caller gets the BYE', async () => {
    const desk = await sessions.loggedInDesk('1002');
    const endpoint = await RawSipUdpEndpoint.open(lab.kamailio.udpPort);
    endpoints.push(endpoint);
    const number = '13700000042';
    const caller = new UdpFuzzCaller(
      endpoint,
      { transport: 'udp', fromUser: number, displayName: '客户', nameForm: 'quoted', headers: [], body: { kind: 'sdp' }, ack: 'never', script: [] },
      `sip:1002@${lab.kamailio.domain}`,
      lab.kamailio.domain,
      mintSipCredentials(lab.secret, number, Date.now() + 3_600_000),
    );
    caller.start();
    await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    const callId = desk.latest().call!.id;
    await desk.runtime.desk.answer({ callId });
    expect(await caller.final).toBe(200);

    await desk.runtime.desk.hangup({ callId });
    // Within the desk's ACK wait (3 s) and well before SIP.js's own 32 s.
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'), { timeout: 8_000 });
    await vi.waitFor(() => expect(endpoint.requests.filter((request) => request.method === 'BYE')).toHaveLength(1), { timeout: 2_000 });
    expect(desk.latest().recentCalls.find((call) => call.callId === callId)).toMatchObject({ remoteNumber: number, remoteDisplayName: '客户' });
    await caller.close();
  });
});
