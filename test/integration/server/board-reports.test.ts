import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { attendanceMonthReportSchema, boardLoginResponseSchema, boardSeatsSchema, dayReportSchema, type SyncRecord } from '../../../src/contract';
import { backends } from './backends';
import { callRecord, declinedOfferRecord, login, request } from './desk-http';
import { useServerSuite } from './server-suite';

/** An instant on 2026-12-01 (a Tuesday) as the center's (UTC+8) clocks show it. */
const local = (hh: number, mm: number) => Date.UTC(2026, 11, 1, hh - 8, mm);

function missedRing(agentId: string, offeredAt: number): SyncRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'missedRing',
    occurredAt: offeredAt + 15_000,
    payload: { callId: uuidv7(), remoteNumber: '13800000000', remoteDisplayName: '', offeredAt, deadline: offeredAt + 15_000, rings: 3, action: 'reject-and-pause' },
  };
}

/**
 * The board's reports: the day's calls per hour and per agent, and the month's attendance (with
 * its CSV), computed from the server's records; the numbers match what was recorded, and the
 * live seats show the same figures. Both backends.
 */
describe.each(backends)('board reports on $name', (backend) => {
  const { clock, url } = useServerSuite(backend, {}, local(16, 0));
  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;

  it("the day's calls per hour and per agent are the records', and the live seats agree", async () => {
    const one = await login(url(), '1001');
    const two = await login(url(), '1002');
    const answered = (offeredAt: number) => callRecord('1001', offeredAt + 60_000, { offeredAt, answeredAt: offeredAt + 5_000, endedAt: offeredAt + 60_000 });
    const missedAt = local(11, 10);
    const records = [answered(local(10, 5)), answered(local(10, 40)), callRecord('1001', missedAt + 15_000, { offeredAt: missedAt, answeredAt: null, endedAt: missedAt + 15_000 }), missedRing('1001', missedAt)];
    expect((await request(url(), 'POST', '/v1/sync', { token: one.token, json: { records } })).status).toBe(200);
    const declined = declinedOfferRecord('1002', local(14, 0));
    expect((await request(url(), 'POST', '/v1/sync', { token: two.token, json: { records: [declined] } })).status).toBe(200);

    const token = await boardToken();
    const report = dayReportSchema.parse((await request(url(), 'GET', '/v1/board/reports/day?date=2026-12-01', { token })).body);
    expect(report.agents.map((row) => [row.agentId, row.figures.answered, row.figures.missed, row.figures.declined])).toEqual([
      ['1001', 2, 1, 0],
      ['1002', 0, 0, 1],
    ]);
    expect(report.offeredPerHour.map((count, hour) => [hour, count]).filter(([, count]) => (count ?? 0) > 0)).toEqual([
      [10, 2],
      [11, 1],
      [14, 1],
    ]);
    expect(report.answeredPerHour[10]).toBe(2);
    expect(report.missedPerHour[11]).toBe(1);
    expect(report.agents[0]?.figures.averageHandleMs).toBe(55_000);

    // One computation: the board's live seat shows the same day.
    const seats = boardSeatsSchema.parse((await request(url(), 'GET', '/v1/board/seats', { token })).body).seats;
    const seat = seats.find((candidate) => candidate.agentId === '1001')!;
    expect(seat.today).toEqual(report.agents[0]?.figures);

    // Another day has none of it.
    expect(dayReportSchema.parse((await request(url(), 'GET', '/v1/board/reports/day?date=2026-11-30', { token })).body).agents).toEqual([]);
    expect((await request(url(), 'GET', '/v1/board/reports/day?date=2026-02-30', { token })).status).toBe(400);
    expect((await request(url(), 'GET', '/v1/board/reports/day', { token: one.token })).status).toBe(403);
  });

  it("the month's attendance per agent: late, early, absent, over the allowance, working days without a login; and as CSV", async () => {
    const token = await boardToken();
    // 1001 and 1002 logged in at 16:00 today (the first test): 7.5 h late is an absence, not a late arrival.
    clock.advance(60_000);
    const report = attendanceMonthReportSchema.parse((await request(url(), 'GET', '/v1/board/reports/attendance?month=2026-12', { token })).body);
    expect(report.workingDays).toEqual(['2026-12-01']);
    expect(report.rows.find((row) => row.agentId === '1001')).toMatchObject({ name: '坐席1001', lateCount: 0, absentCount: 1, noLoginDays: [] });
    expect(report.rows.find((row) => row.agentId === '1003')).toMatchObject({ lateCount: 0, noLoginDays: ['2026-12-01'] });
    expect(report.rows.map((row) => row.agentId)).not.toContain('9001');

    const csv = await fetch(`${url()}/v1/board/reports/attendance?month=2026-12&format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // The byte order mark tells Excel the file is UTF-8 (TextDecoder drops it from the text).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('工号,姓名,迟到次数,早退次数,旷工次数,超出月度限额,未登录工作日数,未登录工作日');
    expect(lines).toContain('1001,坐席1001,0,0,1,否,0,');
    expect(lines).toContain('1003,坐席1003,0,0,0,否,1,2026-12-01');
  });
});
