import { describe, expect, it } from 'vitest';
import {
  attendanceMonthReportSchema,
  attendanceReportSchema,
  boardLoginResponseSchema,
  calendarEntryResponseSchema,
  calendarRemovedResponseSchema,
  calendarYearSchema,
  type ApiError,
  type AttendanceMonthReport,
} from '../../../src/contract';
import { backends } from './backends';
import { login, request } from './desk-http';
import { useServerSuite } from './server-suite';

/** An instant as the center's (UTC+8) clocks show it. */
const at = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);

/** October 2026's weekdays: Thursday the 1st and Friday the 2nd, then four whole weeks. */
const OCTOBER_WEEKDAYS = ['01', '02', '05', '06', '07', '08', '09', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27', '28', '29', '30'].map(
  (day) => `2026-10-${day}`,
);

/**
 * The working-day calendar a supervisor keeps on the board: 国庆 on Thursday 2026-10-01 is a
 * holiday and Sunday 2026-10-11 a make-up working day (调休上班); October's attendance report
 * (JSON and CSV) and an agent's own attendance follow it, even when it is changed after the fact.
 * Only a supervisor's board session may read or change it. Both backends.
 */
describe.each(backends)('the working-day calendar on $name', (backend) => {
  const { clock, url } = useServerSuite(backend, {}, at('2026-10-01', '07:00'));
  // A fresh board session each time: the clock walks through the month, past the idle limit.
  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;
  const put = (token: string, date: string, json: unknown) => request<ApiError>(url(), 'PUT', `/v1/board/calendar/${date}`, { token, json });
  const remove = (token: string, date: string) => request<ApiError>(url(), 'DELETE', `/v1/board/calendar/${date}`, { token });
  const october = async (token: string): Promise<AttendanceMonthReport> => {
    const answer = await request(url(), 'GET', '/v1/board/reports/attendance?month=2026-10', { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return attendanceMonthReportSchema.parse(answer.body);
  };
  const rowOf = (report: AttendanceMonthReport, agentId: string) => report.rows.find((row) => row.agentId === agentId)!;

  /** A day at 1001's desk, kept alive as a desk does (a read every 20 minutes), logged out at `to`. */
  const workDay = async (date: string, from: string, to: string) => {
    clock.advance(at(date, from) - clock.now());
    const { token } = await login(url(), '1001');
    while (clock.now() + 20 * 60_000 < at(date, to)) {
      clock.advance(20 * 60_000);
      expect((await request(url(), 'GET', '/v1/agents/1001/wrap-ups', { token })).status).toBe(200);
    }
    clock.advance(at(date, to) - clock.now());
    expect((await request(url(), 'POST', '/v1/logout', { token, json: {} })).status).toBe(200);
  };

  it('a weekday holiday leaves the working days, a weekend make-up day joins them; late, early, absent and days without login follow', async () => {
    // 1001 comes in on the holiday for a few hours (10:00-15:00), and late (08:45) on the make-up Sunday. 1002 never logs in.
    await workDay('2026-10-01', '10:00', '15:00');
    await workDay('2026-10-11', '08:45', '17:40');
    clock.advance(at('2026-10-31', '12:00') - clock.now());

    // Before the calendar says anything: Monday to Friday.
    const plain = await october(await boardToken());
    expect(plain.workingDays).toEqual(OCTOBER_WEEKDAYS);
    // The 1st is judged like any Thursday (1.5 h late: absent); the Sunday is not judged.
    expect(rowOf(plain, '1001')).toMatchObject({ lateCount: 0, absentCount: 1, noLoginDays: OCTOBER_WEEKDAYS.slice(1) });
    expect(rowOf(plain, '1002').noLoginDays).toEqual(OCTOBER_WEEKDAYS);

    const token = await boardToken();
    const holiday = await put(token, '2026-10-01', { kind: 'holiday', name: '国庆节' });
    expect(holiday.status, JSON.stringify(holiday.body)).toBe(200);
    expect(calendarEntryResponseSchema.parse(holiday.body).entry).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      setBy: { agentId: '9001', name: '主管9001' },
      setAt: clock.now(),
    });
    expect((await put(token, '2026-10-11', { kind: 'workday', name: ' 国庆调休上班 ' })).status).toBe(200);

    const withCalendar = await october(token);
    const workingDays = [...OCTOBER_WEEKDAYS.slice(1, 7), '2026-10-11', ...OCTOBER_WEEKDAYS.slice(7)];
    expect(withCalendar.workingDays).toEqual(workingDays);
    expect(withCalendar.workingDays).not.toContain('2026-10-01');
    // The holiday's hours count for nothing; the make-up day is judged (late) and was not a day without login.
    expect(rowOf(withCalendar, '1001')).toMatchObject({ lateCount: 1, earlyLeaveCount: 0, absentCount: 0, flagged: false, noLoginDays: OCTOBER_WEEKDAYS.slice(1) });
    expect(rowOf(withCalendar, '1002').noLoginDays).toEqual(workingDays);

    // The agent's own attendance (the desk's "today" panel, a supervisor's look) is judged by the same calendar.
    const own = attendanceReportSchema.parse((await request(url(), 'GET', '/v1/agents/1001/attendance?from=2026-10-01&to=2026-10-11', { token })).body);
    expect(own.days.map((day) => [day.date, day.late, day.leftEarly, day.absent])).toEqual([
      ['2026-10-01', false, false, false],
      ['2026-10-11', true, false, false],
    ]);
    expect(own.month).toEqual({ lateCount: 1, earlyLeaveCount: 0, absentCount: 0, flagged: false });

    // The CSV is the same report.
    const csv = await fetch(`${url()}/v1/board/reports/attendance?month=2026-10&format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toContain(`1001,坐席1001,1,0,0,否,21,${OCTOBER_WEEKDAYS.slice(1).join(' ')}`);
    expect(lines).toContain(`1002,坐席1002,0,0,0,否,22,${workingDays.join(' ')}`);
  });

  it("lists a year's entries in date order; a second PUT replaces the entry, with its new setter and time", async () => {
    const token = await boardToken();
    clock.advance(60_000);
    expect((await put(token, '2026-10-01', { kind: 'holiday', name: '国庆节、中秋节' })).status).toBe(200);
    expect((await put(token, '2027-02-06', { kind: 'holiday' })).status).toBe(200);

    const year = calendarYearSchema.parse((await request(url(), 'GET', '/v1/board/calendar?year=2026', { token })).body);
    expect(year.year).toBe(2026);
    expect(year.entries.map(({ date, kind, name, setAt }) => ({ date, kind, name, setAt }))).toEqual([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节、中秋节', setAt: clock.now() },
      { date: '2026-10-11', kind: 'workday', name: '国庆调休上班', setAt: clock.now() - 60_000 },
    ]);
    // Without a year: the center's this year (the clock is in 2026).
    expect(calendarYearSchema.parse((await request(url(), 'GET', '/v1/board/calendar', { token })).body)).toEqual(year);
    const next = calendarYearSchema.parse((await request(url(), 'GET', '/v1/board/calendar?year=2027', { token })).body);
    expect(next.entries).toEqual([expect.objectContaining({ date: '2027-02-06', kind: 'holiday', name: '' })]);
  });

  it('a removed entry is gone from the calendar and from the report; removing it again is a 404', async () => {
    const token = await boardToken();
    expect((await put(token, '2026-10-09', { kind: 'holiday', name: '临时' })).status).toBe(200);
    expect((await october(token)).workingDays).not.toContain('2026-10-09');

    const removed = await remove(token, '2026-10-09');
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(calendarRemovedResponseSchema.parse(removed.body).removed).toMatchObject({ date: '2026-10-09', kind: 'holiday', name: '临时', setBy: { agentId: '9001' } });
    expect((await october(token)).workingDays).toContain('2026-10-09');
    for (const date of ['2026-10-09', '2026-10-09', '2026-10-10']) {
      const again = await remove(token, date);
      expect(again.status).toBe(404);
      expect(again.body.error).toEqual({ code: 'not-found', message: `the calendar has no entry on ${date}` });
    }
  });

  it('refuses bad dates, kinds, names and years with a clear 400, and changes nothing', async () => {
    const token = await boardToken();
    const before = (await request(url(), 'GET', '/v1/board/calendar?year=2026', { token })).body;
    const refusals: Array<[Promise<{ status: number; body: ApiError }>, RegExp]> = [
      [put(token, '2026-02-30', { kind: 'holiday' }), /^date: a date that exists, as YYYY-MM-DD$/],
      [put(token, '2026-13-01', { kind: 'holiday' }), /a date that exists/],
      [put(token, '2026-10-1', { kind: 'holiday' }), /a date that exists/],
      [put(token, 'tomorrow', { kind: 'holiday' }), /a date that exists/],
      [put(token, '2026-10-02', { kind: 'vacation', name: '年假' }), /^kind: kind must be 'holiday' or 'workday'$/],
      [put(token, '2026-10-02', { name: '国庆节' }), /^kind: kind must be 'holiday' or 'workday'$/],
      [put(token, '2026-10-02', { kind: 'holiday', name: '节'.repeat(33) }), /^name: a name of at most 32 characters$/],
      [put(token, '2026-10-02', { kind: 'holiday', name: '国庆\n节' }), /^name: a name without control characters$/],
      [put(token, '2026-10-02', { kind: 'holiday', name: 7 }), /^name: /],
      [remove(token, '2026-02-29'), /a date that exists/],
      [request(url(), 'GET', '/v1/board/calendar?year=26', { token }), /^year: a year, as YYYY$/],
    ];
    for (const [answer, message] of refusals) {
      const { status, body } = await answer;
      expect(status, JSON.stringify(body)).toBe(400);
      expect(body.error.code).toBe('invalid-request');
      expect(body.error.message).toMatch(message);
    }
    expect((await request(url(), 'GET', '/v1/board/calendar?year=2026', { token })).body).toEqual(before);
  });

  it("is a supervisor's board's: agents' desks, a supervisor's desk and no session at all are refused", async () => {
    const token = await boardToken();
    const agentDesk = (await login(url(), '1003')).token;
    const supervisorDesk = (await login(url(), '9001')).token;
    for (const [who, status] of [
      [agentDesk, 403],
      [supervisorDesk, 403],
      [undefined, 401],
    ] as const) {
      expect((await request(url(), 'GET', '/v1/board/calendar?year=2026', { token: who })).status).toBe(status);
      expect((await request(url(), 'PUT', '/v1/board/calendar/2026-10-02', { token: who, json: { kind: 'holiday' } })).status).toBe(status);
      expect((await request(url(), 'DELETE', '/v1/board/calendar/2026-10-01', { token: who })).status).toBe(status);
    }
    // An agent cannot get a board session in the first place.
    expect((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '1003', password: 'pw1003' } })).status).toBe(403);
    const year = calendarYearSchema.parse((await request(url(), 'GET', '/v1/board/calendar?year=2026', { token })).body);
    expect(year.entries.map((entry) => entry.date)).toEqual(['2026-10-01', '2026-10-11']);
  });
});
