import { describe, expect, it, vi } from 'vitest';
import { alertListSchema, boardLoginResponseSchema, boardMessageSchema, ticketListSchema, ticketResponseSchema, type BoardMessage, type LiveMessage, type SyncRecord, type Ticket } from '../../../src/contract';
import { createAgent } from '../../../server/agents';
import { backends } from './backends';
import { login, request, ticketRecord } from './desk-http';
import { liveUrl, openFrames, type FrameSocket } from './live-socket';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const MINUTE = 60_000;

/**
 * Escalation tickets (疑难反馈单, src/contract/tickets.ts): raised by a desk's `ticket` record,
 * worked by supervisors on the board, every change kept in the history and pushed to the agent's
 * desk and to every board. Both backends.
 */
describe.each(backends)('escalation tickets on $name', (backend) => {
  const { clock, url, db, live } = useServerSuite(backend, {}, T0);

  const boardToken = async (agentId = '9001') =>
    boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId, password: `pw${agentId}` } })).body).token;
  const openBoard = (token: string) => openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
  const sync = (token: string, records: SyncRecord[]) => request(url(), 'POST', '/v1/sync', { token, json: { records } });
  const change = (token: string, id: string, what: 'assign' | 'reply' | 'close', json: unknown) => request(url(), 'POST', `/v1/board/tickets/${id}/${what}`, { token, json });
  const changed = async (token: string, id: string, what: 'assign' | 'reply' | 'close', json: unknown): Promise<Ticket> => {
    const answer = await change(token, id, what, json);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return ticketResponseSchema.parse(answer.body).ticket;
  };
  const openTickets = async (token: string) => ticketListSchema.parse((await request(url(), 'GET', '/v1/board/tickets?view=open', { token })).body).tickets;
  const ticketsOnDesk = (messages: LiveMessage[], id: string) => messages.flatMap((message) => (message.topic === 'ticket' && message.ticket.id === id ? [message.ticket] : []));
  const ticketsOnBoard = (board: FrameSocket<BoardMessage>, id: string) => board.messages.flatMap((message) => (message.topic === 'ticket' && message.ticket.id === id ? [message.ticket] : []));

  it('a synced ticket is listed with its raised event; assigned, answered and closed with who and when; the desk and every board hear each change', async () => {
    const token = await boardToken();
    const board = await openBoard(token);
    const desk = await login(url(), '1001');
    const deskLive = await live(desk.token);

    const record = ticketRecord('1001', clock.now() - 5_000);
    expect((await sync(desk.token, [record])).status).toBe(200);
    const listed = (await openTickets(token)).find((ticket) => ticket.id === record.id);
    expect(listed).toMatchObject({
      agentId: '1001',
      agentName: '坐席1001',
      severity: 'urgent',
      content: record.payload.content,
      customerName: '张三',
      customerContact: '138 1234 5678',
      callAt: record.payload.callAt,
      promisedReplyAt: record.payload.promisedReplyAt,
      // Boards see the customer's number masked (DOMAIN.md rule 8).
      remoteNumber: '138****5678',
      raisedAt: record.occurredAt,
      receivedAt: clock.now(),
      status: 'new',
      assignee: null,
      reply: null,
      updatedAt: clock.now(),
      history: [{ kind: 'raised', at: record.occurredAt, by: { agentId: '1001', name: '坐席1001' }, text: '', assignee: null }],
    });
    await vi.waitFor(() => expect(ticketsOnBoard(board, record.id)).toEqual([listed]));
    await vi.waitFor(() => expect(ticketsOnDesk(deskLive.messages, record.id).map((ticket) => ticket.status)).toEqual(['new']));
    // The desk gets its own number whole.
    expect(ticketsOnDesk(deskLive.messages, record.id)[0]?.remoteNumber).toBe('13812345678');

    clock.advance(MINUTE);
    const assigned = await changed(token, record.id, 'assign', { assignee: '9001' });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { agentId: '9001', name: '主管9001' }, updatedAt: clock.now() });
    expect(assigned.history.at(-1)).toEqual({ kind: 'assigned', at: clock.now(), by: { agentId: '9001', name: '主管9001' }, text: '', assignee: { agentId: '9001', name: '主管9001' } });

    clock.advance(MINUTE);
    const answered = await changed(token, record.id, 'reply', { text: '  已联系网络部，今天 17 点前上门  ' });
    expect(answered).toMatchObject({ status: 'answered', reply: { text: '已联系网络部，今天 17 点前上门', by: { agentId: '9001', name: '主管9001' }, at: clock.now() } });
    clock.advance(MINUTE);
    const followUp = await changed(token, record.id, 'reply', { text: '维修已改到明天上午' });
    expect(followUp.status).toBe('answered');
    expect(followUp.reply?.text).toBe('维修已改到明天上午');

    clock.advance(MINUTE);
    const closed = await changed(token, record.id, 'close', { note: '客户确认已修复' });
    expect(closed.status).toBe('closed');
    expect(closed.history.map((event) => [event.kind, event.at - T0, event.text])).toEqual([
      ['raised', -5_000, ''],
      ['assigned', MINUTE, ''],
      ['replied', 2 * MINUTE, '已联系网络部，今天 17 点前上门'],
      ['replied', 3 * MINUTE, '维修已改到明天上午'],
      ['closed', 4 * MINUTE, '客户确认已修复'],
    ]);

    await vi.waitFor(() => expect(ticketsOnDesk(deskLive.messages, record.id).map((ticket) => ticket.status)).toEqual(['new', 'assigned', 'answered', 'answered', 'closed']));
    await vi.waitFor(() => expect(ticketsOnBoard(board, record.id).at(-1)).toEqual(closed));
    expect(ticketsOnDesk(deskLive.messages, record.id).at(-1)).toEqual({ ...closed, remoteNumber: '13812345678' });

    // Closed is final; it has left the open queue, and is in its day's list.
    expect((await change(token, record.id, 'close', {})).status).toBe(409);
    expect((await change(token, record.id, 'reply', { text: '再补充一句' })).status).toBe(409);
    expect((await change(token, record.id, 'assign', { assignee: '9001' })).status).toBe(409);
    expect((await openTickets(token)).map((ticket) => ticket.id)).not.toContain(record.id);
    const day = ticketListSchema.parse((await request(url(), 'GET', '/v1/board/tickets?view=day&date=2026-12-01', { token })).body).tickets;
    expect(day.find((ticket) => ticket.id === record.id)).toEqual(closed);
    const dayBefore = ticketListSchema.parse((await request(url(), 'GET', '/v1/board/tickets?view=day&date=2026-11-30', { token })).body).tickets;
    expect(dayBefore).toEqual([]);

    // The desk catches up on what changed since a time, oldest change first.
    const since = async (ms: number) => ticketListSchema.parse((await request(url(), 'GET', `/v1/agents/1001/tickets?since=${ms}`, { token: desk.token })).body).tickets;
    expect((await since(0)).map((ticket) => [ticket.id, ticket.status])).toEqual([[record.id, 'closed']]);
    expect(await since(clock.now() + 1)).toEqual([]);
    board.socket.terminate();
  });

  it('an emergency raises an alert with the ticket’s id, stored with the ticket; a batch sent twice stores it once', async () => {
    const token = await boardToken();
    const desk = await login(url(), '1002');
    const record = ticketRecord('1002', clock.now(), { severity: 'emergency', content: `机房起火，${'情况紧急'.repeat(100)}`, remoteNumber: '02112345678' });
    for (const attempt of [1, 2]) {
      const answer = await sync(desk.token, [record]);
      expect(answer.status, `attempt ${attempt}: ${JSON.stringify(answer.body)}`).toBe(200);
    }

    const alerts = alertListSchema.parse((await request(url(), 'GET', '/v1/board/alerts', { token })).body).alerts.filter((alert) => alert.id === record.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'emergency', agentId: '1002', occurredAt: record.occurredAt, details: { severity: 'emergency', maskedNumber: '021****5678' } });
    const content = String(alerts[0]?.details.content);
    expect([...content].length).toBeLessThanOrEqual(200);
    expect(record.payload.content.startsWith(content.slice(0, -1))).toBe(true);

    const stored = (await openTickets(token)).filter((ticket) => ticket.id === record.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.history).toHaveLength(1);
    const rows = await db().selectFrom('ticket_events').select('seq').where('ticket_id', '=', record.id).execute();
    expect(rows).toHaveLength(1);
    // Only an emergency is an alert.
    const normal = ticketRecord('1002', clock.now(), { severity: 'normal' });
    await sync(desk.token, [normal]);
    expect(alertListSchema.parse((await request(url(), 'GET', '/v1/board/alerts', { token })).body).alerts.map((alert) => alert.id)).not.toContain(normal.id);
  });

  it('assigned only to a supervisor: to another supervisor by 工号, 404 for an unknown one, 400 for an agent', async () => {
    await createAgent(db(), clock, { agentId: '9002', name: '主管9002', password: 'pw9002', role: 'supervisor' });
    const token = await boardToken();
    const desk = await login(url(), '1003');
    const record = ticketRecord('1003', clock.now());
    await sync(desk.token, [record]);

    expect((await change(token, record.id, 'assign', { assignee: '4242' })).status).toBe(404);
    expect((await change(token, record.id, 'assign', { assignee: '1004' })).status).toBe(400);
    const toOther = await changed(token, record.id, 'assign', { assignee: '9002' });
    expect(toOther.assignee).toEqual({ agentId: '9002', name: '主管9002' });
    expect(toOther.history.at(-1)).toMatchObject({ kind: 'assigned', by: { agentId: '9001' }, assignee: { agentId: '9002' } });
    // The other supervisor answers it from their own board.
    const answered = await changed(await boardToken('9002'), record.id, 'reply', { text: '我来处理' });
    expect(answered.reply?.by).toEqual({ agentId: '9002', name: '主管9002' });
    // Refused changes wrote nothing.
    expect(answered.history.map((event) => event.kind)).toEqual(['raised', 'assigned', 'replied']);
  });

  it('refuses agents on board routes, other agents’ tickets, bad input and unknown tickets', async () => {
    const token = await boardToken();
    const desk = await login(url(), '1005');
    const other = await login(url(), '1006');
    const record = ticketRecord('1005', clock.now());
    await sync(desk.token, [record]);

    expect((await request(url(), 'GET', '/v1/board/tickets', { token: desk.token })).status).toBe(403);
    expect((await change(desk.token, record.id, 'reply', { text: '自己回复' })).status).toBe(403);
    expect((await change(desk.token, record.id, 'close', {})).status).toBe(403);
    expect((await request(url(), 'GET', '/v1/agents/1005/tickets', { token: other.token })).status).toBe(403);
    expect(ticketListSchema.parse((await request(url(), 'GET', '/v1/agents/1005/tickets', { token: desk.token })).body).tickets.map((ticket) => ticket.id)).toEqual([record.id]);
    // A supervisor reads anyone's (from a desk session, like the other /v1/agents reads).
    const supervisorDesk = await login(url(), '9001');
    expect(ticketListSchema.parse((await request(url(), 'GET', '/v1/agents/1005/tickets', { token: supervisorDesk.token })).body).tickets).toHaveLength(1);

    expect((await change(token, record.id, 'reply', { text: '   ' })).status).toBe(400);
    expect((await change(token, record.id, 'reply', { text: 'x'.repeat(2_001) })).status).toBe(400);
    expect((await change(token, record.id, 'assign', {})).status).toBe(400);
    expect((await change(token, 'not-a-uuid', 'close', {})).status).toBe(400);
    expect((await change(token, '0192f000-0000-7000-8000-000000000000', 'close', {})).status).toBe(404);
    expect((await request(url(), 'GET', '/v1/board/tickets?view=week', { token })).status).toBe(400);
    expect((await request(url(), 'GET', '/v1/agents/1005/tickets?since=-1', { token: desk.token })).status).toBe(400);
    const bad = ticketRecord('1005', clock.now(), { content: '' });
    expect((await sync(desk.token, [bad])).status).toBe(400);
    // Nothing of the refused requests changed it.
    expect((await openTickets(token)).find((ticket) => ticket.id === record.id)?.history).toHaveLength(1);
  });
});
