import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { AttendanceMonthReport, DayReport } from '../../src/contract';
import { localDateOf } from '../../src/domain/local-time';
import { requireSupervisor } from '../http/agent-access';
import { parseRequest } from '../http/api-failure';
import { requireSession } from '../http/authenticate';
import { attendanceMonthCsv, readAttendanceMonth } from '../reports/attendance-month';
import { readDayReport } from '../reports/day-report';
import type { ServerContext } from '../server-context';

const dayQuerySchema = z.object({ date: z.iso.date().optional() });
const monthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional(), format: z.enum(['json', 'csv']).default('json') });

/** The board's reports (src/contract/reports.ts). */
export function registerReportRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, sessionExpiry } = context;
  const boardSession = requireSession(context, ['board']);
  const today = () => localDateOf(clock.now(), policy.shift.utcOffsetMinutes);

  app.get('/v1/board/reports/day', { onRequest: boardSession }, async (request): Promise<DayReport> => {
    requireSupervisor(request, 'read reports');
    const { date } = parseRequest(dayQuerySchema, request.query);
    return readDayReport(db, date ?? today(), policy.shift.utcOffsetMinutes, clock.now());
  });

  app.get('/v1/board/reports/attendance', { onRequest: boardSession }, async (request, reply): Promise<AttendanceMonthReport | string> => {
    requireSupervisor(request, 'read reports');
    const { month, format } = parseRequest(monthQuerySchema, request.query);
    const chosen = month ?? today().slice(0, 7);
    // Sessions that ran out but were not ended yet would count as still logged in.
    await sessionExpiry.expireNow({});
    const report = await readAttendanceMonth(db, chosen, policy, clock.now());
    if (format === 'json') return report;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="attendance-${chosen}.csv"`);
    return attendanceMonthCsv(report);
  });
}
