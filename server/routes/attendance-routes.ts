import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { AttendanceReport } from '../../src/contract';
import { localDateOf } from '../../src/domain/local-time';
import { MAX_REPORT_DAYS, readAttendanceReport } from '../attendance-report';
import { daysIn } from '../calendar-days';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { readableAgentId } from '../http/agent-access';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import type { ServerContext } from '../server-context';

/** `z.iso.date()` also refuses dates that do not exist (2026-02-30). */
const attendanceQuerySchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

export function registerAttendanceRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy, sessionExpiry } = context;

  app.get('/v1/agents/:agentId/attendance', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<AttendanceReport> => {
    const agentId = readableAgentId(request, 'attendance');
    const query = parseRequest(attendanceQuerySchema, request.query);
    // "Today" is the center's today by the server's clock, whatever zone the server host is in.
    const to = query.to ?? localDateOf(clock.now(), policy.shift.utcOffsetMinutes);
    const from = query.from ?? to;
    if (from > to) throw new ApiFailure(400, 'invalid-request', `from (${from}) is after to (${to})`);
    if (daysIn({ from, to }) > MAX_REPORT_DAYS) {
      throw new ApiFailure(400, 'invalid-request', `at most ${MAX_REPORT_DAYS} days per report, asked for ${daysIn({ from, to })}`);
    }
    // A session that ran out and was not ended yet would count as still logged in.
    await sessionExpiry.expireNow({ agentId });
    return readAttendanceReport(db, agentId, { from, to }, policy.shift);
  });
}
