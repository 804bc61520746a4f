import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../main/desk/desk';
import type { SoftphoneEvents } from '../../../main/phone/softphone';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import type { DeskNotice, DeskSnapshot, RaiseTicket } from '../../../src/contract/desk';
import { defaultPolicy } from '../../../src/contract/policy';
import type { LoginResponse } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { serverTicket } from '../../support/ticket-fixtures';
import { FakePhone } from './fake-phone';
import { quietDeskDeps } from './quiet-desk-deps';

/**
 * Escalation tickets (疑难反馈单) on the desk: raised from the call or its wrap-up, committed with
 * their outbox row before the agent is told, never touching the call; the server's changes (live
 * or caught up) shown and announced, and an older one never replacing a newer.
 */
const AGENT = '1001';
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const stores: DeskStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const login: LoginResponse = {
  token: 'session-token-of-1001',
  agent: { agentId: AGENT, name: '王小明' },
  policy: defaultPolicy,
  dispositions: [],
  directory: [],
  colleagues: [],
  sip: { wsServer: 'ws://127.0.0.1:5066', aor: `sip:${AGENT}@seatdesk.lab`, authorizationUsername: `9999999999:${AGENT}`, authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: '王小明' },
  serverTime: T0,
};

const emergency = (callId: string | null): RaiseTicket => ({ callId, severity: 'emergency', content: '紧急、重大事件：客户称家中燃气泄漏', customerName: '', customerContact: '', promisedReplyAt: null });

async function loggedInDesk() {
  const clock = new ManualClock(T0);
  const store = openDeskStore(':memory:');
  stores.push(store);
  const notices: DeskNotice[] = [];
  const snapshots: DeskSnapshot[] = [];
  const faults: string[] = [];
  let events: SoftphoneEvents | undefined;
  let kicks = 0;
  const desk = new Desk({
    ...quietDeskDeps(store, clock, async () => login),
    createPhone: (_login, phoneEvents) => {
      events = phoneEvents;
      return new FakePhone();
    },
    sync: { start: () => {}, stop: async () => {}, kick: () => void kicks++, drain: async () => true },
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onNotice: (notice) => notices.push(notice),
    reportFault: (where) => faults.push(where),
  });
  await desk.login({ agentId: AGENT, password: 'pw1001' });
  const sip = events!;
  const talking = async (remoteNumber = '13812345678') => {
    const callId = uuidv7();
    sip.incoming({ callId, remoteNumber, remoteDisplayName: '张三' });
    clock.advance(3_000);
    await desk.answer({ callId });
    sip.established(callId);
    return callId;
  };
  /** The snapshots pushed after the current turn's changes. */
  const pushed = async () => {
    await Promise.resolve();
    return snapshots.at(-1)!;
  };
  return { clock, store, desk, sip, notices, faults, talking, pushed, kicks: () => kicks };
}

