import { SessionState, type Session } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { useLabForSuite } from '../../support/lab-suite';
import { surveyResultsOnServer } from '../../support/desk-fixture';
import type { LabSessions, NodeDesk } from '../../support/node-desk';
import { sessionReaches } from '../../support/sip-node';

/**
 * The satisfaction survey's verdict (DOMAIN.md rule 4) from end to end: the desk transfers the
 * customer to the lab's survey IVR with its call id in the transfer target; the customer presses
 * a key; the IVR reports to the central server with its own service token; the server pushes the
 * result over the live channel to the agent's desk, which shows it with the call. A desk that was
 * logged out catches up when it is back. Real Kamailio, server (PGlite), SQLite and SIP.js agents.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

/** A customer calls, the agent answers and ends with the survey; resolves with the customer's survey call. */
async function surveyedCall(desk: NodeDesk, agentId: string, number: string): Promise<{ callId: string; survey: Session }> {
  const { from, callId } = await sessions.connectedCall(desk, agentId, number);
  await desk.runtime.desk.endWithSurvey({ callId });
  const followed = await from.followedReferral();
  expect(followed.target).toBe('9999');
  await sessionReaches(followed.inviter, SessionState.Established);
  return { callId, survey: followed.inviter };
}

function pressKey(session: Session, key: string): Promise<unknown> {
  return session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${key}\r\nDuration=160\r\n` } } });
}

const ratingOf = (desk: NodeDesk, callId: string) => desk.latest().recentCalls.find((call) => call.callId === callId)?.surveyRating;

describe('the survey result reaches the agent', () => {
  it('a rating pressed at the IVR shows with the call on the desk, pushed live, with a notice', async () => {
    const desk = await sessions.loggedInDesk('1001');
    const { callId, survey } = await surveyedCall(desk, '1001', '13700000021');
    // The IVR knows which call it rates: the desk's call id came with the transfer target.
    expect(lab.endpoints.arrivals('9999').at(-1)).toMatchObject({ from: '13700000021', referredBy: '1001', surveyedCallId: callId });
    await vi.waitFor(() => expect(desk.latest().recentCalls.find((call) => call.callId === callId)).toMatchObject({ survey: 'transferred', surveyRating: null }));

    await pressKey(survey, '3');
    await vi.waitFor(() => expect(ratingOf(desk, callId)).toBe('dissatisfied'), { timeout: 10_000 });
    expect(desk.notices).toContainEqual({ level: 'warning', code: 'survey-result', params: { rating: 'dissatisfied', number: '13700000021' } });
    // The IVR hangs up once it has the rating.
    await sessionReaches(survey, SessionState.Terminated);
  });

  it('a customer who hangs up without rating is recorded as not rated', async () => {
    const desk = await sessions.loggedInDesk('1002');
    const { callId, survey } = await surveyedCall(desk, '1002', '13700000022');
    await survey.bye();
    await vi.waitFor(() => expect(ratingOf(desk, callId)).toBe('none'), { timeout: 10_000 });
  });

  it('a result that arrives while the agent is logged out is caught up at the next login, without a notice', async () => {
    const desk = await sessions.loggedInDesk('1003');
    const { callId, survey } = await surveyedCall(desk, '1003', '13700000023');
    await vi.waitFor(() => expect(desk.latest().state).toBe('wrapUp'));
    await desk.runtime.desk.logout();

    await pressKey(survey, '1');
    // The server has it (the IVR's report) while no desk of 1003 is connected to hear it live.
    await vi.waitFor(async () => expect((await surveyResultsOnServer(lab.server.url, '1003')).map((result) => [result.callId, result.rating])).toEqual([[callId, 'satisfied']]), {
      timeout: 10_000,
    });

    const noticesBefore = desk.notices.length;
    await desk.runtime.desk.login({ agentId: '1003', password: 'pw1003' });
    await vi.waitFor(() => expect(ratingOf(desk, callId)).toBe('satisfied'), { timeout: 10_000 });
    expect(desk.notices.slice(noticesBefore).filter((notice) => notice.code === 'survey-result')).toEqual([]);
  });
});
