import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import {
  apiErrorSchema,
  boardLoginResponseSchema,
  boardMessageSchema,
  handoverAcceptResponseSchema,
  handoverListSchema,
  loginResponseSchema,
  promiseListSchema,
  ticketListSchema,
  type SyncRecord,
} from '../../../src/contract';
import { createAgent } from '../../../server/agents';
import { backends } from './backends';
import { callRecord, login, request, ticketRecord, wrapUpRecord } from './desk-http';
import { handoverFrames, handoverRecord, promiseFrames, promiseStepRecord, ticketFrames } from './handover-fixtures';
import { liveUrl, openFrames } from './live-socket';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * First-contact promises (首问责任制) and shift handovers (交接班), src/contract/promises.ts and
 * handovers.ts: made and changed by desks' records, handed over and accepted on the server, every
 * change kept in the history and pushed to the right desks and, masked, to every board. Both backends.
 */
describe.each(backends)('promises and handovers on $name', (backend) => {
  // The 30-day rule jumps a month ahead: sessions must outlive it here.
  const { clock, url, db, live } = useServerSuite(backend, { sessions: { idleMs: 90 * DAY, absoluteMs: 90 * DAY } }, T0);

  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;
  const openBoard = (token: string) => openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
  const sync = async (token: string, records: SyncRecord[]) => {
    const answer = await request<{ acknowledged: string[] }>(url(), 'POST', '/v1/sync', { token, json: { records } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.acknowledged).toEqual(records.map((record) => record.id));
  };
  const promisesOf = async (token: string, agentId: string, since = 0) => {
    const answer = await request(url(), 'GET', `/v1/agents/${agentId}/promises?since=${since}`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return promiseListSchema.parse(answer.body).promises;
  };
  const handoversOf = async (token: string, agentId: string, since = 0) => {
    const answer = await request(url(), 'GET', `/v1/agents/${agentId}/handovers?since=${since}`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return handoverListSchema.parse(answer.body).handovers;
  };
  const ticketsOf = async (token: string, agentId: string) => ticketListSchema.parse((await request(url(), 'GET', `/v1/agents/${agentId}/tickets`, { token })).body).tickets;
  const accept = (token: string, id: string) => request(url(), 'POST', `/v1/handovers/${id}/accept`, { token, json: {} });
  const accepted = async (token: string, id: string) => {
    const answer = await accept(token, id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return handoverAcceptResponseSchema.parse(answer.body);
  };
  const person = (agentId: string) => ({ agentId, name: agentId.startsWith('9') ? `主管${agentId}` : `坐席${agentId}` });

  it('an unresolved wrap-up with a promised time makes a promise with its call’s number; a resolved one or one without a time makes none; the owner’s desk hears it whole, every board masked', async () => {
    const token = await boardToken();
    const board = await openBoard(token);
    const desk = await login(url(), '1001');
    const deskLive = await live(desk.token);
    const other = await login(url(), '1002');
    const otherLive = await live(other.token);

    const at = clock.now() - 5_000;
    const call = callRecord('1001', at - 1_000, { remoteNumber: '13912345678' });
    const promised = wrapUpRecord('1001', at, { callId: call.payload.callId });
    const resolved = wrapUpRecord('1001', at, { resolved: true, promisedReplyAt: at + DAY });
    const untimed = wrapUpRecord('1001', at, { promisedReplyAt: null });
    // No call record on the server: no number. The summary is cut to 2,000 characters, never inside an emoji.
    const long = wrapUpRecord('1001', at + 1, { summary: `${'话'.repeat(1_999)}😀${'尾'.repeat(500)}` });
    await sync(desk.token, [call, promised, resolved, untimed, long]);

    const promises = await promisesOf(desk.token, '1001');
    expect(promises.map((promise) => promise.id).sort()).toEqual([promised.id, long.id].sort());
    const made = promises.find((promise) => promise.id === promised.id);
    expect(made).toEqual({
      id: promised.id,
      callId: call.payload.callId,
      madeBy: person('1001'),
      owner: person('1001'),
      dueAt: promised.payload.promisedReplyAt,
      madeAt: at,
      disposition: 'complaint',
      summary: promised.payload.summary,
      customerName: '张三',
      customerContact: '138 1234 5678',
      remoteNumber: '13912345678',
      status: 'open',
      kept: null,
      callbacks: [],
      pendingHandoverId: null,
      updatedAt: clock.now(),
      history: [{ kind: 'made', at, by: person('1001'), text: '', callId: null }],
    });
    const cut = promises.find((promise) => promise.id === long.id);
    expect(cut?.remoteNumber).toBe('');
    expect(cut?.summary).toBe('话'.repeat(1_999));

    await vi.waitFor(() => expect(promiseFrames(deskLive.messages, promised.id)).toEqual([made]));
    await vi.waitFor(() => expect(promiseFrames(board.messages, promised.id)).toEqual([{ ...made, remoteNumber: '139****5678' }]));
    const onBoard = promiseListSchema.parse((await request(url(), 'GET', '/v1/board/promises', { token })).body).promises;
    expect(onBoard.find((promise) => promise.id === promised.id)).toEqual({ ...made, remoteNumber: '139****5678' });
    expect(onBoard.map((promise) => promise.id)).not.toContain(resolved.id);
    // Nobody else's desk hears it, and nobody else reads it.
    expect(promiseFrames(otherLive.messages, promised.id)).toEqual([]);
    expect((await request(url(), 'GET', '/v1/agents/1001/promises', { token: other.token })).status).toBe(403);
    expect((await request(url(), 'GET', '/v1/board/promises', { token: desk.token })).status).toBe(403);
    expect(await promisesOf((await login(url(), '9001')).token, '1001')).toHaveLength(2);
    board.socket.terminate();
  });

  it('the owner’s steps: a callback is linked, kept is final; a step from another agent or after kept is only ignored; a batch sent twice changes nothing; an unknown promise is acknowledged', async () => {
    const desk = await login(url(), '1003');
    const deskLive = await live(desk.token);
    const other = await login(url(), '1004');
    const made = wrapUpRecord('1003', clock.now());
    await sync(desk.token, [made]);

    clock.advance(MINUTE);
    const callback = promiseStepRecord('1003', made.id, clock.now() - 100, { kind: 'calledBack' });
    const notMine = promiseStepRecord('1004', made.id, clock.now(), { kind: 'kept', note: '我替他办了' });
    await sync(desk.token, [callback]);
    await sync(other.token, [notMine]);
    // Sent again (the desk did not hear the first answer): stored once, applied once.
    await sync(desk.token, [callback]);

    clock.advance(MINUTE);
    const kept = promiseStepRecord('1003', made.id, clock.now() - 50, { kind: 'kept', note: '已回电，客户满意' });
    const afterKept = promiseStepRecord('1003', made.id, clock.now(), { kind: 'calledBack' });
    const unknown = promiseStepRecord('1003', uuidv7(), clock.now(), { kind: 'kept', note: '无此承诺' });
    await sync(desk.token, [kept, afterKept, unknown]);
    await sync(desk.token, [kept, afterKept, unknown]);

    const [promise] = await promisesOf(desk.token, '1003');
    expect(promise).toMatchObject({
      id: made.id,
      status: 'kept',
      owner: person('1003'),
      kept: { at: kept.occurredAt, by: person('1003'), note: '已回电，客户满意' },
      callbacks: [{ callId: callback.payload.callId, at: callback.occurredAt }],
      updatedAt: clock.now(),
    });
    expect(promise?.history.map((event) => [event.kind, event.by.agentId, event.at, event.callId])).toEqual([
      ['made', '1003', made.occurredAt, null],
      ['calledBack', '1003', callback.occurredAt, callback.payload.callId],
      ['ignored', '1004', notMine.occurredAt, null],
      ['kept', '1003', kept.occurredAt, null],
      ['ignored', '1003', afterKept.occurredAt, null],
    ]);
    expect(promise?.history[2]?.text).toMatch(/not own/);
    expect(promise?.history[3]?.text).toBe('已回电，客户满意');
    expect(promise?.history[4]?.text).toMatch(/kept/);
    const rows = await db().selectFrom('promise_events').select('seq').where('promise_id', '=', made.id).execute();
    expect(rows).toHaveLength(5);
    expect(await db().selectFrom('records').select('id').where('id', '=', unknown.id).execute()).toHaveLength(1);
    await vi.waitFor(() => expect(promiseFrames(deskLive.messages, made.id).at(-1)).toEqual(promise));
    // The other agent does not own it: it is not among theirs.
    expect(await promisesOf(other.token, '1004')).toEqual([]);
  });

  it('a handover to a colleague marks the giver’s open promises pending; the accept moves what is still open and the giver’s, with its history, and every desk concerned and every board hears it', async () => {
    const token = await boardToken();
    const board = await openBoard(token);
    const giver = await login(url(), '1005');
    const receiver = await login(url(), '1006');
    const stranger = await login(url(), '1007');
    const [giverLive, receiverLive, strangerLive] = [await live(giver.token), await live(receiver.token), await live(stranger.token)];

    const call = callRecord('1005', clock.now() - 2_000);
    const open = wrapUpRecord('1005', clock.now(), { callId: call.payload.callId, customerName: '李四', summary: '宽带报修，待回电' });
    const toKeep = wrapUpRecord('1005', clock.now());
    const ticket = ticketRecord('1005', clock.now());
    const toClose = ticketRecord('1005', clock.now());
    const strangers = wrapUpRecord('1007', clock.now());
    await sync(giver.token, [call, open, toKeep, ticket, toClose]);
    await sync(stranger.token, [strangers]);
    expect((await request(url(), 'POST', `/v1/board/tickets/${toClose.id}/close`, { token, json: { note: '已解决' } })).status).toBe(200);

    clock.advance(MINUTE);
    const missing = uuidv7();
    const handover = handoverRecord('1005', clock.now() - 10, '1006', [
      { kind: 'promise', id: open.id, note: '客户下午三点后方便' },
      { kind: 'promise', id: toKeep.id },
      { kind: 'ticket', id: ticket.id, note: '等主管回复' },
      { kind: 'ticket', id: toClose.id },
      // Not the giver's, and unknown: kept, never moved.
      { kind: 'promise', id: strangers.id },
      { kind: 'promise', id: missing },
    ]);
    await sync(giver.token, [handover]);
    await sync(giver.token, [handover]);
    const receivedAt = clock.now();

    const [given] = await handoversOf(giver.token, '1005');
    expect(given).toEqual({
      id: handover.id,
      from: person('1005'),
      to: { kind: 'agent', agent: person('1006') },
      note: '下班交接，请跟进',
      items: [
        { kind: 'promise', id: open.id, note: '客户下午三点后方便', title: '李四：宽带报修，待回电', dueAt: open.payload.promisedReplyAt, remoteNumber: '13812345678', open: true },
        { kind: 'promise', id: toKeep.id, note: 'promise 备注', title: `张三：${toKeep.payload.summary}`, dueAt: toKeep.payload.promisedReplyAt, remoteNumber: '', open: true },
        { kind: 'ticket', id: ticket.id, note: '等主管回复', title: ticket.payload.content, dueAt: ticket.payload.promisedReplyAt, remoteNumber: '13812345678', open: true },
        { kind: 'ticket', id: toClose.id, note: 'ticket 备注', title: toClose.payload.content, dueAt: toClose.payload.promisedReplyAt, remoteNumber: '13812345678', open: false },
        { kind: 'promise', id: strangers.id, note: 'promise 备注', title: '', dueAt: null, remoteNumber: '', open: false },
        { kind: 'promise', id: missing, note: 'promise 备注', title: '', dueAt: null, remoteNumber: '', open: false },
      ],
      handedAt: handover.occurredAt,
      receivedAt,
      status: 'pending',
      accepted: null,
      updatedAt: receivedAt,
    });
    expect(await handoversOf(receiver.token, '1006')).toEqual([given]);
    expect(await handoversOf(stranger.token, '1007')).toEqual([]);
    const pendingPromises = await promisesOf(giver.token, '1005');
    expect(pendingPromises.filter((promise) => promise.pendingHandoverId === handover.id).map((promise) => promise.id).sort()).toEqual([open.id, toKeep.id].sort());
    expect(pendingPromises.find((promise) => promise.id === open.id)?.history.at(-1)).toEqual({ kind: 'handedOver', at: handover.occurredAt, by: person('1005'), text: '客户下午三点后方便', callId: null });
    // The stranger's promise was not touched.
    const [strangersNow] = await promisesOf(stranger.token, '1007');
    expect(strangersNow).toMatchObject({ owner: person('1007'), pendingHandoverId: null });
    expect(strangersNow?.history).toHaveLength(1);
    await vi.waitFor(() => expect(handoverFrames(giverLive.messages, handover.id)).toEqual([given]));
    await vi.waitFor(() => expect(handoverFrames(receiverLive.messages, handover.id)).toEqual([given]));
    await vi.waitFor(() => expect(handoverFrames(board.messages, handover.id)).toHaveLength(1));
    expect(handoverFrames(board.messages, handover.id)[0]?.items.map((item) => item.remoteNumber)).toEqual(['138****5678', '', '138****5678', '138****5678', '', '']);
    const pendingOnBoard = handoverListSchema.parse((await request(url(), 'GET', '/v1/board/handovers?view=pending', { token })).body).handovers;
    expect(pendingOnBoard.find((one) => one.id === handover.id)?.items[0]?.remoteNumber).toBe('138****5678');

    // Kept by the giver before the receiver accepts: it stays the giver's.
    clock.advance(MINUTE);
    await sync(giver.token, [promiseStepRecord('1005', toKeep.id, clock.now(), { kind: 'kept', note: '已处理' })]);

    clock.advance(MINUTE);
    const answer = await accepted(receiver.token, handover.id);
    const acceptedAt = clock.now();
    expect(answer.handover).toMatchObject({ status: 'accepted', accepted: { by: person('1006'), at: acceptedAt }, updatedAt: acceptedAt });
    expect(answer.handover.items.map((item) => item.open)).toEqual([true, false, true, false, false, false]);
    expect(answer.promises.map((promise) => promise.id)).toEqual([open.id]);
    expect(answer.promises[0]).toMatchObject({ owner: person('1006'), madeBy: person('1005'), pendingHandoverId: null, status: 'open', updatedAt: acceptedAt, remoteNumber: '13812345678' });
    expect(answer.promises[0]?.history.slice(-2)).toEqual([
      { kind: 'handedOver', at: handover.occurredAt, by: person('1005'), text: '客户下午三点后方便', callId: null },
      { kind: 'accepted', at: acceptedAt, by: person('1006'), text: '', callId: null },
    ]);
    expect(answer.tickets.map((one) => one.id)).toEqual([ticket.id]);
    expect(answer.tickets[0]).toMatchObject({ agentId: '1005', owner: person('1006'), status: 'new', updatedAt: acceptedAt, remoteNumber: '13812345678' });
    expect(answer.tickets[0]?.history.at(-1)).toEqual({ kind: 'handedOver', at: acceptedAt, by: person('1006'), text: '等主管回复', assignee: null });

    // Finished items stayed as they were, and are no longer pending.
    const giversNow = await promisesOf(giver.token, '1005');
    expect(giversNow.find((promise) => promise.id === toKeep.id)).toMatchObject({ owner: person('1005'), status: 'kept', pendingHandoverId: null });
    // A promise the giver handed over comes with its new owner.
    expect(giversNow.find((promise) => promise.id === open.id)).toEqual(answer.promises[0]);
    expect((await ticketsOf(giver.token, '1005')).find((one) => one.id === toClose.id)?.owner).toEqual(person('1005'));
    // The ticket: its raiser and its new owner both read it.
    expect((await ticketsOf(giver.token, '1005')).find((one) => one.id === ticket.id)).toEqual(answer.tickets[0]);
    expect((await ticketsOf(receiver.token, '1006')).map((one) => one.id)).toEqual([ticket.id]);
    expect((await promisesOf(receiver.token, '1006')).map((promise) => promise.id)).toEqual([open.id]);
    expect(await promisesOf(stranger.token, '1007')).toEqual([strangersNow]);

    // Pushed: the handover, the moved promise and ticket to the giver and the receiver; masked to boards; nothing to the stranger.
    for (const desk of [giverLive, receiverLive]) {
      await vi.waitFor(() => expect(handoverFrames(desk.messages, handover.id).at(-1)).toEqual(answer.handover));
      await vi.waitFor(() => expect(promiseFrames(desk.messages, open.id).at(-1)).toEqual(answer.promises[0]));
      await vi.waitFor(() => expect(ticketFrames(desk.messages, ticket.id).at(-1)).toEqual(answer.tickets[0]));
    }
    await vi.waitFor(() => expect(handoverFrames(board.messages, handover.id).at(-1)?.status).toBe('accepted'));
    await vi.waitFor(() => expect(promiseFrames(board.messages, open.id).at(-1)).toEqual({ ...answer.promises[0], remoteNumber: '138****5678' }));
    await vi.waitFor(() => expect(ticketFrames(board.messages, ticket.id).at(-1)).toEqual({ ...answer.tickets[0], remoteNumber: '138****5678' }));
    await vi.waitFor(() => expect(promiseFrames(giverLive.messages, toKeep.id).at(-1)?.pendingHandoverId).toBeNull());
    expect(handoverFrames(strangerLive.messages, handover.id)).toEqual([]);
    expect(promiseFrames(strangerLive.messages, open.id)).toEqual([]);
    expect(ticketFrames(strangerLive.messages, ticket.id)).toEqual([]);

    // From now on the receiver keeps it; the giver's steps are ignored.
    clock.advance(MINUTE);
    await sync(giver.token, [promiseStepRecord('1005', open.id, clock.now(), { kind: 'kept', note: '我来' })]);
    await sync(receiver.token, [promiseStepRecord('1006', open.id, clock.now(), { kind: 'kept', note: '已回电' })]);
    const [final] = await promisesOf(receiver.token, '1006');
    expect(final).toMatchObject({ status: 'kept', kept: { by: person('1006'), note: '已回电' } });
    expect(final?.history.slice(-2).map((event) => [event.kind, event.by.agentId])).toEqual([
      ['ignored', '1005'],
      ['kept', '1006'],
    ]);
    // Once kept, the item is no longer open in the handover.
    expect((await handoversOf(receiver.token, '1006'))[0]?.items[0]?.open).toBe(false);
    // Handed on: the ticket's previous owner (not its raiser) hears it leave, and so does its raiser.
    clock.advance(MINUTE);
    const onward = handoverRecord('1006', clock.now(), '1007', [{ kind: 'ticket', id: ticket.id, note: '再交给你' }]);
    await sync(receiver.token, [onward]);
    const onwardAccepted = await accepted(stranger.token, onward.id);
    expect(onwardAccepted.tickets.map((one) => [one.id, one.owner])).toEqual([[ticket.id, person('1007')]]);
    for (const desk of [giverLive, receiverLive, strangerLive]) await vi.waitFor(() => expect(ticketFrames(desk.messages, ticket.id).at(-1)).toEqual(onwardAccepted.tickets[0]));
    expect((await ticketsOf(stranger.token, '1007')).map((one) => one.id)).toEqual([ticket.id]);
    const day = handoverListSchema.parse((await request(url(), 'GET', '/v1/board/handovers?view=day&date=2026-12-01', { token })).body).handovers;
    expect(day.map((one) => one.id)).toContain(handover.id);
    const dayBefore = handoverListSchema.parse((await request(url(), 'GET', '/v1/board/handovers?view=day&date=2026-11-30', { token })).body).handovers;
    expect(dayBefore).toEqual([]);
    expect(handoverListSchema.parse((await request(url(), 'GET', '/v1/board/handovers', { token })).body).handovers.map((one) => one.id)).not.toContain(handover.id);
    expect((await request(url(), 'GET', '/v1/board/handovers', { token: giver.token })).status).toBe(403);
    expect((await request(url(), 'GET', '/v1/board/handovers?view=week', { token })).status).toBe(400);
    board.socket.terminate();
  });

  it('accepting: 404 for an unknown handover, 403 for one to someone else or one’s own, 409 with who was first; to the next shift anyone but the giver, and every desk hears it', async () => {
    const giver = await login(url(), '1008');
    const named = await login(url(), '1009');
    const other = await login(url(), '1010');
    const otherLive = await live(other.token);
    const promise = wrapUpRecord('1008', clock.now());
    const second = wrapUpRecord('1008', clock.now());
    await sync(giver.token, [promise, second]);
    const toNamed = handoverRecord('1008', clock.now(), '1009', [{ kind: 'promise', id: promise.id }]);
    const toNext = handoverRecord('1008', clock.now(), 'nextShift', [{ kind: 'promise', id: second.id }]);
    await sync(giver.token, [toNamed, toNext]);
    // A next-shift handover reaches every desk; a named one only its two.
    await vi.waitFor(() => expect(handoverFrames(otherLive.messages, toNext.id)).toHaveLength(1));
    expect(handoverFrames(otherLive.messages, toNamed.id)).toEqual([]);
    expect((await handoversOf(other.token, '1010')).map((one) => one.id)).toEqual([toNext.id]);

    const error = (body: unknown) => apiErrorSchema.parse(body).error.code;
    const unknown = await accept(named.token, uuidv7());
    expect([unknown.status, error(unknown.body)]).toEqual([404, 'unknown-handover']);
    const notMine = await accept(other.token, toNamed.id);
    expect([notMine.status, error(notMine.body)]).toEqual([403, 'not-addressee']);
    for (const id of [toNamed.id, toNext.id]) {
      const own = await accept(giver.token, id);
      expect([own.status, error(own.body)]).toEqual([403, 'not-addressee']);
    }
    expect((await accept(named.token, 'not-a-uuid')).status).toBe(400);
    expect((await request(url(), 'POST', `/v1/handovers/${toNamed.id}/accept`, { json: {} })).status).toBe(401);
    // Nothing of the refusals changed anything.
    expect((await handoversOf(giver.token, '1008')).every((one) => one.status === 'pending')).toBe(true);

    await accepted(named.token, toNamed.id);
    const again = await accept(named.token, toNamed.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'handover-accepted', acceptedBy: person('1009') } });

    clock.advance(MINUTE);
    const bySomeone = await accepted(other.token, toNext.id);
    expect(bySomeone.handover.accepted?.by).toEqual(person('1010'));
    expect(bySomeone.promises.map((one) => [one.id, one.owner.agentId])).toEqual([[second.id, '1010']]);
    const late = await accept(named.token, toNext.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'handover-accepted', acceptedBy: person('1010') } });
    await vi.waitFor(() => expect(handoverFrames(otherLive.messages, toNext.id).at(-1)?.status).toBe('accepted'));
  });

  it('two accepts of one handover at the same moment: exactly one wins, the other hears who did; the items moved once', async () => {
    const giver = await login(url(), '1001', 'pw1001', 'desk-race');
    const promise = wrapUpRecord('1001', clock.now());
    await sync(giver.token, [promise]);
    const handover = handoverRecord('1001', clock.now(), 'nextShift', [{ kind: 'promise', id: promise.id }]);
    await sync(giver.token, [handover]);
    const takers = await Promise.all(['1002', '1003', '1004', '1005', '1006'].map((agentId) => login(url(), agentId, `pw${agentId}`, 'desk-race')));

    const answers = await Promise.all(takers.map((taker) => accept(taker.token, handover.id)));
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    const winner = handoverAcceptResponseSchema.parse(winners[0]?.body).handover.accepted?.by;
    const losers = answers.filter((answer) => answer.status === 409);
    expect(losers.map((answer) => answer.body)).toEqual(Array.from({ length: 4 }, () => ({ error: expect.objectContaining({ code: 'handover-accepted', acceptedBy: winner }) })));
    const events = await db().selectFrom('promise_events').select('kind').where('promise_id', '=', promise.id).where('kind', '=', 'accepted').execute();
    expect(events).toHaveLength(1);
    const owner = await db().selectFrom('promises').select('owner_id').where('id', '=', promise.id).executeTakeFirstOrThrow();
    expect(owner.owner_id).toBe(winner?.agentId);
  });

  it('colleagues at login: the other agents, by 工号, not supervisors and not oneself', async () => {
    await createAgent(db(), clock, { agentId: '1011', name: '坐席1011', password: 'pw1011', role: 'agent' });
    await createAgent(db(), clock, { agentId: '9002', name: '主管9002', password: 'pw9002', role: 'supervisor' });
    const answer = await request(url(), 'POST', '/v1/login', { json: { agentId: '1004', password: 'pw1004', deviceId: 'desk-colleagues' } });
    const { colleagues } = loginResponseSchema.parse(answer.body);
    expect(colleagues).toEqual(['1001', '1002', '1003', '1005', '1006', '1007', '1008', '1009', '1010', '1011'].map(person));
  });

  it('catching up: changes at or after `since`, oldest first, at most 500 an answer; a `since` older than 30 days counts from 30 days ago but brings every open promise and pending handover', async () => {
    // Two agents of their own: nothing the other cases did is theirs.
    await createAgent(db(), clock, { agentId: '2001', name: '坐席2001', password: 'pw2001', role: 'agent' });
    await createAgent(db(), clock, { agentId: '2002', name: '坐席2002', password: 'pw2002', role: 'agent' });
    const desk = await login(url(), '2001');
    const start = clock.now();
    const oldOpen = wrapUpRecord('2001', start);
    const oldKept = wrapUpRecord('2001', start);
    await sync(desk.token, [oldOpen, oldKept]);
    await sync(desk.token, [promiseStepRecord('2001', oldKept.id, start, { kind: 'kept', note: '已回电' })]);
    const colleague = await login(url(), '2002');
    const [theirs, theirsKept] = [wrapUpRecord('2002', start), wrapUpRecord('2002', start)];
    await sync(colleague.token, [theirs, theirsKept]);
    await sync(colleague.token, [promiseStepRecord('2002', theirsKept.id, start, { kind: 'kept', note: '已回电' })]);
    // One still pending (its promise stays 2002's), one accepted (it carried only a kept promise).
    const oldPending = handoverRecord('2002', start, '2001', [{ kind: 'promise', id: theirs.id }]);
    const oldDone = handoverRecord('2002', start, '2001', [{ kind: 'promise', id: theirsKept.id }]);
    await sync(colleague.token, [oldPending, oldDone]);
    expect((await accepted(desk.token, oldDone.id)).promises).toEqual([]);

    clock.advance(31 * DAY);
    const fresh = wrapUpRecord('2001', clock.now());
    await sync(desk.token, [fresh]);
    // Older than 30 days: from 30 days ago, plus whatever is still open (not the old kept one).
    const sinceZero = await promisesOf(desk.token, '2001', 0);
    expect(sinceZero.map((promise) => promise.id)).toEqual([oldOpen.id, fresh.id]);
    expect((await promisesOf(desk.token, '2001', clock.now() - 31 * DAY)).map((promise) => promise.id)).toEqual([oldOpen.id, fresh.id]);
    expect((await promisesOf(desk.token, '2001', clock.now() - 10 * DAY)).map((promise) => promise.id)).toEqual([fresh.id]);
    // At or after: the newest change comes again, nothing after it.
    expect((await promisesOf(desk.token, '2001', clock.now())).map((promise) => promise.id)).toEqual([fresh.id]);
    expect(await promisesOf(desk.token, '2001', clock.now() + 1)).toEqual([]);
    expect((await handoversOf(desk.token, '2001', 0)).map((one) => one.id)).toEqual([oldPending.id]);
    expect(await handoversOf(desk.token, '2001', clock.now() - 10 * DAY)).toEqual([]);
    expect((await request(url(), 'GET', '/v1/agents/2001/promises?since=-1', { token: desk.token })).status).toBe(400);

    // 501 promises over three batches: 500 in the first answer, the rest from its last change on.
    clock.advance(MINUTE);
    const many = Array.from({ length: 501 }, (_, index) => wrapUpRecord('2001', clock.now() + index));
    for (const batch of [many.slice(0, 200), many.slice(200, 400), many.slice(400)]) {
      await sync(desk.token, batch);
      clock.advance(1_000);
    }
    const since = clock.now() - 10_000;
    const first = await promisesOf(desk.token, '2001', since);
    expect(first).toHaveLength(500);
    expect(first.map((promise) => promise.updatedAt)).toEqual([...first.map((promise) => promise.updatedAt)].sort((a, b) => a - b));
    const last = first.at(-1)?.updatedAt ?? 0;
    const rest = await promisesOf(desk.token, '2001', last);
    const seen = new Set([...first, ...rest].map((promise) => promise.id));
    expect(many.every((record) => seen.has(record.id))).toBe(true);
    expect(rest.length).toBeLessThan(500);
  });
});
