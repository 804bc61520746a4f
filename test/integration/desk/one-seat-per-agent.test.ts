import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { eventsOnServer, sessionsOnServer } from '../../support/desk-fixture';
import { useLabForSuite } from '../../support/lab-suite';
import { dial, type LabSessions } from '../../support/node-desk';

/**
 * One live seat per 工号 (DOMAIN.md, identity), on the real lab: two desks log in as the same
 * agent; the server ends the first session, and the first desk leaves the PBX and shows why, so a
 * call rings the second desk only. The first desk's WebSocket to Kamailio is tapped, to show that
 * no INVITE ever reached it.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => {
  lab = suite.lab;
  sessions = suite.sessions;
});

const isInvite = (message: string) => message.startsWith('INVITE ');
const WAIT_MS = 15_000;

describe('a second login of the same 工号', () => {
  it('logs the first desk out with the reason and unregisters it; a call rings only the second desk', async () => {
    const firstDeskGot: string[] = [];
    const first = await sessions.loggedInDesk('1005', { onSipMessage: (message) => firstDeskGot.push(message) });
    const second = await sessions.loggedInDesk('1005');

    const loggedOut = await first.until((snapshot) => snapshot.agent === null && snapshot.registration === 'unregistered', WAIT_MS);
    const [live, replaced] = await sessionsOnServer(lab.server.url, '1005');
    expect(live?.ended).toBeNull();
    expect(replaced?.ended).toMatchObject({ reason: 'replaced', byDeviceId: live!.deviceId });
    expect(loggedOut).toMatchObject({ state: 'offline', sessionEnd: replaced!.ended });
    expect(second.latest()).toMatchObject({ agent: { agentId: '1005' }, state: 'ready', registration: 'registered', sessionEnd: null });

    dial(await sessions.customer('13900000051'), '1005');
    await second.until((snapshot) => snapshot.call?.phase === 'ringing', WAIT_MS);
    expect(firstDeskGot.filter(isInvite)).toEqual([]);
    expect(first.latest()).toMatchObject({ agent: null, call: null });
  });

  it('lets a call in progress on the first desk finish, rings only the second for the next, and delivers the call after the next login', async () => {
    const firstDeskGot: string[] = [];
    const first = await sessions.loggedInDesk('1006', { onSipMessage: (message) => firstDeskGot.push(message) });
    const { call, callId } = await sessions.connectedCall(first, '1006', '13900000061');
    const invitesBefore = firstDeskGot.filter(isInvite).length;
    const second = await sessions.loggedInDesk('1006');

    const finishing = await first.until((snapshot) => snapshot.sessionEnd !== null && snapshot.registration === 'unregistered', WAIT_MS);
    expect(finishing).toMatchObject({ agent: { agentId: '1006' }, state: 'talking', call: { id: callId, phase: 'talking' }, sessionEnd: { reason: 'replaced' } });

    dial(await sessions.customer('13900000062'), '1006');
    await second.until((snapshot) => snapshot.call?.phase === 'ringing', WAIT_MS);
    expect(first.latest().call).toMatchObject({ id: callId, remoteNumber: '13900000061' });
    expect(firstDeskGot.filter(isInvite)).toHaveLength(invitesBefore);

    await call.inviter.bye();
    await first.until((snapshot) => snapshot.state === 'wrapUp', WAIT_MS);
    await first.runtime.desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '咨询资费', customerName: '', customerContact: '', resolved: true, promisedReplyAt: null });
    await first.until((snapshot) => snapshot.agent === null, WAIT_MS);
    expect(first.latest()).toMatchObject({ state: 'offline', registration: 'unregistered', sessionEnd: { reason: 'replaced' } });
    expect((await eventsOnServer(lab.server.url, '1006', 'call')).map((event) => event.payload)).not.toContainEqual(expect.objectContaining({ callId }));

    // The agent comes back to this desk: the call and its wrap-up reach the server.
    await first.runtime.desk.login({ agentId: '1006', password: 'pw1006' });
    await vi.waitFor(async () => expect((await eventsOnServer(lab.server.url, '1006', 'call')).map((event) => event.payload)).toContainEqual(expect.objectContaining({ callId })), { timeout: 10_000 });
  });
});

describe('a supervisor ending the session', () => {
  it('logs the desk out at once, off the PBX, saying who ended it', async () => {
    const desk = await sessions.loggedInDesk('1007');
    const supervisor = await fetch(`${lab.server.url}/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: '9001', password: 'pw9001', deviceId: 'supervisor-board' }),
    }).then((reply) => reply.json() as Promise<{ token: string }>);
    const ended = await fetch(`${lab.server.url}/v1/agents/1007/session/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
      body: '{}',
    }).then((reply) => reply.json() as Promise<{ session: unknown }>);

    const loggedOut = await desk.until((snapshot) => snapshot.agent === null && snapshot.registration === 'unregistered', WAIT_MS);
    expect(ended.session).toMatchObject({ reason: 'admin', byAgentId: '9001' });
    expect(loggedOut).toMatchObject({ state: 'offline', sessionEnd: ended.session });
  });
});
