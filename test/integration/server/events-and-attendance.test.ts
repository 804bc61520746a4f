import { describe, expect, it } from 'vitest';
import {
  attendanceReportSchema,
  serverEventSchema,
  syncAckSchema,
  type ApiError,
  type AttendanceReport,
  type ServerEvent,
  type SyncAck,
  type SyncRecord,
} from '../../../src/contract';
import { backends } from './backends';
import {
  attendanceRecord,
  busyOverLimitRecord,
  callRecord,
  declinedOfferRecord,
  login,
  missedRingRecord,
  request,
  wrapUpRecord,
} from './desk-http';
import { useServerSuite } from './server-suite';

/** The instant the center's clocks (UTC+8, the default policy) show `time` on `date`. */
const at = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);

describe.each(backends)('events and attendance on $name', (backend) => {
  // The attendance tests walk forward through October and November 2026 (the clock never goes back).
  const { clock, url, db } = useServerSuite(backend, {}, at('2026-10-01', '06:00:00.000'));
  const sync = (token: string, records: SyncRecord[]) => request<SyncAck & ApiError>(url(), 'POST', '/v1/sync', { token, json: { records } });
  const readEvents = (token: string, agentId: string, query = '') =>
    request<{ events: ServerEvent[] } & ApiError>(url(), 'GET', `/v1/agents/${agentId}/events${query}`, { token });
  const readAttendance = (token: string, agentId: string, query = '') =>
    request<AttendanceReport & ApiError>(url(), 'GET', `/v1/agents/${agentId}/attendance${query}`, { token });
  /** Read as the board does, with a supervisor's session: the agent's own login would be a session in the report. */
  const reportOf = async (agentId: string, from: string, to: string) => {
    const answer = await readAttendance((await login(url(), '9001')).token, agentId, `?from=${from}&to=${to}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return attendanceReportSchema.parse(answer.body);
  };

  /** Logs the agent in when the server's clock reaches `instant`. */
  const loginAt = async (agentId: string, instant: number) => {
    clock.advance(instant - clock.now());
    return (await login(url(), agentId)).token;
  };
  /** Works on until `instant` as a desk does: its requests keep the session alive (a read every 20 minutes). */
  const workUntil = async (token: string, agentId: string, instant: number) => {
    while (clock.now() + 20 * 60_000 < instant) {
      clock.advance(20 * 60_000);
      expect((await request(url(), 'GET', `/v1/agents/${agentId}/wrap-ups`, { token })).status).toBe(200);
    }
    clock.advance(instant - clock.now());
  };
  const logoutAt = async (token: string, agentId: string, instant: number) => {
    await workUntil(token, agentId, instant);
    expect((await request(url(), 'POST', '/v1/logout', { token, json: {} })).status).toBe(200);
  };
  /** A day at the desk: logged in at `from`, logged out at `to`. */
  const workDay = async (agentId: string, date: string, from: string, to: string) => logoutAt(await loginAt(agentId, at(date, from)), agentId, at(date, to));

  describe('new record kinds', () => {
    it('accepts missed rings, declined offers, busy over limit and attendance, storing a batch sent twice once', async () => {
      const { token } = await login(url(), '1001');
      const now = clock.now();
      const records = [
        missedRingRecord('1001', now - 3_000),
        declinedOfferRecord('1001', now - 2_000),
        busyOverLimitRecord('1001', now - 1_000),
        attendanceRecord('1001', 'login', now - 60_000),
      ];
      const ids = records.map((record) => record.id);

      const first = await sync(token, records);
      expect(first.status).toBe(200);
      expect(syncAckSchema.parse(first.body).acknowledged).toEqual(ids);
      clock.advance(1_000);
      const second = await sync(token, records);
      expect(second.body.acknowledged).toEqual(ids);

      const stored = await db().selectFrom('records').select(['id', 'kind', 'payload']).where('id', 'in', ids).execute();
      expect(stored).toHaveLength(4);
      for (const record of records) expect(stored.find((row) => row.id === record.id)).toEqual({ id: record.id, kind: record.kind, payload: record.payload });
      const attendance = await db().selectFrom('attendance').selectAll().where('agent_id', '=', '1001').execute();
      expect(attendance).toHaveLength(1);
      expect(attendance[0]).toMatchObject({ event: 'login', server_time: now - 60_000, server_time_source: 'confirmed' });
    });

    it('returns events with the desk time and the server time, in the order they happened', async () => {
      const { token } = await login(url(), '1002');
      const deskTime = clock.now() - 90_000; // the desk's clock runs 90 s behind the server's
      const later = missedRingRecord('1002', deskTime + 5_000);
      const earlier = missedRingRecord('1002', deskTime);
      const others = [declinedOfferRecord('1002', deskTime + 1_000), callRecord('1002', deskTime + 2_000), wrapUpRecord('1002', deskTime + 3_000)];

      expect((await sync(token, [later])).status).toBe(200);
      const laterReceivedAt = clock.now();
      clock.advance(2_000);
      expect((await sync(token, [earlier, ...others])).status).toBe(200);
      const earlierReceivedAt = clock.now();

      const missed = await readEvents(token, '1002', '?kind=missedRing');
      expect(missed.status).toBe(200);
      expect(missed.body.events.map((event) => serverEventSchema.parse(event))).toEqual([
        { id: earlier.id, agentId: '1002', kind: 'missedRing', occurredAt: deskTime, receivedAt: earlierReceivedAt, payload: earlier.payload },
        { id: later.id, agentId: '1002', kind: 'missedRing', occurredAt: deskTime + 5_000, receivedAt: laterReceivedAt, payload: later.payload },
      ]);

      const all = await readEvents(token, '1002');
      expect(all.body.events.map((event) => event.kind)).toEqual(['missedRing', 'declinedOffer', 'call', 'missedRing']);
      const recent = await readEvents(token, '1002', `?since=${deskTime + 1_000}`);
      expect(recent.body.events.map((event) => event.id)).toEqual([others[0]?.id, others[1]?.id, later.id]);
    });

    it("lets only the agent and a supervisor read an agent's events", async () => {
      const owner = await login(url(), '1003');
      const event = busyOverLimitRecord('1003', clock.now());
      expect((await sync(owner.token, [event])).status).toBe(200);

      const stranger = await login(url(), '1004');
      const refused = await readEvents(stranger.token, '1003', '?kind=busyOverLimit');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect(refused.body).not.toHaveProperty('events');

      const supervisor = await login(url(), '9001');
      const board = await readEvents(supervisor.token, '1003', '?kind=busyOverLimit');
      expect(board.status).toBe(200);
      expect(board.body.events.map((e) => e.id)).toEqual([event.id]);
      expect((await readEvents(owner.token, '1003', '?kind=busyOverLimit')).body.events.map((e) => e.id)).toEqual([event.id]);
      expect((await request<ApiError>(url(), 'GET', '/v1/agents/1003/events')).status).toBe(401);
    });

    it('answers a bad events query with 400 invalid-request', async () => {
      const { token } = await login(url(), '1003');
      for (const query of ['?kind=wrapUp', '?kind=gossip', '?since=yesterday', '?since=-1', '?since=1.5']) {
        const answer = await readEvents(token, '1003', query);
        expect(answer.status, query).toBe(400);
        expect(answer.body.error.code).toBe('invalid-request');
      }
    });
  });

  describe('attendance (UTC+8, 08:30 late after, 17:35 logout from, 1 h absent beyond), from what the server saw', () => {
    it('flags a month with more than 3 late arrivals, counting the whole month of `to`', async () => {
      for (const date of ['2026-10-05', '2026-10-06', '2026-10-07']) await workDay('1006', date, '08:45:00.000', '17:40:00.000');
      const threeLate = await reportOf('1006', '2026-10-31', '2026-10-31');
      expect(threeLate.days).toEqual([]);
      expect(threeLate.month).toEqual({ lateCount: 3, earlyLeaveCount: 0, absentCount: 0, flagged: false });

      await workDay('1006', '2026-10-20', '08:45:00.000', '17:40:00.000');
      const fourLate = await reportOf('1006', '2026-10-01', '2026-10-31');
      expect(fourLate.days.map((day) => [day.date, day.late, day.lateByMs])).toEqual(
        ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-20'].map((date) => [date, true, 15 * 60_000]),
      );
      expect(fourLate.month).toEqual({ lateCount: 4, earlyLeaveCount: 0, absentCount: 0, flagged: true });

      // A range reaching into November counts November.
      expect((await reportOf('1006', '2026-10-20', '2026-11-01')).month).toEqual({ lateCount: 0, earlyLeaveCount: 0, absentCount: 0, flagged: false });
    });

    it('judges late, absent and early at the exact millisecond of login and logout', async () => {
      await workDay('1005', '2026-11-02', '08:30:00.000', '17:35:00.000');
      await workDay('1005', '2026-11-03', '08:30:00.001', '17:40:00.000');
      await workDay('1005', '2026-11-04', '09:30:00.001', '17:40:00.000');
      await workDay('1005', '2026-11-05', '08:00:00.000', '17:34:59.000');
      await workDay('1005', '2026-11-06', '08:29:00.000', '17:34:59.999');
      const report = await reportOf('1005', '2026-11-01', '2026-11-06');
      expect(report.agentId).toBe('1005');
      expect(report.days).toEqual([
        { date: '2026-11-02', firstLoginAt: at('2026-11-02', '08:30:00.000'), lastLogoutAt: at('2026-11-02', '17:35:00.000'), late: false, lateByMs: 0, leftEarly: false, earlyByMs: 0, absent: false },
        { date: '2026-11-03', firstLoginAt: at('2026-11-03', '08:30:00.001'), lastLogoutAt: at('2026-11-03', '17:40:00.000'), late: true, lateByMs: 1, leftEarly: false, earlyByMs: 0, absent: false },
        { date: '2026-11-04', firstLoginAt: at('2026-11-04', '09:30:00.001'), lastLogoutAt: at('2026-11-04', '17:40:00.000'), late: true, lateByMs: 3_600_001, leftEarly: false, earlyByMs: 0, absent: true },
        { date: '2026-11-05', firstLoginAt: at('2026-11-05', '08:00:00.000'), lastLogoutAt: at('2026-11-05', '17:34:59.000'), late: false, lateByMs: 0, leftEarly: true, earlyByMs: 1_000, absent: false },
        { date: '2026-11-06', firstLoginAt: at('2026-11-06', '08:29:00.000'), lastLogoutAt: at('2026-11-06', '17:34:59.999'), late: false, lateByMs: 0, leftEarly: true, earlyByMs: 1, absent: false },
      ]);
      // An absent day counts as an absence only, not also as late.
      expect(report.month).toEqual({ lateCount: 1, earlyLeaveCount: 2, absentCount: 1, flagged: false });
    });

    it("cuts days at the center's midnight, not UTC's", async () => {
      const justAfterMidnight = at('2026-11-10', '00:30:00.000'); // 2026-11-09 16:30 UTC
      expect(new Date(justAfterMidnight).toISOString().slice(0, 10)).toBe('2026-11-09');
      await logoutAt(await loginAt('1007', justAfterMidnight), '1007', at('2026-11-10', '09:00:00.000'));
      // Overnight: logged out at 00:30 on the 12th, which is still the 11th in UTC.
      const overnight = await loginAt('1007', at('2026-11-11', '16:00:00.000'));
      await logoutAt(overnight, '1007', at('2026-11-12', '00:30:00.000'));

      const report = await reportOf('1007', '2026-11-09', '2026-11-12');
      expect(report.days.map((day) => [day.date, day.firstLoginAt, day.lastLogoutAt])).toEqual([
        ['2026-11-10', justAfterMidnight, at('2026-11-10', '09:00:00.000')],
        ['2026-11-11', at('2026-11-11', '16:00:00.000'), null],
        ['2026-11-12', null, at('2026-11-12', '00:30:00.000')],
      ]);
      expect(report.days[0]?.late).toBe(false);
      // A logout without a login that day: the rules call that day absent.
      expect(report.days[2]).toMatchObject({ absent: true });
    });

    it('does not call a day left early while the agent is still logged in, or back from lunch', async () => {
      await loginAt('1008', at('2026-11-12', '08:10:00.000'));
      expect((await reportOf('1008', '2026-11-12', '2026-11-12')).days).toEqual([
        { date: '2026-11-12', firstLoginAt: at('2026-11-12', '08:10:00.000'), lastLogoutAt: null, late: false, lateByMs: 0, leftEarly: false, earlyByMs: 0, absent: false },
      ]);

      await workDay('1008', '2026-11-13', '08:10:00.000', '12:00:00.000');
      await loginAt('1008', at('2026-11-13', '13:00:00.000'));
      expect((await reportOf('1008', '2026-11-13', '2026-11-13')).days).toEqual([
        // Out at lunch, back at 13:00: the 12:00 logout did not end the day.
        { date: '2026-11-13', firstLoginAt: at('2026-11-13', '08:10:00.000'), lastLogoutAt: at('2026-11-13', '12:00:00.000'), late: false, lateByMs: 0, leftEarly: false, earlyByMs: 0, absent: false },
      ]);
    });

    it('ends the day of a desk that vanished without a logout when the server last saw it', async () => {
      const token = await loginAt('1003', at('2026-11-16', '08:00:00.000'));
      await workUntil(token, '1003', at('2026-11-16', '17:00:00.000'));
      expect((await request(url(), 'GET', '/v1/agents/1003/wrap-ups', { token })).status).toBe(200);
      // Switched off at 17:00: the session runs out at 17:30, and the next morning comes.
      clock.advance(at('2026-11-17', '07:00:00.000') - clock.now());
      expect((await reportOf('1003', '2026-11-16', '2026-11-16')).days).toEqual([
        { date: '2026-11-16', firstLoginAt: at('2026-11-16', '08:00:00.000'), lastLogoutAt: at('2026-11-16', '17:00:00.000'), late: false, lateByMs: 0, leftEarly: true, earlyByMs: 35 * 60_000, absent: false },
      ]);
      const row = await db().selectFrom('sessions').select(['ended_at', 'end_reason']).where('agent_id', '=', '1003').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(row).toEqual({ ended_at: at('2026-11-16', '17:30:00.000'), end_reason: 'expired' });
    });

    it('ignores the times a desk claims: a forged early login and late logout change nothing, and are kept for audit', async () => {
      const token = await loginAt('1004', at('2026-11-18', '08:45:00.000'));
      // A desk that says the server confirmed 08:00 and 17:40.
      const forged = [attendanceRecord('1004', 'login', at('2026-11-18', '08:00:00.000')), attendanceRecord('1004', 'logout', at('2026-11-18', '17:40:00.000'))];
      const stored = await sync(token, forged);
      expect(stored.status).toBe(200);
      await logoutAt(token, '1004', at('2026-11-18', '17:00:00.000'));

      expect((await reportOf('1004', '2026-11-18', '2026-11-18')).days).toEqual([
        { date: '2026-11-18', firstLoginAt: at('2026-11-18', '08:45:00.000'), lastLogoutAt: at('2026-11-18', '17:00:00.000'), late: true, lateByMs: 15 * 60_000, leftEarly: true, earlyByMs: 35 * 60_000, absent: false },
      ]);
      const audit = await readEvents((await login(url(), '9001')).token, '1004', '?kind=attendance');
      expect(audit.body.events.map((event) => event.payload)).toEqual(forged.map((record) => record.payload));
    });

    it("reports today by the server's clock in the center's time zone", async () => {
      // 2026-11-23 16:25 UTC is 00:25 on the 24th in the center.
      const midnightShift = await loginAt('1009', Date.UTC(2026, 10, 23, 16, 25));
      const today = await readAttendance(midnightShift, '1009');
      expect(today.status).toBe(200);
      expect(attendanceReportSchema.parse(today.body).days.map((day) => [day.date, day.firstLoginAt])).toEqual([['2026-11-24', Date.UTC(2026, 10, 23, 16, 25)]]);
      await logoutAt(midnightShift, '1009', at('2026-11-24', '00:40:00.000'));

      await workDay('1009', '2026-11-24', '08:00:00.000', '17:34:00.000');
      expect((await reportOf('1009', '2026-11-24', '2026-11-25')).days).toEqual([
        { date: '2026-11-24', firstLoginAt: at('2026-11-24', '00:25:00.000'), lastLogoutAt: at('2026-11-24', '17:34:00.000'), late: false, lateByMs: 0, leftEarly: true, earlyByMs: 60_000, absent: false },
      ]);
    });

    it("lets only the agent and a supervisor read an agent's attendance", async () => {
      const stranger = await login(url(), '1010');
      const refused = await readAttendance(stranger.token, '1005', '?from=2026-11-01&to=2026-11-06');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect((await reportOf('1005', '2026-11-01', '2026-11-06')).days).toHaveLength(5);
    });

    it('answers a bad date range with 400 invalid-request', async () => {
      const { token } = await login(url(), '1005');
      const bad = [
        '?from=2026-02-30&to=2026-03-01',
        '?from=yesterday',
        '?to=2026-1-05',
        '?from=2026-11-06&to=2026-11-05',
        '?from=2026-01-01&to=2026-03-04', // 63 days
      ];
      for (const query of bad) {
        const answer = await readAttendance(token, '1005', query);
        expect(answer.status, query).toBe(400);
        expect(answer.body.error.code).toBe('invalid-request');
      }
      const sixtyTwoDays = await readAttendance(token, '1005', '?from=2026-01-01&to=2026-03-03');
      expect(sixtyTwoDays.status).toBe(200);
    });
  });
});
