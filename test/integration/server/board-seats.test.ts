import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import {
  boardLoginResponseSchema,
  boardMessageSchema,
  boardSeatsSchema,
  type BoardMessage,
  type SeatPresence,
  type SyncRecord,
} from '../../../src/contract';
import { backends } from './backends';
import { callRecord, login, missedRingRecord, request } from './desk-http';
import { liveUrl, openFrames, openLive, type FrameSocket } from './live-socket';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);

function stateChange(agentId: string, occurredAt: number, to: string, extra: Partial<Extract<SyncRecord, { kind: 'stateChange' }>['payload']> = {}): SyncRecord {
  return { id: uuidv7(), agentId, kind: 'stateChange', occurredAt, payload: { from: 'ready', to, busyReason: null, call: null, ...extra } };
}

/**
 * The server's side of the supervisor board (src/contract/board.ts): board logins for supervisors
 * only, beside (never instead of) their desk session; every seat's presence from what desks
 * record and from their live sockets, pushed to board sockets as it changes. Both backends.
 */
describe.each(backends)('the board sees every seat, live, on $name', (backend) => {
  const { clock, url, restart } = useServerSuite(backend, {}, T0);

  const boardLogin = (agentId: string, password = `pw${agentId}`) => request(url(), 'POST', '/v1/board/login', { json: { agentId, password } });
  const boardToken = async () => {
    const answer = await boardLogin('9001');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return boardLoginResponseSchema.parse(answer.body).token;
  };
  const openBoard = (token: string) => openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
  const sync = (token: string, records: SyncRecord[]) => request(url(), 'POST', '/v1/sync', { token, json: { records } });
  /** The next frame about `agentId` (snapshots are skipped). */
  const nextSeat = async (board: FrameSocket<BoardMessage>, agentId: string): Promise<SeatPresence> => {
    for (;;) {
      const message = await board.next();
      if (message.topic === 'seat' && message.seat.agentId === agentId) return message.seat;
    }
  };

  it('a supervisor logs in to the board beside their desk session; an agent or a wrong password is refused', async () => {
    const desk = await login(url(), '9001');
    await boardToken();
    await boardToken();
    // The desk session is still the live one: a board is not a seat.
    expect((await request(url(), 'GET', '/v1/agents/9001/sessions', { token: desk.token })).status).toBe(200);
    expect((await sync(desk.token, [])).status).not.toBe(401);

    const agent = await boardLogin('1001');
    expect(agent.status).toBe(403);
    expect(agent.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await boardLogin('9001', 'wrong')).status).toBe(401);
    const failures = await request<{ failures: Array<{ agentId: string; reason: string }> }>(url(), 'GET', '/v1/login-failures', { token: desk.token });
    expect(failures.body.failures.filter((failure) => failure.agentId === '9001').map((failure) => failure.reason)).toEqual(['bad-password']);
  });

  it('a board session works only for the board, and a desk session never for the board', async () => {
    const board = await boardToken();
    expect((await sync(board, [stateChange('9001', clock.now(), 'ready')])).status).toBe(403);
    expect((await request(url(), 'POST', '/v1/sip-credentials', { token: board, json: {} })).status).toBe(403);
    // What supervisors read from the desk, they read from the board too.
    expect((await request(url(), 'GET', '/v1/agents/1001/events', { token: board })).status).toBe(200);

    const desk = await login(url(), '1002');
    expect((await request(url(), 'GET', '/v1/board/seats', { token: desk.token })).status).toBe(403);
    const supervisorDesk = await login(url(), '9001', 'pw9001', 'desk-9');
    expect((await request(url(), 'GET', '/v1/board/seats', { token: supervisorDesk.token })).status).toBe(403);
  });

  it('a board without a valid hello is cut off with 1008', async () => {
    const refused = await openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token: 'not-a-token' } });
    expect(await refused.closed).toMatchObject({ code: 1008 });
    const desk = await login(url(), '1003');
    const withDeskToken = await openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token: desk.token } });
    expect(await withDeskToken.closed).toMatchObject({ code: 1008 });
    const garbage = await openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: 'hello?' });
    expect(await garbage.closed).toMatchObject({ code: 1008 });
  });

  it('a seat goes from offline to ready, ringing, talking and wrap-up as its desk records it, pushed to the board', async () => {
    const board = await openBoard(await boardToken());
    const first = await board.next();
    if (first.topic !== 'seats') throw new Error(`expected the seats first, got ${first.topic}`);
    expect(first.seats.map((seat) => seat.agentId)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010']);
    expect(first.seats.find((seat) => seat.agentId === '1004')).toMatchObject({ name: '坐席1004', state: 'offline', loginAt: null, link: { connected: false } });

    const loginAt = clock.now();
    const desk = await login(url(), '1004');
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'ready', since: loginAt, loginAt, link: { connected: false, since: loginAt } });
    const live = await openLive(url(), desk.token);
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'ready', link: { connected: true } });

    const callId = uuidv7();
    clock.advance(60_000);
    const offeredAt = clock.now();
    await sync(desk.token, [stateChange('1004', offeredAt, 'ringing', { call: { callId, direction: 'inbound', remoteNumber: '13812345678' } })]);
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'ringing', since: offeredAt, call: { direction: 'inbound', maskedNumber: '138****5678', since: offeredAt } });
    clock.advance(4_000);
    await sync(desk.token, [stateChange('1004', clock.now(), 'talking', { from: 'ringing', call: { callId, direction: 'inbound', remoteNumber: '13812345678' } })]);
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'talking', call: { maskedNumber: '138****5678' } });
    clock.advance(120_000);
    const ended = clock.now();
    await sync(desk.token, [
      callRecord('1004', ended, { callId, offeredAt, answeredAt: offeredAt + 4_000, endedAt: ended, remoteNumber: '13812345678' }),
      stateChange('1004', ended, 'wrapUp', { from: 'talking' }),
    ]);
    const wrapUp = await nextSeat(board, '1004');
    expect(wrapUp).toMatchObject({ state: 'wrapUp', since: ended, call: null, today: { answered: 1, missed: 0 } });
    expect(wrapUp.today.offeredPerHour[10]).toBe(1);
    // No customer number reaches a board unmasked.
    expect(JSON.stringify(board.messages)).not.toContain('13812345678');

    live.socket.close();
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'wrapUp', link: { connected: false, since: clock.now() } });
    clock.advance(1_000);
    await request(url(), 'POST', '/v1/logout', { token: desk.token });
    expect(await nextSeat(board, '1004')).toMatchObject({ state: 'offline', since: clock.now(), loginAt: null, link: { connected: false, since: null } });
  });

  it('a batch sent twice counts once; busy time counts up to now', async () => {
    const desk = await login(url(), '1005');
    const missed = missedRingRecord('1005', clock.now());
    const batch = [stateChange('1005', clock.now(), 'busy', { busyReason: 'missed' }), missed];
    await sync(desk.token, batch);
    await sync(desk.token, batch);
    clock.advance(5 * 60_000);
    const seats = boardSeatsSchema.parse((await request(url(), 'GET', '/v1/board/seats', { token: await boardToken() })).body);
    expect(seats.seats.find((seat) => seat.agentId === '1005')).toMatchObject({ state: 'busy', busyReason: 'missed', today: { missed: 1, busyMs: 5 * 60_000 } });
  });

  it('after a restart the board sees the same seats, the live ones unreachable until their desks reconnect', async () => {
    const desk = await login(url(), '1006');
    await sync(desk.token, [stateChange('1006', clock.now(), 'busy', { busyReason: 'meal' })]);
    const restartedAt = clock.now();
    await restart();
    const token = await boardToken();
    const seats = boardSeatsSchema.parse((await request(url(), 'GET', '/v1/board/seats', { token })).body).seats;
    expect(seats.find((seat) => seat.agentId === '1006')).toMatchObject({ state: 'busy', busyReason: 'meal', link: { connected: false, since: restartedAt } });
    expect(seats.find((seat) => seat.agentId === '1005')).toMatchObject({ state: 'busy', today: { missed: 1 } });

    const board = await openBoard(token);
    await board.next();
    await openLive(url(), desk.token);
    await vi.waitFor(() => expect(board.messages.at(-1)).toMatchObject({ topic: 'seat', seat: { agentId: '1006', link: { connected: true } } }));
  });
});
