import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../main/desk/desk';
import type { PromiseReminder } from '../../../main/desk/promise-reminders';
import type { SoftphoneEvents } from '../../../main/phone/softphone';
import { openDeskStore, type DeskStore } from '../../../main/store/desk-store';
import type { DeskNotice, DeskSnapshot } from '../../../src/contract/desk';
import type { HandoverAcceptResponse } from '../../../src/contract/handovers';
import { defaultPolicy, type Policy } from '../../../src/contract/policy';
import type { LoginResponse } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { DeskError } from '../../../src/rpc';
import { serverTicket } from '../../support/ticket-fixtures';
import { useTempDatabasePath } from '../store/temp-dir';
import { FakePhone } from './fake-phone';
import { quietDeskDeps } from './quiet-desk-deps';
import { anItem, LI, serverHandover, serverPromise, WANG, ZHAO } from './promise-fixtures';

/**
 * First-contact promises (首问责任制, DOMAIN.md rule 3) and shift handovers (交接班, rule 7) on the
 * desk: made with the wrap-up, reminded before and at the promised time by the injected clock (once,
 * across restarts), kept and called back with their records committed before the reply, handed to a
 * colleague or the next shift, and the server's states merged (older ignored, kept final, an owner
 * change takes the item off the list).
 */
const AGENT = WANG.agentId;
/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const MIN = 60_000;
const tempPath = useTempDatabasePath();
const stores: DeskStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) if (store.db.open) store.close();
});

function loginFor(policy: Policy): LoginResponse {
  return {
    token: 'session-token-of-1001',
    agent: WANG,
    policy,
    dispositions: [],
    directory: [],
    colleagues: [LI, ZHAO],
    sip: { wsServer: 'ws://127.0.0.1:5066', aor: `sip:${AGENT}@seatdesk.lab`, authorizationUsername: `9999999999:${AGENT}`, authorizationPassword: 'x', expiresAt: T0 + 3_600_000, displayName: WANG.name },
    serverTime: T0,
  };
}

interface DeskOptions {
  clock?: ManualClock;
  store?: DeskStore;
  policy?: Partial<Policy>;
  acceptHandover?: (token: string, handoverId: string) => Promise<HandoverAcceptResponse>;
  onPromiseReminder?: (reminder: PromiseReminder & { dueLabel: string }) => void;
}

async function loggedInDesk(options: DeskOptions = {}) {
  const clock = options.clock ?? new ManualClock(T0);
  const store = options.store ?? openDeskStore(':memory:');
  if (!stores.includes(store)) stores.push(store);
  const notices: DeskNotice[] = [];
  const snapshots: DeskSnapshot[] = [];
  const faults: Array<{ where: string; error: unknown }> = [];
  const reminders: Array<PromiseReminder & { dueLabel: string }> = [];
  const phones: FakePhone[] = [];
  let events: SoftphoneEvents | undefined;
  const desk = new Desk({
    ...quietDeskDeps(store, clock, async () => loginFor({ ...defaultPolicy, ...options.policy })),
    createPhone: (_login, phoneEvents) => {
      events = phoneEvents;
      const phone = new FakePhone();
      phones.push(phone);
      return phone;
    },
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onNotice: (notice) => notices.push(notice),
    onPromiseReminder: options.onPromiseReminder ?? ((reminder) => reminders.push(reminder)),
    ...(options.acceptHandover ? { acceptHandover: options.acceptHandover } : {}),
    reportFault: (where, error) => faults.push({ where, error }),
  });
  await desk.login({ agentId: AGENT, password: 'pw1001' });
  const sip = () => events!;
  /** A call taken and ended: the desk is in its wrap-up. */
  const endedCall = async (remoteNumber = '13812345678') => {
    const callId = uuidv7();
    sip().incoming({ callId, remoteNumber, remoteDisplayName: '张三' });
    await desk.answer({ callId });
    sip().established(callId);
    sip().ended(callId, 'remote-hangup');
    return callId;
  };
  /** A promise made by saving the wrap-up of a call unresolved, due at `dueAt`; its id is the wrap-up record's. */
  const promise = async (dueAt: number, customerName = '张三', remoteNumber = '13812345678') => {
    const callId = await endedCall(remoteNumber);
    await desk.saveWrapUp({ callId, disposition: 'repair', summary: '宽带断线\n第二行', customerName, customerContact: '0571 8765 4321', resolved: false, promisedReplyAt: dueAt });
    return { callId, promiseId: store.wrapUps.get(callId)!.id };
  };
  const reminderNotices = () => notices.filter((notice) => notice.code.startsWith('promise-'));
  return { clock, store, desk, sip, notices, reminderNotices, reminders, faults, phones, promise, endedCall, snapshot: () => desk.getSnapshot() };
}