describe('escalation tickets on the desk', () => {
  it('raises an emergency during a call at once: committed with its outbox row when it resolves, the call untouched', async () => {
    const { desk, store, clock, talking, kicks } = await loggedInDesk();
    const callId = await talking();
    clock.advance(20_000);
    const before = await desk.getSnapshot();
    const kicksBefore = kicks();

    const { ticketId } = await desk.raiseTicket(emergency(callId));

    // Durable before the answer: the ticket and its record for the server, with the call's facts from main.
    expect(store.outbox.get(ticketId)).toMatchObject({
      ackedAt: null,
      record: { kind: 'ticket', agentId: AGENT, occurredAt: T0 + 23_000, payload: { callId, severity: 'emergency', callAt: T0, remoteNumber: '13812345678' } },
    });
    expect(kicks()).toBe(kicksBefore + 1);
    const after = await desk.getSnapshot();
    expect(after).toMatchObject({ state: 'talking', stateSince: before.stateSince, call: before.call });
    expect(after.tickets).toEqual([
      { id: ticketId, callId, severity: 'emergency', content: '紧急、重大事件：客户称家中燃气泄漏', status: 'pending', assignee: null, reply: null, raisedAt: T0 + 23_000, updatedAt: null },
    ]);
  });

  it('raises from the wrap-up of an ended call with the call’s time and number from the store', async () => {
    const { desk, store, sip, talking } = await loggedInDesk();
    const callId = await talking('057187654321');
    sip.ended(callId, 'remote-hangup');
    const { ticketId } = await desk.raiseTicket({ callId, severity: 'urgent', content: '客户投诉\n第二行', customerName: '张三', customerContact: '0571 8765 4321', promisedReplyAt: T0 + 86_400_000 });
    expect(store.tickets.get(ticketId)?.payload).toEqual({
      callId,
      severity: 'urgent',
      content: '客户投诉\n第二行',
      customerName: '张三',
      customerContact: '0571 8765 4321',
      callAt: T0,
      remoteNumber: '057187654321',
      promisedReplyAt: T0 + 86_400_000,
    });
    // One line in the list.
    expect((await desk.getSnapshot()).tickets[0]).toMatchObject({ content: '客户投诉', severity: 'urgent' });
    expect((await desk.getSnapshot()).state).toBe('wrapUp');
  });

  it('refuses a call that is not the agent’s, and content over the cap with invalid-ticket, keeping nothing', async () => {
    const { desk, store } = await loggedInDesk();
    const pendingBefore = store.outbox.pendingCount(AGENT);
    await expect(desk.raiseTicket(emergency(uuidv7()))).rejects.toMatchObject({ code: 'unknown-call' });
    await expect(desk.raiseTicket({ ...emergency(null), content: 'x'.repeat(1_000_000) })).rejects.toMatchObject({ code: 'invalid-ticket', message: expect.stringMatching(/20000/) });
    expect(store.tickets.list(AGENT)).toEqual([]);
    expect(store.outbox.pendingCount(AGENT)).toBe(pendingBefore);
  });

  it('shows a live change in the snapshot and announces the supervisor’s reply and the close', async () => {
    const { desk, notices, pushed } = await loggedInDesk();
    const raise = emergency(null);
    const { ticketId } = await desk.raiseTicket(raise);
    const payload = { ...raise, callAt: null, remoteNumber: '' };

    desk.ticketChanged(serverTicket(ticketId, AGENT, payload, T0, { status: 'assigned', updatedAt: T0 + 1_000 }));
    expect((await pushed()).tickets[0]).toMatchObject({ status: 'assigned', assignee: { agentId: '9001', name: '李主管' }, reply: null, updatedAt: T0 + 1_000 });
    expect(notices.filter((notice) => notice.code.startsWith('ticket-'))).toEqual([]);

    desk.ticketChanged(serverTicket(ticketId, AGENT, payload, T0, { status: 'answered', updatedAt: T0 + 2_000, reply: '已通知燃气公司抢修' }));
    expect((await pushed()).tickets[0]).toMatchObject({ status: 'answered', reply: { text: '已通知燃气公司抢修', by: { agentId: '9001' }, at: T0 + 2_000 } });
    expect(notices.at(-1)).toEqual({ level: 'info', code: 'ticket-replied', params: { by: '李主管', text: '已通知燃气公司抢修', ticket: '紧急、重大事件：客户称家中燃气泄漏' } });

    desk.ticketChanged(serverTicket(ticketId, AGENT, payload, T0, { status: 'closed', updatedAt: T0 + 3_000, reply: '已通知燃气公司抢修', replyAt: T0 + 2_000 }));
    expect((await pushed()).tickets[0]).toMatchObject({ status: 'closed' });
    expect(notices.at(-1)).toEqual({ level: 'info', code: 'ticket-closed', params: { by: '李主管', ticket: '紧急、重大事件：客户称家中燃气泄漏' } });
  });

  it('never lets an older state replace a newer one (a catch-up answered after a live push), nor announces it again', async () => {
    const { desk, notices } = await loggedInDesk();
    const raise = emergency(null);
    const { ticketId } = await desk.raiseTicket(raise);
    const payload = { ...raise, callAt: null, remoteNumber: '' };
    const answered = serverTicket(ticketId, AGENT, payload, T0, { status: 'answered', updatedAt: T0 + 2_000, reply: '稍后回电' });
    desk.ticketChanged(answered);
    desk.ticketChanged(serverTicket(ticketId, AGENT, payload, T0, { status: 'assigned', updatedAt: T0 + 1_000 }));
    desk.ticketChanged(answered);
    expect((await desk.getSnapshot()).tickets[0]).toMatchObject({ status: 'answered', reply: { text: '稍后回电' } });
    expect(notices.filter((notice) => notice.code === 'ticket-replied')).toHaveLength(1);
  });

  it('ignores another agent’s ticket on its channel', async () => {
    const { desk, store } = await loggedInDesk();
    desk.ticketChanged(serverTicket(uuidv7(), '1002', { ...emergency(null), callAt: null, remoteNumber: '' }, T0, { status: 'new', updatedAt: T0 }));
    expect(store.tickets.list('1002')).toEqual([]);
    expect((await desk.getSnapshot()).tickets).toEqual([]);
  });
});
