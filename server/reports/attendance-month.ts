import type { Kysely } from 'kysely';
import type { AttendanceMonthReport, Policy } from '../../src/contract';
import { localDateOf, type LocalDate } from '../../src/domain/local-time';
import { isWorkingDay, type WorkingDayCalendar } from '../../src/domain/working-days';
import { readAttendanceReport } from '../attendance-report';
import { workingDayCalendarOf } from '../calendar/calendar-store';
import { datesIn, monthOf } from '../calendar-days';
import type { Database } from '../db/schema';

/**
 * The working days of a month up to `today`: Monday to Friday, less the center's holidays, plus
 * its make-up working days (`calendar`, kept by supervisors: src/contract/calendar.ts).
 */
export function workingDaysOf(month: string, today: LocalDate, calendar: WorkingDayCalendar): LocalDate[] {
  return datesIn(monthOf(`${month}-01`)).filter((date) => date <= today && isWorkingDay(date, calendar));
}

/** Every agent's attendance for a calendar month, judged by the shift policy: what a supervisor runs monthly (DOMAIN.md rule 6). */
export async function readAttendanceMonth(db: Kysely<Database>, month: string, policy: Policy, now: number): Promise<AttendanceMonthReport> {
  const range = monthOf(`${month}-01`);
  const today = localDateOf(now, policy.shift.utcOffsetMinutes);
  // Read once: every agent is judged by the same calendar, and the working days are the same list.
  const calendar = await workingDayCalendarOf(db, range);
  const workingDays = workingDaysOf(month, today, calendar);
  const agents = await db.selectFrom('agents').select(['agent_id', 'name']).where('role', '=', 'agent').orderBy('agent_id').execute();
  const rows = [];
  for (const agent of agents) {
    const report = await readAttendanceReport(db, agent.agent_id, range, policy.shift, calendar);
    const loggedIn = new Set(report.days.filter((day) => day.firstLoginAt !== null).map((day) => day.date));
    rows.push({
      agentId: agent.agent_id,
      name: agent.name,
      lateCount: report.month.lateCount,
      earlyLeaveCount: report.month.earlyLeaveCount,
      absentCount: report.month.absentCount,
      flagged: report.month.flagged,
      noLoginDays: workingDays.filter((date) => !loggedIn.has(date)),
    });
  }
  return { month, workingDays, rows };
}

const csvField = (value: string | number | boolean) => {
  const text = String(value);
  // Quoted when needed; a leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The month's report as CSV for Excel: UTF-8 with a BOM (Chinese headers and names), CRLF lines. */
export function attendanceMonthCsv(report: AttendanceMonthReport): string {
  const header = ['工号', '姓名', '迟到次数', '早退次数', '旷工次数', '超出月度限额', '未登录工作日数', '未登录工作日'];
  const lines = report.rows.map((row) =>
    [row.agentId, row.name, row.lateCount, row.earlyLeaveCount, row.absentCount, row.flagged ? '是' : '否', row.noLoginDays.length, row.noLoginDays.join(' ')].map(csvField).join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