describe('a promise is made with its wrap-up', () => {
  it('saved unresolved with a promised reply time: the promise under the wrap-up record’s id, shown open and pending', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { callId, promiseId } = await promise(T0 + 2 * 60 * MIN);
    expect(store.outbox.get(promiseId)).toMatchObject({ record: { kind: 'wrapUp', payload: { callId, resolved: false } }, ackedAt: null });
    expect((await desk.getSnapshot()).promises).toEqual([
      {
        id: promiseId,
        callId,
        dueAt: T0 + 2 * 60 * MIN,
        customerName: '张三',
        customerContact: '0571 8765 4321',
        remoteNumber: '13812345678',
        disposition: 'repair',
        summary: '宽带断线',
        status: 'open',
        kept: null,
        callbacks: 0,
        pendingSync: true,
        handingOver: null,
        madeBy: WANG,
      },
    ]);
    store.outbox.markAcked([promiseId], T0 + 1);
    expect((await desk.getSnapshot()).promises[0]?.pendingSync).toBe(false);
    expect((await desk.getToday()).promises).toEqual({ open: 1, overdue: 0 });
  });

  it('a resolved wrap-up promises nothing', async () => {
    const { desk, store, endedCall } = await loggedInDesk();
    const callId = await endedCall();
    await desk.saveWrapUp({ callId, disposition: 'inquiry', summary: '已解答', customerName: '', customerContact: '', resolved: true, promisedReplyAt: null });
    expect(store.promises.open(AGENT)).toEqual([]);
    expect((await desk.getSnapshot()).promises).toEqual([]);
  });
});

