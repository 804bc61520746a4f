import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { emptyHistoryQuery, type HistoryCall, type HistoryQuery, type LoginResponse, type SyncRecord } from '../../../src/contract';
import { useLabForSuite } from '../../support/lab-suite';
import type { LabSessions, NodeDesk } from '../../support/node-desk';

/**
 * Issue 10, item 3: an agent on another seat sees their own history from the server. The agent's
 * calls of last week were taken on another seat (its desk reported them to the server); on this
 * seat, whose store has never seen them, the agent takes one call; the desk's history then shows
 * both, merged in one order and paged, the call taken here as this desk has it. Real Kamailio,
 * server (PGlite), SQLite and SIP.js agents.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => ({ lab, sessions } = suite));

const AGENT = '1006';
const DAY = 86_400_000;

async function post<T>(path: string, json: unknown, token?: string): Promise<T> {
  const reply = await fetch(`${lab.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as T;
}

/** What the other seat's desk sent: 12 calls of the last week, each with a wrap-up, the newest first. */
async function callsTakenOnAnotherSeat(): Promise<string[]> {
  const { token } = await post<LoginResponse>('/v1/login', { agentId: AGENT, password: `pw${AGENT}`, deviceId: 'the-seat-by-the-window' });
  const records: SyncRecord[] = [];
  const callIds: string[] = [];
  for (let index = 0; index < 12; index++) {
    const offeredAt = Date.now() - (index + 1) * DAY / 2;
    const callId = uuidv7();
    callIds.push(callId);
    records.push({
      id: uuidv7(),
      agentId: AGENT,
      kind: 'call',
      occurredAt: offeredAt + 120_000,
      payload: {
        callId, direction: 'inbound', remoteNumber: index % 3 === 0 ? '13900001111' : `1370000${String(index).padStart(4, '0')}`, remoteDisplayName: '', offeredAt,
        answeredAt: offeredAt + 7_000, endedAt: offeredAt + 120_000, ringsAtAnswer: 2, endReason: 'remote-hangup', survey: null, surveySkipReason: null,
        transferredTo: null, transferKind: null, consultedWith: null, conference: false,
      },
    });
    records.push({
      id: uuidv7(),
      agentId: AGENT,
      kind: 'wrapUp',
      occurredAt: offeredAt + 150_000,
      payload: { callId, disposition: 'repair', summary: index === 4 ? '光猫重启后恢复' : '宽带断线，已登记报修', customerName: '赵六', customerContact: '139 0000 1111', resolved: true, promisedReplyAt: null },
    });
  }
  await post('/v1/sync', { records }, token);
  return callIds;
}

/** Every call of every page of the desk's search, in order. */
async function allPages(desk: NodeDesk, conditions: Partial<HistoryQuery>, pageSize: number): Promise<HistoryCall[]> {
  const calls: HistoryCall[] = [];
  let cursor: HistoryQuery['cursor'] = null;
  do {
    const page = await desk.runtime.desk.searchHistory({ ...emptyHistoryQuery, ...conditions, pageSize, cursor });
    expect(page.server).toBe('included');
    calls.push(...page.calls);
    cursor = page.nextCursor;
  } while (cursor);
  return calls;
}

describe('the history on a seat the agent has not used before', () => {
  it("shows the calls taken on another seat, from the server, merged and paged with this seat's own", async () => {
    const elsewhere = await callsTakenOnAnotherSeat();
    const desk = await sessions.loggedInDesk(AGENT);
    const { callId: here } = await sessions.connectedCall(desk, AGENT, '13800000066');
    await desk.runtime.desk.hangup({ callId: here });
    await vi.waitFor(() => expect(desk.latest().recentCalls.map((call) => call.callId)).toEqual([here]));

    const everything = await allPages(desk, {}, 5);
    expect(everything.map((call) => call.callId)).toEqual([here, ...elsewhere]);
    expect(everything.map((call) => call.source)).toEqual(['desk', ...elsewhere.map(() => 'server')]);
    expect(everything[1]).toMatchObject({ disposition: 'repair', customerName: '赵六', summary: '宽带断线，已登记报修', wrapUp: 'synced', ringsAtAnswer: 2 });

    // Once the server has the call taken here too, it is still shown once, as this desk has it.
    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const again = await allPages(desk, {}, 4);
    expect(again.filter((call) => call.callId === here)).toEqual([expect.objectContaining({ source: 'desk', remoteNumber: '13800000066' })]);
    expect(again).toHaveLength(13);

    const fromTheSeatByTheWindow = await allPages(desk, { number: '139-0000-1111' }, 5);
    expect(fromTheSeatByTheWindow.map((call) => call.callId)).toEqual(elsewhere);
    expect((await allPages(desk, { summary: '光猫' }, 5)).map((call) => call.callId)).toEqual([elsewhere[4]]);
    expect((await allPages(desk, { number: '0066' }, 5)).map((call) => call.callId)).toEqual([here]);
  });
});
