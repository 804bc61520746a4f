import * as z from 'zod';
import { dayFiguresSchema } from './board';
import { agentIdSchema } from './sync';

/**
 * The board's reports, computed by the server from its records with the same rules the desks
 * and the board use (src/domain/day-figures.ts, src/domain/attendance.ts). Attendance is judged
 * on the working days of the center's calendar only (src/domain/working-days.ts).
 *
 *   GET /v1/board/reports/day?date=YYYY-MM-DD             -> DayReport (default: the center's today)
 *   GET /v1/board/reports/attendance?month=YYYY-MM        -> AttendanceMonthReport
 *   GET /v1/board/reports/attendance?month=YYYY-MM&format=csv -> the same as CSV (UTF-8 with BOM, for Excel)
 */
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const calendarMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const dayReportSchema = z.object({
  date: calendarDay,
  /** One row per agent with any activity that day, by 工号. */
  agents: z.array(z.object({ agentId: agentIdSchema, name: z.string().max(64), figures: dayFiguresSchema })),
  /** The center's hours (各时段进线数量): the agents' offers, answers and misses added up. */
  offeredPerHour: z.array(z.number().int().nonnegative()).length(24),
  answeredPerHour: z.array(z.number().int().nonnegative()).length(24),
  missedPerHour: z.array(z.number().int().nonnegative()).length(24),
});
export type DayReport = z.infer<typeof dayReportSchema>;

export const attendanceMonthRowSchema = z.object({
  agentId: agentIdSchema,
  name: z.string().max(64),
  lateCount: z.number().int().nonnegative(),
  earlyLeaveCount: z.number().int().nonnegative(),
  absentCount: z.number().int().nonnegative(),
  /** More late arrivals or early leaves than the policy allows in a month. */
  flagged: z.boolean(),
  /** Working days of the month (the calendar's, src/contract/calendar.ts), up to today, on which the agent never logged in. */
  noLoginDays: z.array(calendarDay),
});
export type AttendanceMonthRow = z.infer<typeof attendanceMonthRowSchema>;

export const attendanceMonthReportSchema = z.object({
  month: calendarMonth,
  /** The month's working days up to today: Monday to Friday, less the calendar's holidays, plus its make-up working days. */
  workingDays: z.array(calendarDay),
  rows: z.array(attendanceMonthRowSchema),
});
export type AttendanceMonthReport = z.infer<typeof attendanceMonthReportSchema>;
