import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskNotice } from '../../../src/contract/desk';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { LoginResponse, SyncRecord } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { Desk } from '../../../main/desk/desk';
import { DeskRecords } from '../../../main/desk/desk-records';
import type { SoftphoneEvents } from '../../../main/phone/softphone';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import { FakePhone } from './fake-phone';

/**
 * The desk's brain with the three things around it it talks to: a recording phone (the seam to
 * SIP), the real store (SQLite in memory, through the real repositories) and a manual clock.
 */
const AGENT = '1001';
const T0 = Date.UTC(2026, 10, 23, 1, 0);
const stores: DeskStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function loginResponse(policy: Policy): LoginResponse {
  return {
    token: 'session-token-of-1001',
    agent: { agentId: AGENT, name: '王小明' },
    policy,
    dispositions: [],
    directory: [],
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: `sip:${AGENT}@seatdesk.lab`, authorizationUsername: `9999999999:${AGENT}`, authorizationPassword: 'x', expiresAt: T0 + 12 * 3_600_000, displayName: '王小明' },
    serverTime: T0,
  };
}

async function loggedInDesk(policy: Policy = defaultPolicy) {
  const clock = new ManualClock(T0);
  const store = openDeskStore(':memory:');
  stores.push(store);
  const phone = new FakePhone();
  const notices: DeskNotice[] = [];
  const faults: Array<{ where: string; error: unknown }> = [];
  const rang: Array<{ callId: string; remoteNumber: string; remoteDisplayName: string }> = [];
  let events: SoftphoneEvents | undefined;
  let kicks = 0;
  const desk = new Desk({
    clock,
    records: new DeskRecords(store),
    login: async () => loginResponse(policy),
    logout: async () => ({ serverTime: clock.now() }),
    renewSip: () => new Promise(() => {}),
    isSessionGone: () => false,
    attendanceToday: async () => null,
    createPhone: (_login, phoneEvents) => {
      events = phoneEvents;
      return phone;
    },
    sync: { start: () => {}, stop: async () => {}, kick: () => void kicks++, drain: async () => true },
    onSnapshot: () => {},
    onNotice: (notice) => notices.push(notice),
    reportFault: (where, error) => faults.push({ where, error }),
    onRing: (call) => rang.push(call),
  });
  await desk.login({ agentId: AGENT, password: 'pw1001' });
  const sip = events!;
  /** The records queued for the server, of one kind, oldest first. */
  const queued = <K extends SyncRecord['kind']>(kind: K) =>
    store.outbox.nextBatch(AGENT, 200, Number.MAX_SAFE_INTEGER).filter((record): record is Extract<SyncRecord, { kind: K }> => record.kind === kind);
  /** A customer calls: the softphone reports the INVITE. */
  const offer = (remoteNumber = '13812345678', remoteDisplayName = '张三') => {
    const callId = uuidv7();
    sip.incoming({ callId, remoteNumber, remoteDisplayName });
    return callId;
  };
  /** An offer answered by the agent and connected. */
  const talking = async () => {
    const callId = offer();
    await desk.answer({ callId });
    sip.established(callId);
    return callId;
  };
  return { clock, store, phone, notices, faults, rang, desk, sip, queued, offer, talking, kicks: () => kicks };
}