describe('reminders by the injected clock', () => {
  it('reminds soon at dueAt − 15 min exactly (not 1 ms before), due at dueAt, and nothing more after', async () => {
    const { clock, promise, reminderNotices, reminders } = await loggedInDesk();
    const dueAt = T0 + 60 * MIN;
    await promise(dueAt);
    const soonAt = dueAt - 15 * MIN;

    clock.advance(soonAt - 1 - clock.now());
    expect(reminderNotices()).toEqual([]);
    clock.advance(1);
    expect(reminderNotices()).toEqual([{ level: 'warning', code: 'promise-soon', params: { customer: '张三', number: '13812345678', dueAt } }]);
    // The OS notification says the due time on the center's clock (UTC+8).
    expect(reminders).toMatchObject([{ kind: 'soon', customer: '张三', number: '13812345678', dueAt, dueLabel: '11:00' }]);

    clock.advance(dueAt - 1 - clock.now());
    expect(reminderNotices()).toHaveLength(1);
    clock.advance(1);
    expect(reminderNotices().at(-1)).toEqual({ level: 'warning', code: 'promise-due', params: { customer: '张三', number: '13812345678', dueAt } });
    expect(reminders.map((reminder) => reminder.kind)).toEqual(['soon', 'due']);

    // Past the deadline, for days: nothing more.
    clock.advance(3 * 24 * 60 * MIN);
    expect(reminderNotices()).toHaveLength(2);
    expect(reminders).toHaveLength(2);
  });

  it('a short policy lead: soon exactly that long before; a lead of 0: only when due', async () => {
    const short = await loggedInDesk({ policy: { promiseRemindBeforeMs: 60_000 } });
    const dueAt = T0 + 30 * MIN;
    await short.promise(dueAt);
    short.clock.advance(dueAt - 60_000 - 1 - short.clock.now());
    expect(short.reminderNotices()).toEqual([]);
    short.clock.advance(1);
    expect(short.reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon']);
    short.clock.advance(60_000);
    expect(short.reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon', 'promise-due']);

    const none = await loggedInDesk({ policy: { promiseRemindBeforeMs: 0 } });
    await none.promise(dueAt);
    none.clock.advance(dueAt - 1 - none.clock.now());
    expect(none.reminderNotices()).toEqual([]);
    none.clock.advance(1);
    expect(none.reminderNotices().map((notice) => notice.code)).toEqual(['promise-due']);
  });

  it('several promises: each reminded at its own instants, in order, by one timer re-armed as they are made', async () => {
    const { clock, promise, reminderNotices } = await loggedInDesk();
    await promise(T0 + 90 * MIN, '晚的');
    await promise(T0 + 40 * MIN, '早的');
    clock.advance(T0 + 100 * MIN - clock.now());
    expect(reminderNotices().map((notice) => `${notice.code} ${notice.params?.customer}`)).toEqual(['promise-soon 早的', 'promise-due 早的', 'promise-soon 晚的', 'promise-due 晚的']);
  });

  it('gives no reminder again after a restart with the same store; one overdue while the desk was closed gets its due reminder at login, not also soon', async () => {
    const path = tempPath();
    const firstClock = new ManualClock(T0);
    const dueAt = T0 + 60 * MIN;
    const first = await loggedInDesk({ clock: firstClock, store: openDeskStore(path) });
    const soonPromise = await first.promise(dueAt, '先提醒');
    const latePromise = await first.promise(dueAt + 120 * MIN, '关机时到期');
    firstClock.advance(dueAt - 15 * MIN - firstClock.now());
    expect(first.reminderNotices().map((notice) => notice.params?.customer)).toEqual(['先提醒']);
    // Closed without a logout (a crash): the store is what remains.
    await first.desk.getSnapshot();
    await Promise.resolve();
    first.store.close();

    // The restart, 5 minutes later (the crashed process's timers are gone with it).
    const clock = new ManualClock(firstClock.now() + 5 * MIN);
    const second = await loggedInDesk({ clock, store: openDeskStore(path) });
    expect(second.reminderNotices()).toEqual([]);
    clock.advance(dueAt - clock.now());
    expect(second.reminderNotices()).toEqual([{ level: 'warning', code: 'promise-due', params: { customer: '先提醒', number: '13812345678', dueAt } }]);
    await second.desk.logout();
    // Logged out: the reminder timer is gone with the rest.
    expect(clock.pendingTimers).toBe(0);

    // Logged out: nobody is reminded; past the other promise's due time.
    clock.advance(dueAt + 121 * MIN - clock.now());
    expect(second.reminderNotices()).toHaveLength(1);
    await Promise.resolve();
    second.store.close();

    const third = await loggedInDesk({ clock, store: openDeskStore(path) });
    expect(third.reminderNotices()).toEqual([{ level: 'warning', code: 'promise-due', params: { customer: '关机时到期', number: '13812345678', dueAt: dueAt + 120 * MIN } }]);
    expect(third.store.promises.get(latePromise.promiseId)?.reminded).toEqual({ soon: true, due: true });
    expect(third.store.promises.get(soonPromise.promiseId)?.reminded).toEqual({ soon: true, due: true });
    clock.advance(24 * 60 * MIN);
    expect(third.reminderNotices()).toHaveLength(1);
  });

  it('a kept promise is reminded no more', async () => {
    const { clock, desk, promise, reminderNotices } = await loggedInDesk();
    const dueAt = T0 + 60 * MIN;
    const { promiseId } = await promise(dueAt);
    await desk.keepPromise({ promiseId, note: '已电话回复' });
    clock.advance(2 * 60 * MIN);
    expect(reminderNotices()).toEqual([]);
  });

  it('a failing shell hook or store never stops the desk, nor makes it repeat a reminder', async () => {
    const { clock, desk, store, promise, reminderNotices, faults } = await loggedInDesk({
      onPromiseReminder: () => {
        throw new Error('no notification service');
      },
    });
    const dueAt = T0 + 60 * MIN;
    await promise(dueAt);
    store.db.exec("CREATE TEMP TRIGGER reminded_fails BEFORE UPDATE OF reminded_soon, reminded_due ON promises BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    clock.advance(dueAt - 15 * MIN - clock.now());
    expect(reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon']);
    expect(faults.map((fault) => fault.where)).toEqual(expect.arrayContaining(['promise reminder hook', 'promise reminders: write down']));
    // Another change re-arms: the soon reminder is not given twice in this session.
    await promise(dueAt + 600 * MIN, '李四');
    clock.advance(15 * MIN);
    expect(reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon', 'promise-due']);
    await desk.setBusy({ reason: 'break' });
    expect((await desk.getSnapshot()).state).toBe('busy');
  });
});

describe('keeping a promise and calling back from it', () => {
  it('keeps with a promiseStep record committed before it resolves; kept stays in today’s list, newest first, after the open ones', async () => {
    const { desk, store, clock, promise } = await loggedInDesk();
    const first = await promise(T0 + 60 * MIN, '甲');
    const second = await promise(T0 + 30 * MIN, '乙');
    const third = await promise(T0 + 90 * MIN, '丙');
    clock.advance(MIN);
    await desk.keepPromise({ promiseId: first.promiseId, note: '已上门修好' });
    const keptAt = clock.now();
    clock.advance(MIN);
    await desk.keepPromise({ promiseId: third.promiseId, note: '客户自行恢复' });

    const steps = store.outbox.recordsBetween(AGENT, 0, Number.MAX_SAFE_INTEGER).filter((record) => record.kind === 'promiseStep');
    expect(steps).toEqual([
      expect.objectContaining({ agentId: AGENT, occurredAt: keptAt, payload: { promiseId: first.promiseId, step: 'kept', callId: null, note: '已上门修好' } }),
      expect.objectContaining({ payload: { promiseId: third.promiseId, step: 'kept', callId: null, note: '客户自行恢复' } }),
    ]);
    expect(store.outbox.get(steps[0]!.id)?.ackedAt).toBeNull();
    const listed = (await desk.getSnapshot()).promises;
    expect(listed.map((view) => [view.customerName, view.status])).toEqual([
      ['乙', 'open'],
      ['丙', 'kept'],
      ['甲', 'kept'],
    ]);
    expect(listed[2]).toMatchObject({ kept: { at: keptAt, note: '已上门修好' }, pendingSync: true });
    expect((await desk.getToday()).promises).toEqual({ open: 1, overdue: 0 });
    expect(second.promiseId).toBe(listed[0]?.id);

    // The center's next day: kept ones of yesterday are not listed.
    clock.advance(T0 + 14 * 60 * MIN + 1 - clock.now());
    expect((await desk.getSnapshot()).promises.map((view) => view.customerName)).toEqual(['乙']);
    expect((await desk.getToday()).promises).toEqual({ open: 1, overdue: 1 });
  });

  it('refuses promise-kept for a kept one and unknown-promise for one that is not the agent’s', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN);
    await desk.keepPromise({ promiseId, note: '已回复' });
    const pending = store.outbox.pendingCount(AGENT);
    await expect(desk.keepPromise({ promiseId, note: '再来一次' })).rejects.toMatchObject({ code: 'promise-kept' });
    await expect(desk.keepPromise({ promiseId: uuidv7(), note: 'x' })).rejects.toMatchObject({ code: 'unknown-promise' });
    // A colleague's promise this desk happens to hold.
    const colleagues = uuidv7();
    store.promises.applyServerState(serverPromise(colleagues, { callId: uuidv7(), dueAt: T0 + MIN, updatedAt: T0, madeBy: LI }), AGENT);
    await expect(desk.keepPromise({ promiseId: colleagues, note: 'x' })).rejects.toMatchObject({ code: 'unknown-promise' });
    expect(store.outbox.pendingCount(AGENT)).toBe(pending);
  });

  it('dials from a promise: once placed, a calledBack step with the new call id, committed; refused for a kept or unknown one without dialling', async () => {
    const { desk, store, phones, promise } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN);
    const other = await promise(T0 + 70 * MIN);
    const phone = phones.at(-1)!;
    const { callId } = await desk.dial({ number: '13812345678', promiseId });
    expect(phone.asked('dial')).toEqual([[callId, '13812345678']]);
    const step = store.outbox.recordsBetween(AGENT, 0, Number.MAX_SAFE_INTEGER).find((record) => record.kind === 'promiseStep');
    expect(step).toMatchObject({ payload: { promiseId, step: 'calledBack', callId, note: '' } });
    expect(store.outbox.get(step!.id)?.ackedAt).toBeNull();
    expect((await desk.getSnapshot()).promises[0]?.callbacks).toBe(1);
    await desk.hangup({ callId });

    await desk.keepPromise({ promiseId: other.promiseId, note: '已回复' });
    await expect(desk.dial({ number: '13812345678', promiseId: other.promiseId })).rejects.toMatchObject({ code: 'promise-kept' });
    await expect(desk.dial({ number: '13812345678', promiseId: uuidv7() })).rejects.toMatchObject({ code: 'unknown-promise' });
    expect(phone.asked('dial')).toHaveLength(1);
  });

  it('a dial the phone refuses links nothing', async () => {
    const { desk, store, phones, promise, notices } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN);
    phones.at(-1)!.failing.set('dial', new Error('transport closed'));
    await desk.dial({ number: '13812345678', promiseId });
    expect(notices.at(-1)).toMatchObject({ code: 'dial-failed' });
    expect(store.outbox.recordsBetween(AGENT, 0, Number.MAX_SAFE_INTEGER).filter((record) => record.kind === 'promiseStep')).toEqual([]);
  });
});

describe('handing over', () => {
  it('hands open promises and tickets to a colleague in one transaction; the items are read-only until accepted', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN);
    const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'normal', content: '客户投诉\n详情', customerName: '', customerContact: '', promisedReplyAt: T0 + 120 * MIN });

    const { handoverId } = await desk.handOver({
      to: { kind: 'agent', agentId: LI.agentId },
      note: '交班',
      items: [
        { kind: 'promise', id: promiseId, note: '下午回电' },
        { kind: 'ticket', id: ticketId, note: '等主管回复' },
      ],
    });
    expect(store.outbox.get(handoverId)).toMatchObject({
      record: { kind: 'handover', agentId: AGENT, payload: { to: { kind: 'agent', agentId: LI.agentId }, note: '交班', items: [{ kind: 'promise', id: promiseId }, { kind: 'ticket', id: ticketId }] } },
      ackedAt: null,
    });
    const snapshot = await desk.getSnapshot();
    expect(snapshot.colleagues).toEqual([LI, ZHAO]);
    expect(snapshot.handovers.incoming).toEqual([]);
    expect(snapshot.handovers.outgoing).toEqual([
      {
        id: handoverId,
        from: WANG,
        to: LI,
        note: '交班',
        items: [
          { kind: 'promise', id: promiseId, note: '下午回电', title: '张三 宽带断线', dueAt: T0 + 60 * MIN, remoteNumber: '13812345678', open: true },
          { kind: 'ticket', id: ticketId, note: '等主管回复', title: '客户投诉', dueAt: T0 + 120 * MIN, remoteNumber: '', open: true },
        ],
        handedAt: T0,
        status: 'pending',
      },
    ]);
    expect(snapshot.promises[0]?.handingOver).toEqual({ handoverId, to: LI });

    await expect(desk.keepPromise({ promiseId, note: 'x' })).rejects.toMatchObject({ code: 'unknown-promise' });
    await expect(desk.dial({ number: '13812345678', promiseId })).rejects.toMatchObject({ code: 'unknown-promise' });
    await expect(desk.handOver({ to: { kind: 'nextShift' }, note: '', items: [{ kind: 'ticket', id: ticketId, note: '' }] })).rejects.toMatchObject({ code: 'item-in-handover' });

    store.outbox.markAcked([handoverId], T0 + 10);
    expect((await desk.getSnapshot()).handovers.outgoing[0]?.status).toBe('sent');
  });

  it('refuses a colleague not in the login’s list, oneself, and items that are not the agent’s open ones, keeping nothing', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN);
    const kept = await promise(T0 + 70 * MIN);
    await desk.keepPromise({ promiseId: kept.promiseId, note: '已回复' });
    const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'normal', content: '已关闭的', customerName: '', customerContact: '', promisedReplyAt: null });
    store.tickets.applyServerState(serverTicket(ticketId, AGENT, { callId: null, severity: 'normal', content: '已关闭的', customerName: '', customerContact: '', callAt: null, remoteNumber: '', promisedReplyAt: null }, T0, { status: 'closed', updatedAt: T0 + 5 }));
    const othersTicket = uuidv7();
    store.tickets.applyServerState(serverTicket(othersTicket, LI.agentId, { callId: null, severity: 'normal', content: '李华的', customerName: '', customerContact: '', callAt: null, remoteNumber: '', promisedReplyAt: null }, T0, { status: 'new', updatedAt: T0 + 5 }));
    const pending = store.outbox.pendingCount(AGENT);
    const item = { kind: 'promise' as const, id: promiseId, note: '' };

    await expect(desk.handOver({ to: { kind: 'agent', agentId: '1999' }, note: '', items: [item] })).rejects.toMatchObject({ code: 'unknown-colleague' });
    await expect(desk.handOver({ to: { kind: 'agent', agentId: AGENT }, note: '', items: [item] })).rejects.toMatchObject({ code: 'unknown-colleague' });
    for (const bad of [
      { kind: 'promise' as const, id: uuidv7(), note: '' },
      { kind: 'promise' as const, id: kept.promiseId, note: '' },
      { kind: 'ticket' as const, id: ticketId, note: '' },
      { kind: 'ticket' as const, id: othersTicket, note: '' },
      { kind: 'ticket' as const, id: promiseId, note: '' },
    ]) {
      await expect(desk.handOver({ to: { kind: 'nextShift' }, note: '', items: [item, bad] }), `${bad.kind} ${bad.id}`).rejects.toMatchObject({ code: 'unknown-item' });
    }
    await expect(desk.handOver({ to: { kind: 'nextShift' }, note: '', items: [item, item] })).rejects.toMatchObject({ code: 'unknown-item' });
    expect(store.outbox.pendingCount(AGENT)).toBe(pending);
    expect((await desk.getSnapshot()).handovers.outgoing).toEqual([]);
    expect(store.handovers.pendingOf('promise', promiseId)).toBeNull();
  });

  it('accepts through the server: the items become the agent’s, the handover leaves the list, and the agent is told', async () => {
    const handoverId = uuidv7();
    const promiseId = uuidv7();
    const ticketId = uuidv7();
    const items = [anItem('promise', promiseId, { dueAt: T0 + 10 * MIN }), anItem('ticket', ticketId)];
    const offered = serverHandover(handoverId, { from: LI, to: WANG, items, handedAt: T0 - 60 * MIN, updatedAt: T0 - 60 * MIN });
    const asked: string[] = [];
    const { desk, notices, clock, reminderNotices } = await loggedInDesk({
      acceptHandover: async (token, id) => {
        asked.push(`${token} ${id}`);
        const ticketPayload = { callId: null, severity: 'normal' as const, content: '李华的疑难单', customerName: '', customerContact: '', callAt: null, remoteNumber: '', promisedReplyAt: null };
        return {
          handover: { ...offered, status: 'accepted', accepted: { by: WANG, at: T0 + 5 }, updatedAt: T0 + 5 },
          promises: [serverPromise(promiseId, { callId: uuidv7(), dueAt: T0 + 10 * MIN, updatedAt: T0 + 5, madeBy: LI, owner: WANG, customerName: '李华的客户' })],
          tickets: [{ ...serverTicket(ticketId, LI.agentId, ticketPayload, T0 - 120 * MIN, { status: 'assigned', updatedAt: T0 + 5 }), owner: WANG }],
        };
      },
    });
    desk.handoverChanged(offered, true);
    expect(notices.at(-1)).toEqual({ level: 'info', code: 'handover-incoming', params: { from: '李华', count: 2 } });
    expect((await desk.getSnapshot()).handovers.incoming).toMatchObject([{ id: handoverId, from: LI, to: WANG, status: 'pending', items }]);

    await desk.acceptHandover({ handoverId });
    expect(asked).toEqual([`session-token-of-1001 ${handoverId}`]);
    expect(notices.at(-1)).toEqual({ level: 'info', code: 'handover-received', params: { from: '李华', count: 2 } });
    const snapshot = await desk.getSnapshot();
    expect(snapshot.handovers.incoming).toEqual([]);
    expect(snapshot.promises).toMatchObject([{ id: promiseId, madeBy: LI, customerName: '李华的客户', status: 'open', pendingSync: false }]);
    expect(snapshot.tickets).toMatchObject([{ id: ticketId, content: '李华的疑难单', status: 'assigned' }]);
    // The promise handed over is reminded like the agent's own: it was due within the lead, so soon at once.
    expect(reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon']);
    clock.advance(10 * MIN);
    expect(reminderNotices().map((notice) => notice.code)).toEqual(['promise-soon', 'promise-due']);
  });

  it('passes on the server’s refusals as the contract’s DeskErrors, storing nothing', async () => {
    const refusal = { error: new DeskError('handover-accepted', 'someone else accepted the handover first', { by: '赵敏' }) as Error };
    const { desk, store } = await loggedInDesk({
      acceptHandover: async () => {
        throw refusal.error;
      },
    });
    const handoverId = uuidv7();
    await expect(desk.acceptHandover({ handoverId })).rejects.toMatchObject({ code: 'handover-accepted', params: { by: '赵敏' } });
    refusal.error = new TypeError('fetch failed');
    await expect(desk.acceptHandover({ handoverId })).rejects.toMatchObject({ code: 'server-unreachable' });
    expect(store.handovers.get(handoverId)).toBeNull();
  });

  it('a live incoming handover to the next shift is announced once; a catch-up, the agent’s own, and one for someone else are not', async () => {
    const { desk, notices } = await loggedInDesk();
    const toNextShift = serverHandover(uuidv7(), { from: ZHAO, to: 'nextShift', items: [anItem('promise', uuidv7())], handedAt: T0, updatedAt: T0 });
    desk.handoverChanged(toNextShift, true);
    desk.handoverChanged(toNextShift, true);
    desk.handoverChanged(serverHandover(uuidv7(), { from: ZHAO, to: WANG, items: [anItem('ticket', uuidv7())], handedAt: T0, updatedAt: T0 }), false);
    desk.handoverChanged(serverHandover(uuidv7(), { from: WANG, to: 'nextShift', items: [anItem('ticket', uuidv7())], handedAt: T0, updatedAt: T0 }), true);
    desk.handoverChanged(serverHandover(uuidv7(), { from: ZHAO, to: LI, items: [anItem('ticket', uuidv7())], handedAt: T0, updatedAt: T0 }), true);
    expect(notices.filter((notice) => notice.code === 'handover-incoming')).toEqual([{ level: 'info', code: 'handover-incoming', params: { from: '赵敏', count: 1 } }]);
    const snapshot = await desk.getSnapshot();
    expect(snapshot.handovers.incoming.map((handover) => handover.from.agentId)).toEqual([ZHAO.agentId, ZHAO.agentId]);
    expect(snapshot.handovers.outgoing.map((handover) => [handover.to, handover.status])).toEqual([['nextShift', 'sent']]);

    // Someone accepted it first: it leaves the list; an older pending state does not bring it back.
    desk.handoverChanged({ ...toNextShift, status: 'accepted', accepted: { by: LI, at: T0 + 9 }, updatedAt: T0 + 9 }, true);
    desk.handoverChanged(toNextShift, false);
    expect((await desk.getSnapshot()).handovers.incoming).toHaveLength(1);
  });
});

