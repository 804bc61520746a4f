import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Lab } from '../../../lab';
import { startDeskRuntime } from '../../../main/desk-runtime';
import type { PromiseReminder } from '../../../main/desk/promise-reminders';
import type { WebSocketConstructor } from '../../../main/phone/sip-websocket-transport';
import { openDeskStore } from '../../../main/store/desk-store';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { useLabForSuite } from '../../support/lab-suite';
import type { LabSessions } from '../../support/node-desk';

/**
 * First-contact promises (首问责任制) and a shift handover (交接班) between two real desks (Node,
 * SQLite) and the lab's central server (PGlite): the promise a saved wrap-up makes reaches the
 * server; handed to a named colleague, it is announced live on the colleague's desk, accepted
 * there through the server (a second acceptance refused with who was first), and leaves the
 * giver's list; kept by its new owner, the server's state says kept on that desk.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

const HOUR = 3_600_000;

describe('promises and handovers between two desks and the server', () => {
  it('a promise made by a wrap-up is handed to a colleague, accepted there, and kept by its new owner', async () => {
    const giver = await sessions.loggedInDesk('1002');
    const receiver = await sessions.loggedInDesk('1003');
    expect(giver.latest().colleagues.map((colleague) => colleague.agentId)).toContain('1003');
    expect(giver.latest().colleagues.map((colleague) => colleague.agentId)).not.toContain('1002');

    // A call, and its wrap-up saved unresolved with a promised reply time: the promise.
    const { callId } = await sessions.connectedCall(giver, '1002', '13900001002');
    await giver.runtime.desk.hangup({ callId });
    await vi.waitFor(() => expect(giver.latest().state).toBe('wrapUp'), { timeout: 10_000 });
    const dueAt = Date.now() + 2 * HOUR;
    await giver.runtime.desk.saveWrapUp({ callId, disposition: 'repair', summary: '宽带断线，明天上门', customerName: '钱七', customerContact: '139 0000 1002', resolved: false, promisedReplyAt: dueAt });
    const promiseId = (await giver.runtime.desk.getSnapshot()).promises.find((promise) => promise.callId === callId)?.id;
    expect(promiseId).toBeDefined();
    await vi.waitFor(() => expect(giver.latest().promises.find((promise) => promise.id === promiseId)).toMatchObject({ status: 'open', pendingSync: false, dueAt }), { timeout: 10_000 });

    // Handed to 1003 by name: committed here, then on the server, then announced live on 1003's desk.
    const { handoverId } = await giver.runtime.desk.handOver({ to: { kind: 'agent', agentId: '1003' }, note: '交班：一件待回复', items: [{ kind: 'promise', id: promiseId!, note: '客户上午在家' }] });
    await vi.waitFor(() => expect(giver.latest().handovers.outgoing.find((handover) => handover.id === handoverId)?.status).toBe('sent'), { timeout: 10_000 });
    await vi.waitFor(() => expect(receiver.latest().handovers.incoming.map((handover) => handover.id)).toContain(handoverId), { timeout: 10_000 });
    expect(receiver.notices).toContainEqual({ level: 'info', code: 'handover-incoming', params: { from: expect.any(String), count: 1 } });
    expect(receiver.latest().handovers.incoming.find((handover) => handover.id === handoverId)).toMatchObject({ from: { agentId: '1002' }, items: [{ kind: 'promise', id: promiseId, note: '客户上午在家', open: true }] });
    await expect(giver.runtime.desk.keepPromise({ promiseId: promiseId!, note: '想自己办' })).rejects.toMatchObject({ code: 'unknown-promise' });

    // Accepted on 1003's desk: 1003 owns it; it leaves 1002's list, and so does the handover.
    await receiver.runtime.desk.acceptHandover({ handoverId });
    expect(receiver.notices).toContainEqual(expect.objectContaining({ code: 'handover-received', params: expect.objectContaining({ count: 1 }) }));
    const accepted = await receiver.runtime.desk.getSnapshot();
    expect(accepted.promises.find((promise) => promise.id === promiseId)).toMatchObject({ status: 'open', madeBy: { agentId: '1002' }, customerName: '钱七', handingOver: null });
    expect(accepted.handovers.incoming.map((handover) => handover.id)).not.toContain(handoverId);
    await vi.waitFor(() => expect(giver.latest().promises.map((promise) => promise.id)).not.toContain(promiseId), { timeout: 10_000 });
    await vi.waitFor(() => expect(giver.latest().handovers.outgoing.map((handover) => handover.id)).not.toContain(handoverId), { timeout: 10_000 });
    // The giver is told once who has the work now.
    expect(giver.notices.filter((notice) => notice.code === 'handover-taken')).toEqual([expect.objectContaining({ params: expect.objectContaining({ count: 1 }) })]);

    // Accepted already: the server says by whom; an unknown one is unknown.
    await expect(receiver.runtime.desk.acceptHandover({ handoverId })).rejects.toMatchObject({ code: 'handover-accepted', params: { by: expect.any(String) } });
    await expect(receiver.runtime.desk.acceptHandover({ handoverId: '0190d6d2-6b7e-7c2d-9d0e-00000000dead' })).rejects.toMatchObject({ code: 'unknown-handover' });

    // Kept by its new owner: the server's state says kept on that desk.
    await receiver.runtime.desk.keepPromise({ promiseId: promiseId!, note: '已电话回复，约明早上门' });
    await vi.waitFor(() => expect(receiver.latest().promises.find((promise) => promise.id === promiseId)).toMatchObject({ status: 'kept', kept: { note: '已电话回复，约明早上门' }, pendingSync: false }), { timeout: 10_000 });
    expect((await receiver.runtime.desk.getToday()).promises.open).toBe(0);
  }, 60_000);

  it('a handover to the next shift given while the colleague was logged out is caught up at their login, quietly, and accepted there', async () => {
    const giver = await sessions.loggedInDesk('1004');
    const { callId } = await sessions.connectedCall(giver, '1004', '13900001004');
    await giver.runtime.desk.hangup({ callId });
    await vi.waitFor(() => expect(giver.latest().state).toBe('wrapUp'), { timeout: 10_000 });
    await giver.runtime.desk.saveWrapUp({ callId, disposition: 'repair', summary: '需回电确认', customerName: '孙八', customerContact: '', resolved: false, promisedReplyAt: Date.now() + HOUR });
    const promiseId = (await giver.runtime.desk.getSnapshot()).promises.find((promise) => promise.callId === callId)!.id;
    const { handoverId } = await giver.runtime.desk.handOver({ to: { kind: 'nextShift' }, note: '下一班请接', items: [{ kind: 'promise', id: promiseId, note: '' }] });
    await vi.waitFor(() => expect(giver.latest().handovers.outgoing.find((handover) => handover.id === handoverId)?.status).toBe('sent'), { timeout: 10_000 });
    await giver.runtime.desk.logout();

    const next = await sessions.loggedInDesk('1005');
    await vi.waitFor(() => expect(next.latest().handovers.incoming.map((handover) => handover.id)).toContain(handoverId), { timeout: 10_000 });
    expect(next.notices.filter((notice) => notice.code === 'handover-incoming')).toEqual([]);
    await next.runtime.desk.acceptHandover({ handoverId });
    expect((await next.runtime.desk.getSnapshot()).promises.find((promise) => promise.id === promiseId)).toMatchObject({ customerName: '孙八', madeBy: { agentId: '1004' }, status: 'open' });

    // The giver, back: the catch-up says the promise is 1005's and the handover accepted.
    expect(giver.runtime.desk).toBeDefined();
    await giver.runtime.desk.login({ agentId: '1004', password: 'pw1004' });
    await vi.waitFor(
      async () => {
        const back = await giver.runtime.desk.getSnapshot();
        expect(back.promises.map((promise) => promise.id)).not.toContain(promiseId);
        expect(back.handovers.outgoing.map((handover) => handover.id)).not.toContain(handoverId);
      },
      { timeout: 10_000 },
    );
  }, 60_000);

  it('the runtime hands a reminder to the shell’s hook (the OS notification): an overdue promise at login, its due time on the center’s clock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-promise-hook-'));
    try {
      // A promise this desk made earlier, now overdue, never reminded (the desk was closed).
      const store = openDeskStore(join(dataDir, 'desk.sqlite'));
      const callId = uuidv7();
      const endedAt = Date.now() - 2 * HOUR;
      store.calls.recordFinished('1006', { callId, direction: 'inbound', remoteNumber: '13900001006', remoteDisplayName: '', offeredAt: endedAt - 60_000, answeredAt: endedAt - 55_000, endedAt, ringsAtAnswer: 1, endReason: 'remote-hangup', survey: null, surveySkipReason: null, transferredTo: null, transferKind: null, consultedWith: null, conference: false }, endedAt);
      const dueAt = Date.now() - HOUR;
      store.wrapUps.save('1006', { callId, disposition: 'repair', summary: '回电', customerName: '周九', customerContact: '', resolved: false, promisedReplyAt: dueAt }, endedAt + 1_000, '1006');
      store.close();

      const reminded: Array<PromiseReminder & { dueLabel: string }> = [];
      const runtime = await startDeskRuntime({ dataDir, serverUrl: lab.server.url, webSocket: WebSocket as unknown as WebSocketConstructor, onPromiseReminder: (reminder) => reminded.push(reminder) });
      try {
        await runtime.desk.login({ agentId: '1006', password: 'pw1006' });
        const offset = (await runtime.desk.getSnapshot()).policy!.shift.utcOffsetMinutes;
        expect(reminded).toEqual([{ kind: 'due', promiseId: expect.any(String), customer: '周九', number: '13900001006', dueAt, dueLabel: wallTimeLabel(dueAt, Date.now(), offset).time }]);
      } finally {
        await runtime.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