describe('Desk', () => {
  it('presents an offer while ready: 180 Ringing, ring 1 of 3, the caller shown', async () => {
    const { desk, phone, offer } = await loggedInDesk();
    const callId = offer();
    expect(phone.asked('ring')).toEqual([[callId]]);
    expect((await desk.getSnapshot()).call).toMatchObject({ id: callId, phase: 'ringing', ring: 1, maxRings: 3, remoteNumber: '13812345678', remoteDisplayName: '张三' });
  });

  it('tells the shell (the OS notification) about an offer the agent is shown, and not about one declined 486', async () => {
    const { desk, offer, rang } = await loggedInDesk();
    await desk.setBusy({ reason: 'meal' });
    offer('13900000001', '李四');
    expect(rang).toEqual([]);
    await desk.setReady();
    const presented = offer('13900000002', '王五');
    expect(rang).toEqual([{ callId: presented, remoteNumber: '13900000002', remoteDisplayName: '王五' }]);
  });

  it('declines an offer with 486 while busy, never rings, and records the declined offer', async () => {
    const { desk, phone, offer, queued, clock } = await loggedInDesk();
    await desk.setBusy({ reason: 'meeting' });
    clock.advance(1_000);
    const callId = offer('13900000001', '李四');
    expect(phone.asked('reject')).toEqual([[callId, 486]]);
    expect(phone.asked('ring')).toEqual([]);
    expect(queued('declinedOffer').map((record) => record.payload)).toEqual([
      { callId, remoteNumber: '13900000001', remoteDisplayName: '李四', offeredAt: T0 + 1_000, agentState: 'busy', sipStatus: 486 },
    ]);
    expect((await desk.getSnapshot()).state).toBe('busy');
  });

  it('answers on the ring the agent picked up, and is talking once SIP says established', async () => {
    const { desk, phone, offer, sip, clock } = await loggedInDesk();
    const callId = offer();
    clock.advance(7_000);
    await desk.answer({ callId });
    expect(phone.asked('answer')).toEqual([[callId]]);
    expect((await desk.getSnapshot()).call).toMatchObject({ phase: 'connecting', ringsAtAnswer: 2 });
    sip.established(callId);
    expect((await desk.getSnapshot()).call).toMatchObject({ phase: 'talking', ringsAtAnswer: 2, answeredAt: T0 + 7_000 });
  });

  it('lets an offer ring until the last millisecond before the deadline, then declines it 480 and pauses the agent', async () => {
    const { desk, phone, offer, queued, clock, notices } = await loggedInDesk();
    const callId = offer();
    clock.advance(14_999);
    expect((await desk.getSnapshot()).call).toMatchObject({ phase: 'ringing', ring: 3 });
    expect(phone.asked('reject')).toEqual([]);

    clock.advance(2);
    expect(phone.asked('reject')).toEqual([[callId, 480]]);
    const snapshot = await desk.getSnapshot();
    expect(snapshot).toMatchObject({ state: 'busy', busyReason: 'missed', stateSince: T0 + 15_000, call: null });
    expect(queued('missedRing').map((record) => record.payload)).toEqual([
      { callId, remoteNumber: '13812345678', remoteDisplayName: '张三', offeredAt: T0, deadline: T0 + 15_000, rings: 3, action: 'reject-and-pause' },
    ]);
    expect(notices).toContainEqual({ level: 'warning', code: 'missed-call', params: { rings: 3 } });
  });

  it('takes an answer at the deadline itself as too late: the offer has timed out, even before its wake-up ran', async () => {
    const { desk, phone, offer, clock } = await loggedInDesk();
    const callId = offer();
    clock.advance(15_000);
    await expect(desk.answer({ callId })).rejects.toMatchObject({ code: 'not-ringing' });
    expect(phone.asked('answer')).toEqual([]);
    expect(phone.asked('reject')).toEqual([[callId, 480]]);
    expect(await desk.getSnapshot()).toMatchObject({ state: 'busy', busyReason: 'missed', stateSince: T0 + 15_000 });
  });

  it('records the call when the customer hangs up and starts wrap-up; the saved wrap-up returns the agent to ready', async () => {
    const { desk, store, sip, talking, clock, queued } = await loggedInDesk();
    const callId = await talking();
    clock.advance(60_000);
    sip.ended(callId, 'remote-hangup');

    expect(store.calls.get(callId)).toMatchObject({ agentId: AGENT, answeredAt: T0, endedAt: T0 + 60_000, ringsAtAnswer: 1, endReason: 'remote-hangup', remoteDisplayName: '张三' });
    expect(queued('call').map((record) => record.payload.callId)).toEqual([callId]);
    expect(await desk.getSnapshot()).toMatchObject({ state: 'wrapUp', wrapUp: { callId, startedAt: T0 + 60_000, deadline: T0 + 120_000 } });

    await desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '咨询资费', customerName: '张三', customerContact: '13812345678', resolved: true, promisedReplyAt: null });
    expect(queued('wrapUp').map((record) => record.payload.callId)).toEqual([callId]);
    expect((await desk.getSnapshot()).state).toBe('ready');
  });

  it('hangs up through the phone when the agent ends the call', async () => {
    const { desk, phone, sip, talking, store } = await loggedInDesk();
    const callId = await talking();
    await desk.hangup({ callId });
    expect(phone.asked('hangup')).toEqual([[callId]]);
    sip.ended(callId, 'local-hangup');
    expect(store.calls.get(callId)).toMatchObject({ endReason: 'local-hangup' });
    expect((await desk.getSnapshot()).state).toBe('wrapUp');
  });

  it('keeps on the record the transfer the other side accepted, and forgets the one it refused', async () => {
    const { desk, phone, sip, talking, store } = await loggedInDesk();
    const refused = await talking();
    phone.failing.set('transfer', new Error('transfer refused: 603 Decline'));
    await expect(desk.transfer({ callId: refused, target: '8001' })).rejects.toMatchObject({ code: 'transfer-failed' });
    phone.failing.delete('transfer');
    await desk.hangup({ callId: refused });
    sip.ended(refused, 'local-hangup');
    expect(store.calls.get(refused)).toMatchObject({ transferredTo: null, transferKind: null });
    await desk.setReady();

    const accepted = await talking();
    await desk.endWithSurvey({ callId: accepted });
    expect(phone.asked('transfer').at(-1)).toEqual([accepted, '9999', { 'seatdesk-call': accepted }]);
    sip.ended(accepted, 'transferred');
    expect(store.calls.get(accepted)).toMatchObject({ survey: 'transferred', transferredTo: null, endReason: 'transferred' });
  });

  describe('when a record cannot be saved', () => {
    // Longer than any record allows: the store refuses it (the softphone caps names; this stands
    // for any record the store refuses).
    const unstorable = 'x'.repeat(200);

    it('still ends the call and starts wrap-up, tells the agent, and keeps the record in quarantine', async () => {
      const { desk, sip, offer, store, notices, faults, clock, phone } = await loggedInDesk();
      const callId = offer('13812345678', unstorable);
      await desk.answer({ callId });
      sip.established(callId);
      clock.advance(30_000);

      expect(() => sip.ended(callId, 'remote-hangup')).not.toThrow();
      expect(await desk.getSnapshot()).toMatchObject({ state: 'wrapUp', wrapUp: { callId } });
      expect(notices).toContainEqual({ level: 'error', code: 'record-not-saved' });
      expect(store.calls.get(callId)).toBeNull();
      const [kept, ...more] = store.quarantine.all(AGENT);
      expect(more).toEqual([]);
      expect(kept).toMatchObject({ kind: 'call', keptAt: T0 + 30_000, record: { callId, remoteDisplayName: unstorable, endReason: 'remote-hangup' } });
      expect(kept!.error).toMatch(/invalid-record/);
      expect(faults.map((fault) => fault.where)).toEqual(['record call']);

      // The rules go on: the next offer rings once wrap-up is over.
      clock.advance(60_001);
      expect((await desk.getSnapshot()).state).toBe('ready');
      const next = offer();
      expect(phone.asked('ring').at(-1)).toEqual([next]);
    });

    it('still declines a missed offer 480 from the ring-timeout wake-up and pauses the agent', async () => {
      const { desk, offer, phone, store, clock, notices } = await loggedInDesk();
      const callId = offer('13812345678', unstorable);
      expect(() => clock.advance(15_001)).not.toThrow();
      expect(phone.asked('reject')).toEqual([[callId, 480]]);
      expect(await desk.getSnapshot()).toMatchObject({ state: 'busy', busyReason: 'missed' });
      expect(store.quarantine.all(AGENT)).toMatchObject([{ kind: 'missedRing', record: { payload: { callId, remoteDisplayName: unstorable } } }]);
      expect(notices).toContainEqual({ level: 'error', code: 'record-not-saved' });
    });

    it('still declines an offer 486 while busy', async () => {
      const { desk, offer, phone, store } = await loggedInDesk();
      await desk.setBusy({ reason: 'break' });
      const callId = offer('13812345678', unstorable);
      expect(phone.asked('reject')).toEqual([[callId, 486]]);
      expect(store.quarantine.all(AGENT)).toMatchObject([{ kind: 'declinedOffer' }]);
    });
  });
});
