import { HistorySearch } from '../../../main/desk/history-search';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOutcomeRequest, SupervisorAction } from '../../../src/contract/actions';
import type { DeskNotice } from '../../../src/contract/desk';
import type { SessionEnded } from '../../../src/contract/live';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { LoginResponse, SyncRecord } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { Desk, type DeskDependencies } from '../../../main/desk/desk';
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
    colleagues: [],
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: `sip:${AGENT}@seatdesk.lab`, authorizationUsername: `9999999999:${AGENT}`, authorizationPassword: 'x', expiresAt: T0 + 12 * 3_600_000, displayName: '王小明' },
    serverTime: T0,
  };
}

async function loggedInDesk(policy: Policy = defaultPolicy, overrides: Partial<DeskDependencies> = {}) {
  const clock = new ManualClock(T0);
  const store = openDeskStore(':memory:');
  stores.push(store);
  const phone = new FakePhone();
  const notices: DeskNotice[] = [];
  const faults: Array<{ where: string; error: unknown }> = [];
  const rang: Array<{ callId: string; remoteNumber: string; remoteDisplayName: string }> = [];
  let events: SoftphoneEvents | undefined;
  let kicks = 0;
  let syncStops = 0;
  const outcomes: Array<{ actionId: string; outcome: ActionOutcomeRequest }> = [];
  const desk = new Desk({
    clock,
    records: new DeskRecords(store),
    login: async () => loginResponse(policy),
    logout: async () => ({ serverTime: clock.now() }),
    renewSip: () => new Promise(() => {}),
    sessionEndOf: () => null,
    attendanceToday: async () => null,
    reportActionOutcome: async (_token, _agentId, actionId, outcome) => void outcomes.push({ actionId, outcome }),
    createPhone: (_login, phoneEvents) => {
      events = phoneEvents;
      return phone;
    },
    sync: { start: () => {}, stop: async () => void syncStops++, kick: () => void kicks++, drain: async () => true },
    onSnapshot: () => {},
    onNotice: (notice) => notices.push(notice),
    reportFault: (where, error) => faults.push({ where, error }),
    onRing: (call) => rang.push(call),
    history: new HistorySearch({
      sources: { local: (agentId, query) => store.history.search(agentId, query), server: () => Promise.reject(new Error('no server in this test')) },
      clock: clock,
      serverTimeoutMs: 1_000,
      reportFault: () => {},
    }),
    ...overrides,
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
  return { clock, store, phone, notices, faults, rang, desk, sip, phoneEvents: () => events!, queued, offer, talking, outcomes, kicks: () => kicks, syncStops: () => syncStops };
}

describe('Desk', () => {
  it('presents an offer while ready: 180 Ringing, ring 1 of 3, the caller shown', async () => {
    const { desk, phone, offer } = await loggedInDesk();
    const callId = offer();
    expect(phone.asked('ring')).toEqual([[callId]]);
    expect((await desk.getSnapshot()).call).toMatchObject({ id: callId, phase: 'ringing', ring: 1, maxRings: 3, remoteNumber: '13812345678', remoteDisplayName: '张三' });
  });

  it('pushes the ringing prompt at once, before the offer is written down or 180 Ringing sent, and once more at the end of the turn', async () => {
    const pushed: Array<{ state: string; ringRecorded: boolean; rang: number }> = [];
    let ringRecorded: () => boolean = () => false;
    let phoneRef: FakePhone | undefined;
    const { offer, queued, phone } = await loggedInDesk(defaultPolicy, {
      onSnapshot: (snapshot) => pushed.push({ state: snapshot.state, ringRecorded: ringRecorded(), rang: phoneRef?.asked('ring').length ?? 0 }),
    });
    phoneRef = phone;
    ringRecorded = () => queued('stateChange').some((record) => record.payload.to === 'ringing');
    await Promise.resolve();
    pushed.length = 0;
    offer();
    // Synchronously, within the phone's report: the prompt is on its way before the record's commit and the 180.
    expect(pushed).toEqual([{ state: 'ringing', ringRecorded: false, rang: 0 }]);
    await Promise.resolve();
    expect(pushed).toEqual([
      { state: 'ringing', ringRecorded: false, rang: 0 },
      { state: 'ringing', ringRecorded: true, rang: 1 },
    ]);
  });

  it('records each state change with the call it is about, for the supervisor board', async () => {
    const { sip, queued, talking } = await loggedInDesk();
    const callId = await talking();
    sip.ended(callId, 'remote-hangup');
    const call = { callId, direction: 'inbound', remoteNumber: '13812345678' };
    expect(queued('stateChange').map((record) => [record.payload.to, record.payload.call])).toEqual([
      ['ready', null],
      ['ringing', call],
      ['talking', call],
      ['wrapUp', null],
    ]);
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

  it("lets the phone go first: the session's server traffic starts once the REGISTER is answered", async () => {
    const started: string[] = [];
    const { sip } = await loggedInDesk(defaultPolicy, {
      sync: { start: (token) => void started.push(`sync ${token}`), stop: async () => {}, kick: () => {}, drain: async () => true },
      attendanceToday: async () => (started.push('attendance'), null),
    });
    sip.registration('connecting', null);
    expect(started).toEqual([]);
    sip.registration('registered', null);
    expect(started).toEqual(['sync session-token-of-1001', 'attendance']);
    // Once: a re-REGISTER later starts nothing again.
    sip.registration('registered', null);
    expect(started).toHaveLength(2);
  });

  it('starts the server traffic a second after login when the PBX does not answer, and at a logout before that', async () => {
    const started: string[] = [];
    const deps = {
      sync: { start: () => void started.push('sync'), stop: async () => {}, kick: () => {}, drain: async () => true },
      attendanceToday: async () => (started.push('attendance'), null),
    };
    const silent = await loggedInDesk(defaultPolicy, deps);
    silent.clock.advance(999);
    expect(started).toEqual([]);
    silent.clock.advance(1);
    expect(started).toEqual(['sync', 'attendance']);

    started.length = 0;
    const leaving = await loggedInDesk(defaultPolicy, deps);
    await leaving.desk.logout();
    expect(started[0]).toBe('sync');
    leaving.clock.advance(5_000);
    expect(started.filter((what) => what === 'sync')).toHaveLength(1);
  });

  it("takes the server probe's word only while nobody is logged in: a session's own requests know better", async () => {
    const { desk } = await loggedInDesk();
    expect(desk.wantsServerProbe).toBe(false);
    desk.serverProbed(false);
    expect(await desk.getSnapshot()).toMatchObject({ serverReachable: true });

    await desk.logout();
    expect(desk.wantsServerProbe).toBe(true);
    desk.serverProbed(false);
    expect(await desk.getSnapshot()).toMatchObject({ agent: null, serverReachable: false });
    desk.serverProbed(true);
    expect(await desk.getSnapshot()).toMatchObject({ serverReachable: true });
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

  describe("a supervisor's action from the board", () => {
    const MINUTE = 60_000;
    const action = (id: string, requested: SupervisorAction['action']): SupervisorAction => ({
      id,
      agentId: AGENT,
      by: { agentId: '9001', name: '主管9001' },
      createdAt: T0,
      action: requested,
      outcome: null,
    });

    it('an approval stops the escalation until its end, then the desk escalates again; applied once, reported each time it comes', async () => {
      const { desk, clock, notices, outcomes, queued } = await loggedInDesk();
      await desk.setBusy({ reason: 'meeting' });
      // The desk wakes 1 ms after each instant of its rules.
      clock.advance(15 * MINUTE + 1);
      expect((await desk.getSnapshot()).busy).toMatchObject({ level: 'overLimit' });
      expect(queued('busyOverLimit')).toHaveLength(1);

      const until = clock.now() + 30 * MINUTE;
      const approval = action('a-1', { kind: 'approveBusy', until, note: '培训延长' });
      desk.supervisorAction(approval);
      expect((await desk.getSnapshot()).busy).toMatchObject({ level: 'ok', limitAt: until, approvedBy: { agentId: '9001', name: '主管9001', until, note: '培训延长' } });
      expect(notices).toContainEqual({ level: 'info', code: 'busy-approved', params: { by: '9001', minutesLeft: 30 } });
      // Delivered again (a catch-up after a reconnect): not applied again, reported again.
      desk.supervisorAction(approval);
      await Promise.resolve();
      expect(outcomes).toEqual([
        { actionId: 'a-1', outcome: { status: 'applied', reason: null } },
        { actionId: 'a-1', outcome: { status: 'applied', reason: null } },
      ]);

      clock.advance(30 * MINUTE - 1);
      expect((await desk.getSnapshot()).busy?.level).toBe('warning');
      expect(queued('busyOverLimit')).toHaveLength(1);
      clock.advance(2);
      expect((await desk.getSnapshot()).busy?.level).toBe('overLimit');
      expect(queued('busyOverLimit')).toHaveLength(2);
    });

    it('a seat left ready goes busy (away) with who did it; a seat in a call refuses, saying why', async () => {
      const { desk, notices, outcomes, talking } = await loggedInDesk();
      desk.supervisorAction(action('f-1', { kind: 'forceBusy', note: '' }));
      expect(await desk.getSnapshot()).toMatchObject({ state: 'busy', busyReason: 'away' });
      expect(notices).toContainEqual({ level: 'warning', code: 'forced-busy', params: { by: '9001' } });
      await desk.setReady();
      await talking();
      desk.supervisorAction(action('f-2', { kind: 'forceBusy', note: '' }));
      expect((await desk.getSnapshot()).state).toBe('talking');
      await Promise.resolve();
      expect(outcomes).toEqual([
        { actionId: 'f-1', outcome: { status: 'applied', reason: null } },
        { actionId: 'f-2', outcome: { status: 'refused', reason: 'not-ready' } },
      ]);
    });

    it("another agent's action is not this desk's", async () => {
      const { desk, outcomes } = await loggedInDesk();
      desk.supervisorAction({ ...action('x-1', { kind: 'forceBusy', note: '' }), agentId: '4242' });
      expect((await desk.getSnapshot()).state).toBe('ready');
      expect(outcomes).toEqual([]);
    });
  });

  describe('when the server ends the session', () => {
    const replaced: SessionEnded = { reason: 'replaced', endedAt: T0 + 5_000, byDeviceId: '0190f3a2-desk-in-room-2', byAgentId: null };
    const byAdmin: SessionEnded = { reason: 'admin', endedAt: T0 + 5_000, byDeviceId: null, byAgentId: '9001' };

    it('leaves the PBX, stops syncing and shows the login screen with the other desk and the time; the records wait in the outbox', async () => {
      const { desk, phone, queued, store, clock, syncStops } = await loggedInDesk();
      await desk.setBusy({ reason: 'meeting' });
      clock.advance(5_000);
      desk.sessionEnded(replaced);

      expect(phone.asked('stop')).toEqual([[]]);
      expect(syncStops()).toBe(1);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, state: 'offline', sessionEnd: replaced });
      expect(queued('stateChange').map((record) => record.payload.to)).toEqual(['ready', 'busy', 'offline']);
      expect(queued('attendance').map((record) => record.payload.event)).toEqual(['login', 'logout']);
      // Nothing of it was acknowledged: it goes at the next login.
      expect(store.outbox.pendingCount(AGENT)).toBe(5);
      await expect(desk.setReady()).rejects.toMatchObject({ code: 'not-logged-in' });

      await desk.login({ agentId: AGENT, password: 'pw1001' });
      expect(await desk.getSnapshot()).toMatchObject({ agent: { agentId: AGENT }, state: 'ready', sessionEnd: null });
      expect(store.outbox.pendingCount(AGENT)).toBe(7);
    });

    it('learns the same from a 401 of the outbox pump, with or without the server saying how', async () => {
      const { desk, phone, syncStops } = await loggedInDesk();
      desk.syncStatus({ pendingCount: 3, serverReachable: true, needsLogin: true, sessionEnded: byAdmin });
      expect(phone.asked('stop')).toEqual([[]]);
      expect(syncStops()).toBe(1);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, state: 'offline', sessionEnd: byAdmin });

      const refused = await loggedInDesk();
      refused.clock.advance(2_000);
      refused.desk.syncStatus({ pendingCount: 0, serverReachable: true, needsLogin: true });
      expect(await refused.desk.getSnapshot()).toMatchObject({
        agent: null,
        sessionEnd: { reason: 'refused', endedAt: T0 + 2_000, byDeviceId: null, byAgentId: null },
      });
    });

    it('lets a call in progress finish, and its wrap-up, taking no other call; then logs out', async () => {
      const { desk, phone, sip, talking, offer, queued, clock, rang } = await loggedInDesk();
      const callId = await talking();
      rang.length = 0;
      desk.sessionEnded(replaced);

      // The customer is not cut off: off the PBX, the call goes on.
      expect(phone.asked('unregister')).toEqual([[]]);
      expect(phone.asked('stop')).toEqual([]);
      expect(phone.asked('hangup')).toEqual([]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: { agentId: AGENT }, state: 'talking', call: { id: callId }, sessionEnd: replaced });
      // No other call: an offer is declined 486, never rung; no dialling out.
      const another = offer('13900000009', '赵六');
      expect(phone.asked('reject')).toEqual([[another, 486]]);
      expect(rang).toEqual([]);
      await expect(desk.dial({ number: '13900000010' })).rejects.toMatchObject({ code: 'session-ended' });
      await desk.hold({ callId, held: true });
      expect(phone.asked('hold')).toEqual([[callId, true]]);

      clock.advance(30_000);
      sip.ended(callId, 'remote-hangup');
      expect(await desk.getSnapshot()).toMatchObject({ agent: { agentId: AGENT }, state: 'wrapUp', sessionEnd: replaced });
      expect(phone.asked('stop')).toEqual([]);
      await desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '咨询资费', customerName: '张三', customerContact: '13812345678', resolved: true, promisedReplyAt: null });

      expect(phone.asked('stop')).toEqual([[]]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, state: 'offline', sessionEnd: replaced });
      expect(queued('call').map((record) => record.payload.callId)).toEqual([callId]);
      expect(queued('wrapUp').map((record) => record.payload.callId)).toEqual([callId]);
      expect(queued('declinedOffer').map((record) => record.payload.callId)).toEqual([another]);
    });

    it('sends an offer ringing at that moment back to the queue, and logs out at once', async () => {
      const { desk, phone, offer } = await loggedInDesk();
      const callId = offer();
      desk.sessionEnded(byAdmin);
      expect(phone.asked('reject')).toEqual([[callId, 486]]);
      expect(phone.asked('stop')).toEqual([[]]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, state: 'offline', call: null, sessionEnd: byAdmin });
    });

    it('keeps a wrap-up it found going until the wrap-up limit, then logs out', async () => {
      const { desk, phone, sip, talking, clock } = await loggedInDesk();
      const callId = await talking();
      sip.ended(callId, 'remote-hangup');
      desk.sessionEnded(replaced);
      expect(await desk.getSnapshot()).toMatchObject({ state: 'wrapUp', sessionEnd: replaced });
      clock.advance(defaultPolicy.wrapUpLimitMs - 1);
      expect(phone.asked('stop')).toEqual([]);
      clock.advance(2);
      expect(phone.asked('stop')).toEqual([[]]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, state: 'offline', sessionEnd: replaced });
    });

    it('takes a second report of the end, or a late 401, as the same end, during a call and after', async () => {
      const { desk, phone, sip, talking, queued, faults, syncStops } = await loggedInDesk();
      const callId = await talking();
      const reportAgain = () => {
        desk.sessionEnded({ ...byAdmin, endedAt: T0 + 9_000 });
        desk.syncStatus({ pendingCount: 3, serverReachable: true, needsLogin: true, sessionEnded: null });
        desk.sessionEnded(null);
      };
      desk.sessionEnded(replaced);
      reportAgain();
      expect(phone.asked('unregister')).toEqual([[]]);
      expect(syncStops()).toBe(1);
      expect(await desk.getSnapshot()).toMatchObject({ state: 'talking', sessionEnd: replaced });

      sip.ended(callId, 'remote-hangup');
      await desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '', customerName: '', customerContact: '', resolved: true, promisedReplyAt: null });
      const recorded = queued('stateChange').length;
      reportAgain();
      expect(phone.asked('stop')).toEqual([[]]);
      expect(syncStops()).toBe(1);
      expect(queued('stateChange')).toHaveLength(recorded);
      expect(queued('attendance').map((record) => record.payload.event)).toEqual(['login', 'logout']);
      expect(faults).toEqual([]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, sessionEnd: replaced });
    });

    it('learns it from a refused SIP credential renewal too', async () => {
      const gone = new Error('401 session-ended');
      const { desk, phone, clock } = await loggedInDesk(defaultPolicy, {
        renewSip: async () => {
          throw gone;
        },
        sessionEndOf: (error) => (error === gone ? byAdmin : null),
      });
      // 12 h credentials are renewed 9 h in.
      clock.advance(9 * 3_600_000);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(phone.asked('renewCredentials')).toEqual([]);
      expect(phone.asked('stop')).toEqual([[]]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, sessionEnd: byAdmin });
    });

    it('is not fooled by the 401 of an earlier session arriving after the agent logged in again', async () => {
      const gone = new Error('401 session-ended');
      const attendance: Array<(error: Error) => void> = [];
      const { desk, phone, sip, phoneEvents } = await loggedInDesk(defaultPolicy, {
        attendanceToday: () => new Promise((_resolve, reject) => attendance.push(reject)),
        sessionEndOf: (error) => (error === gone ? replaced : null),
      });
      sip.registration('registered', null);
      desk.sessionEnded(replaced);
      await desk.login({ agentId: AGENT, password: 'pw1001' });
      phoneEvents().registration('registered', null);
      expect(attendance).toHaveLength(2);
      attendance[0]!(gone);
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(phone.asked('stop')).toEqual([[]]);
      expect(await desk.getSnapshot()).toMatchObject({ agent: { agentId: AGENT }, state: 'ready', sessionEnd: null });
      // The same answer to the current session's request ends it.
      attendance[1]!(gone);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await desk.getSnapshot()).toMatchObject({ agent: null, sessionEnd: replaced });
    });
  });
});
