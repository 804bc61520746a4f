import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { alertAckResponseSchema, alertListSchema, boardLoginResponseSchema, boardMessageSchema, defaultPolicy, type Alert, type BoardMessage, type SyncRecord } from '../../../src/contract';
import { backends } from './backends';
import { busyOverLimitRecord, login, missedRingRecord, request } from './desk-http';
import { liveUrl, openFrames, openLive, type FrameSocket } from './live-socket';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const MINUTE = 60_000;

function stateChange(agentId: string, occurredAt: number, from: string, to: string): SyncRecord {
  return { id: uuidv7(), agentId, kind: 'stateChange', occurredAt, payload: { from, to, busyReason: to === 'busy' ? 'break' : null, call: null } };
}

/**
 * The board's alerts (src/contract/alerts.ts): raised by the server from what desks record and
 * from what it sees itself, pushed to every board, kept until a supervisor acknowledges them, and
 * the acknowledgement pushed to the agent's desk. Both backends.
 */
describe.each(backends)('alerts on $name', (backend) => {
  const { clock, url } = useServerSuite(backend, {}, T0);

  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;
  const openBoard = async (token: string) => {
    const board = await openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
    expect((await board.next()).topic).toBe('seats');
    return { board, first: await board.next() };
  };
  const sync = (token: string, records: SyncRecord[]) => request(url(), 'POST', '/v1/sync', { token, json: { records } });
  /** The next alert frame about `agentId` (desks of other tests that never connected raise theirs too). */
  const nextAlert = async (board: FrameSocket<BoardMessage>, agentId: string): Promise<Alert> => {
    for (;;) {
      const message = await board.next();
      if (message.topic === 'alert' && message.alert.agentId === agentId) return message.alert;
    }
  };
  const alertsOfToday = async (token: string) => alertListSchema.parse((await request(url(), 'GET', '/v1/board/alerts', { token })).body).alerts;

  it("busy over the limit: raised with the record, pushed to the board, acknowledged once, and the agent's desk hears who and when", async () => {
    const token = await boardToken();
    const { board, first } = await openBoard(token);
    expect(first).toEqual({ topic: 'alerts', alerts: [] });
    const desk = await login(url(), '1001');
    const live = await openLive(url(), desk.token);

    const record = busyOverLimitRecord('1001', clock.now());
    expect((await sync(desk.token, [record])).status).toBe(200);
    const raised = await nextAlert(board, '1001');
    expect(raised).toMatchObject({ id: record.id, agentId: '1001', kind: 'busyOverLimit', raisedAt: clock.now(), acknowledged: null, details: { busyReason: 'meal', limitMs: 15 * MINUTE } });
    // Sent again (a retry): nothing new.
    await sync(desk.token, [record]);
    expect(await alertsOfToday(token)).toHaveLength(1);

    // Agents cannot acknowledge, not even with a desk token for the board's route.
    expect((await request(url(), 'POST', `/v1/board/alerts/${record.id}/ack`, { token: desk.token })).status).toBe(403);
    clock.advance(MINUTE);
    const ackedAt = clock.now();
    const acked = alertAckResponseSchema.parse((await request(url(), 'POST', `/v1/board/alerts/${record.id}/ack`, { token })).body).alert;
    expect(acked.acknowledged).toEqual({ by: '9001', byName: '主管9001', at: ackedAt });
    expect((await nextAlert(board, '1001')).acknowledged).toEqual(acked.acknowledged);
    await vi.waitFor(() => expect(live.messages).toContainEqual({ topic: 'alert', alert: acked }));

    // A second acknowledgement changes nothing.
    clock.advance(MINUTE);
    const again = alertAckResponseSchema.parse((await request(url(), 'POST', `/v1/board/alerts/${record.id}/ack`, { token: await boardToken() })).body).alert;
    expect(again.acknowledged).toEqual(acked.acknowledged);
    expect((await request(url(), 'POST', '/v1/board/alerts/no-such-alert/ack', { token })).status).toBe(404);

    // A desk that was away catches up on its own alerts; never on another agent's.
    const mine = alertListSchema.parse((await request(url(), 'GET', '/v1/agents/1001/alerts?since=0', { token: desk.token })).body).alerts;
    expect(mine.map((alert) => [alert.id, alert.acknowledged?.by])).toEqual([[record.id, '9001']]);
    const other = await login(url(), '1002');
    expect((await request(url(), 'GET', '/v1/agents/1001/alerts', { token: other.token })).status).toBe(403);
  });

  it('each missed offer is an alert; the third within the window is a repeated-misses alert too, once', async () => {
    const token = await boardToken();
    const desk = await login(url(), '1003');
    const { board } = await openBoard(token);
    for (let miss = 1; miss <= 4; miss++) {
      await sync(desk.token, [missedRingRecord('1003', clock.now())]);
      clock.advance(5 * MINUTE);
    }
    const ofMisses = (alert: Alert) => alert.agentId === '1003' && (alert.kind === 'missedOffer' || alert.kind === 'repeatedMisses');
    await vi.waitFor(() => expect(board.messages.filter((message) => message.topic === 'alert' && ofMisses(message.alert))).toHaveLength(5));
    const raised = (await alertsOfToday(token)).filter(ofMisses);
    expect(raised.map((alert) => alert.kind)).toEqual(['missedOffer', 'missedOffer', 'missedOffer', 'repeatedMisses', 'missedOffer']);
    expect(raised[0]?.details).toEqual({ maskedNumber: '138****5678', rings: 3 });
    expect(raised[3]?.details).toMatchObject({ count: 3 });
  });

  it('a wrap-up that ran to its limit is an alert; a shorter one is not', async () => {
    const token = await boardToken();
    const desk = await login(url(), '1004');
    const start = clock.now();
    await sync(desk.token, [stateChange('1004', start, 'talking', 'wrapUp'), stateChange('1004', start + defaultPolicy.wrapUpLimitMs - 1, 'wrapUp', 'ready')]);
    const later = start + 10 * MINUTE;
    const ending = stateChange('1004', later + defaultPolicy.wrapUpLimitMs, 'wrapUp', 'ready');
    await sync(desk.token, [stateChange('1004', later, 'talking', 'wrapUp'), ending]);
    const raised = (await alertsOfToday(token)).filter((alert) => alert.agentId === '1004' && alert.kind === 'wrapUpOverLimit');
    expect(raised).toMatchObject([{ id: ending.id, kind: 'wrapUpOverLimit', details: { wrapUpMs: defaultPolicy.wrapUpLimitMs, limitMs: defaultPolicy.wrapUpLimitMs } }]);
  });

  it('a desk ready or busy whose live connection stays lost is an alert at the limit, not a millisecond before', async () => {
    const token = await boardToken();
    const { board } = await openBoard(token);
    const desk = await login(url(), '1005');
    const live = await openLive(url(), desk.token);
    await vi.waitFor(() => expect(board.messages.at(-1)).toMatchObject({ topic: 'seat', seat: { agentId: '1005', link: { connected: true } } }));
    live.socket.close();
    await vi.waitFor(() => expect(board.messages.at(-1)).toMatchObject({ topic: 'seat', seat: { agentId: '1005', link: { connected: false } } }));
    const lostAt = clock.now();

    clock.advance(defaultPolicy.alerts.deskUnreachableAfterMs - 1);
    const quiet = await alertsOfToday(token);
    expect(quiet.filter((alert) => alert.kind === 'deskUnreachable' && alert.agentId === '1005')).toEqual([]);
    clock.advance(1);
    const alert = await nextAlert(board, '1005');
    expect(alert).toMatchObject({ agentId: '1005', kind: 'deskUnreachable', occurredAt: lostAt, details: { state: 'ready', since: lostAt } });

    // Back within the limit: nothing.
    const back = await openLive(url(), desk.token);
    back.socket.close();
    await vi.waitFor(() => expect(board.messages.at(-1)).toMatchObject({ topic: 'seat', seat: { agentId: '1005', link: { connected: false } } }));
    clock.advance(defaultPolicy.alerts.deskUnreachableAfterMs - 1);
    await openLive(url(), desk.token);
    clock.advance(defaultPolicy.alerts.deskUnreachableAfterMs);
    expect((await alertsOfToday(token)).filter((alert) => alert.kind === 'deskUnreachable' && alert.agentId === '1005')).toHaveLength(1);
  });

  it('a burst of failed logins of one 工号 and from one address is an alert each, once per window', async () => {
    const token = await boardToken();
    for (let attempt = 0; attempt < defaultPolicy.alerts.loginFailures + 1; attempt++) {
      await request(url(), 'POST', '/v1/login', { json: { agentId: '1006', password: 'guess', deviceId: 'desk-x' } });
    }
    const raised = (await alertsOfToday(token)).filter((alert) => alert.kind === 'loginFailures');
    expect(raised.map((alert) => [alert.agentId, alert.details.count])).toEqual([
      ['1006', 5],
      [null, 5],
    ]);
    expect(raised[1]?.details.address).toBe('127.0.0.1');
  });

  it("a board that connects gets the open alerts of earlier days; the day's history is a date away", async () => {
    const desk = await login(url(), '1007');
    await openLive(url(), desk.token);
    await sync(desk.token, [busyOverLimitRecord('1007', clock.now())]);
    clock.advance(24 * 60 * MINUTE);
    // A day later the morning's board session has run out: a new one.
    const fresh = await boardToken();
    const { first } = await openBoard(fresh);
    if (first.topic !== 'alerts') throw new Error(`expected alerts, got ${first.topic}`);
    expect(first.alerts.filter((alert) => alert.agentId === '1007').map((alert) => alert.kind)).toEqual(['busyOverLimit']);
    // Yesterday's acknowledged alerts are history (GET ?date=), not on a board that connects today.
    expect(first.alerts.some((alert) => alert.acknowledged !== null)).toBe(false);
    const yesterday = new Date(T0 + 8 * 60 * MINUTE).toISOString().slice(0, 10);
    const history = alertListSchema.parse((await request(url(), 'GET', `/v1/board/alerts?date=${yesterday}`, { token: fresh })).body).alerts;
    expect(history.find((alert) => alert.kind === 'busyOverLimit' && alert.agentId === '1001')?.acknowledged?.by).toBe('9001');
  });
});