describe('the server’s states merged', () => {
  it('ignores an older state, keeps a kept one final, and takes a promise whose owner changed off the list', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { promiseId, callId } = await promise(T0 + 60 * MIN);

    desk.promiseChanged(serverPromise(promiseId, { callId, dueAt: T0 + 60 * MIN, updatedAt: T0 + 20, callbacks: [{ callId: uuidv7(), at: T0 + 10 }] }));
    desk.promiseChanged(serverPromise(promiseId, { callId, dueAt: T0 + 60 * MIN, updatedAt: T0 + 10 }));
    expect((await desk.getSnapshot()).promises[0]).toMatchObject({ callbacks: 1, status: 'open' });

    // Kept here, not acknowledged: a newer server `open` (the step not arrived yet) does not undo it.
    await desk.keepPromise({ promiseId, note: '已回复' });
    desk.promiseChanged(serverPromise(promiseId, { callId, dueAt: T0 + 60 * MIN, updatedAt: T0 + 30 }));
    expect((await desk.getSnapshot()).promises[0]).toMatchObject({ status: 'kept', kept: { note: '已回复' } });

    // Kept on the server: a later `open` never reopens it.
    const other = await promise(T0 + 90 * MIN, '李四');
    desk.promiseChanged(serverPromise(other.promiseId, { callId: other.callId, dueAt: T0 + 90 * MIN, updatedAt: T0 + 40, status: 'kept', kept: { at: T0 + 40, note: '另一座席已回复' }, customerName: '李四' }));
    desk.promiseChanged(serverPromise(other.promiseId, { callId: other.callId, dueAt: T0 + 90 * MIN, updatedAt: T0 + 50, customerName: '李四' }));
    expect(store.promises.get(other.promiseId)?.server?.status).toBe('kept');

    // Handed over and accepted by 李华: off this agent's list.
    const third = await promise(T0 + 100 * MIN, '王五');
    expect((await desk.getSnapshot()).promises.map((view) => view.id)).toContain(third.promiseId);
    desk.promiseChanged(serverPromise(third.promiseId, { callId: third.callId, dueAt: T0 + 100 * MIN, updatedAt: T0 + 60, owner: LI }));
    expect((await desk.getSnapshot()).promises.map((view) => view.id)).not.toContain(third.promiseId);
    expect((await desk.getToday()).promises.open).toBe(0);
  });

  it('ignores a promise neither made, owned nor held by the agent', async () => {
    const { desk, store } = await loggedInDesk();
    const id = uuidv7();
    desk.promiseChanged(serverPromise(id, { callId: uuidv7(), dueAt: T0, updatedAt: T0, madeBy: LI, owner: ZHAO }));
    expect(store.promises.get(id)).toBeNull();
  });

  it('a ticket handed to another leaves the agent’s list; one handed to the agent joins it', async () => {
    const { desk } = await loggedInDesk();
    const payload = { callId: null, severity: 'normal' as const, content: '我的疑难单', customerName: '', customerContact: '', callAt: null, remoteNumber: '', promisedReplyAt: null };
    const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'normal', content: '我的疑难单', customerName: '', customerContact: '', promisedReplyAt: null });
    desk.ticketChanged({ ...serverTicket(ticketId, AGENT, payload, T0, { status: 'assigned', updatedAt: T0 + 10 }), owner: LI });
    expect((await desk.getSnapshot()).tickets).toEqual([]);

    const theirs = uuidv7();
    desk.ticketChanged({ ...serverTicket(theirs, ZHAO.agentId, { ...payload, content: '赵敏的' }, T0, { status: 'new', updatedAt: T0 + 20 }), owner: WANG });
    expect((await desk.getSnapshot()).tickets.map((ticket) => ticket.content)).toEqual(['赵敏的']);
    // Someone else's, owned by someone else: not ours.
    desk.ticketChanged({ ...serverTicket(uuidv7(), ZHAO.agentId, payload, T0, { status: 'new', updatedAt: T0 + 30 }), owner: LI });
    expect((await desk.getSnapshot()).tickets).toHaveLength(1);
  });
});

describe('what a handover says of its items', () => {
  it('cuts an item’s title to the contract’s 200 characters, emoji and all, never splitting one', async () => {
    const { desk, store, promise } = await loggedInDesk();
    const { promiseId } = await promise(T0 + 60 * MIN, '😱'.repeat(64));
    const { ticketId } = await desk.raiseTicket({ callId: null, severity: 'normal', content: '🔥'.repeat(150), customerName: '', customerContact: '', promisedReplyAt: null });
    const { handoverId } = await desk.handOver({ to: { kind: 'nextShift' }, note: '', items: [{ kind: 'promise', id: promiseId, note: '' }, { kind: 'ticket', id: ticketId, note: '' }] });
    const [promiseTitle, ticketTitle] = store.handovers.get(handoverId)!.items.map((item) => item.title);
    expect(promiseTitle).toBe(`${'😱'.repeat(64)} 宽带断线`);
    // 120 emoji in the content's first line: 240 UTF-16 units, cut to 99 emoji and the ellipsis.
    expect(ticketTitle).toBe(`${'🔥'.repeat(99)}…`);
    expect(ticketTitle!.length).toBeLessThanOrEqual(200);
  });
});
