import type { FastifyInstance } from 'fastify';
import { calendarDateParamsSchema, calendarEntryRequestSchema, calendarYearQuerySchema, type CalendarEntry, type CalendarYear } from '../../src/contract';
import { localDateOf } from '../../src/domain/local-time';
import { calendarEntriesIn, removeCalendarEntry, setCalendarEntry } from '../calendar/calendar-store';
import { requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession, sessionOf } from '../http/authenticate';
import type { ServerContext } from '../server-context';

/** The center's working-day calendar, kept by supervisors on the board (src/contract/calendar.ts). */
export function registerCalendarRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, policy } = context;
  const boardSession = requireSession(context, ['board']);

  app.get('/v1/board/calendar', { onRequest: boardSession }, async (request): Promise<CalendarYear> => {
    requireSupervisor(request, 'read the working-day calendar');
    const query = parseRequest(calendarYearQuerySchema, request.query);
    const year = query.year ?? Number(localDateOf(clock.now(), policy.shift.utcOffsetMinutes).slice(0, 4));
    const yyyy = String(year).padStart(4, '0');
    return { year, entries: await calendarEntriesIn(db, { from: `${yyyy}-01-01`, to: `${yyyy}-12-31` }) };
  });

  app.put('/v1/board/calendar/:date', { onRequest: boardSession }, async (request): Promise<{ entry: CalendarEntry }> => {
    requireSupervisor(request, 'change the working-day calendar');
    const { date } = parseRequest(calendarDateParamsSchema, request.params);
    const entry = parseRequest(calendarEntryRequestSchema, request.body);
    return { entry: await setCalendarEntry(db, date, entry, sessionOf(request).agentId, clock.now()) };
  });

  app.delete('/v1/board/calendar/:date', { onRequest: boardSession }, async (request): Promise<{ removed: CalendarEntry }> => {
    requireSupervisor(request, 'change the working-day calendar');
    const { date } = parseRequest(calendarDateParamsSchema, request.params);
    const removed = await removeCalendarEntry(db, date);
    if (!removed) throw new ApiFailure(404, 'not-found', `the calendar has no entry on ${date}`);
    return { removed };
  });
}
