import { describe, expect, it, vi } from 'vitest';
import { boardLoginResponseSchema, boardMessageSchema, supervisorActionListSchema, supervisorActionResponseSchema, type SupervisorAction } from '../../../src/contract';
import { backends } from './backends';
import { login, request } from './desk-http';
import { liveUrl, openFrames, openLive } from './live-socket';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const MINUTE = 60_000;

/**
 * Supervisors' actions on seats (src/contract/actions.ts): recorded by the server, delivered live
 * to the agent's desk, the desk's report on how it took it pushed to every board. Both backends.
 */
describe.each(backends)('supervisor actions on $name', (backend) => {
  const { clock, url } = useServerSuite(backend, {}, T0);
  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;
  const act = (token: string, agentId: string, json: unknown) => request(url(), 'POST', `/v1/board/agents/${agentId}/actions`, { token, json });

  it('an approval reaches the desk at once; the desk says it applied it; every board hears both, with who did it', async () => {
    const token = await boardToken();
    const board = await openFrames(liveUrl(url(), '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
    await vi.waitFor(() => expect(board.messages.map((message) => message.topic)).toEqual(['seats', 'alerts', 'actions']));
    const desk = await login(url(), '1001');
    const live = await openLive(url(), desk.token);

    const until = clock.now() + 30 * MINUTE;
    const created = await act(token, '1001', { kind: 'approveBusy', until, note: '参加培训' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const { action } = supervisorActionResponseSchema.parse(created.body);
    expect(action).toMatchObject({ agentId: '1001', by: { agentId: '9001', name: '主管9001' }, createdAt: clock.now(), action: { kind: 'approveBusy', until, note: '参加培训' }, outcome: null });
    await vi.waitFor(() => expect(live.messages).toContainEqual({ topic: 'action', action }));
    await vi.waitFor(() => expect(board.messages).toContainEqual({ topic: 'action', action }));

    // Until the desk reports, a desk that reconnects finds it pending.
    const pending = (await request(url(), 'GET', '/v1/agents/1001/actions', { token: desk.token })).body;
    expect(supervisorActionListSchema.parse(pending).actions.map((pendingAction: SupervisorAction) => pendingAction.id)).toEqual([action.id]);

    clock.advance(500);
    const reported = await request(url(), 'POST', `/v1/agents/1001/actions/${action.id}/outcome`, { token: desk.token, json: { status: 'applied' } });
    const withOutcome = supervisorActionResponseSchema.parse(reported.body).action;
    expect(withOutcome.outcome).toEqual({ status: 'applied', reason: null, at: clock.now() });
    await vi.waitFor(() => expect(board.messages.at(-1)).toEqual({ topic: 'action', action: withOutcome }));
    // A second report (after a reconnect) changes nothing.
    clock.advance(500);
    const again = await request(url(), 'POST', `/v1/agents/1001/actions/${action.id}/outcome`, { token: desk.token, json: { status: 'refused', reason: 'not-busy' } });
    expect(supervisorActionResponseSchema.parse(again.body).action.outcome).toEqual(withOutcome.outcome);
    expect(supervisorActionListSchema.parse((await request(url(), 'GET', '/v1/agents/1001/actions', { token: desk.token })).body).actions).toEqual([]);
    expect(supervisorActionListSchema.parse((await request(url(), 'GET', '/v1/board/actions', { token })).body).actions.map((listed) => listed.outcome?.status)).toEqual(['applied']);
  });

  it('only supervisors act, only on agents, an approval only into the future; only the agent’s own desk reports', async () => {
    const token = await boardToken();
    const desk = await login(url(), '1002');
    expect((await act(desk.token, '1002', { kind: 'forceBusy' })).status).toBe(403);
    expect((await act(token, '4242', { kind: 'forceBusy' })).status).toBe(404);
    expect((await act(token, '9001', { kind: 'forceBusy' })).status).toBe(404);
    expect((await act(token, '1002', { kind: 'approveBusy', until: clock.now() })).status).toBe(400);
    expect((await act(token, '1002', { kind: 'fireAgent' })).status).toBe(400);

    const { action } = supervisorActionResponseSchema.parse((await act(token, '1002', { kind: 'forceBusy' })).body);
    const other = await login(url(), '1003');
    expect((await request(url(), 'POST', `/v1/agents/1002/actions/${action.id}/outcome`, { token: other.token, json: { status: 'applied' } })).status).toBe(403);
    expect((await request(url(), 'POST', `/v1/agents/1003/actions/${action.id}/outcome`, { token: other.token, json: { status: 'applied' } })).status).toBe(404);
    expect((await request(url(), 'POST', `/v1/agents/1002/actions/${action.id}/outcome`, { token: desk.token, json: { status: 'maybe' } })).status).toBe(400);
  });
});
