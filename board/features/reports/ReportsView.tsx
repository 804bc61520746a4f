import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceMonthReport, DayReport } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { localDateOf } from '../../../src/domain/local-time';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { useLoaded } from '../../shared/use-loaded';
import { useBoardStore, type BoardSession } from '../../state/board-store';
import { CalendarEditor } from './CalendarEditor';
import { HourlyChart } from './HourlyChart';

/** The day's calls per hour and per agent, and the month's attendance with its CSV export and the working-day calendar it is judged by. */
export function ReportsView({ session }: { session: BoardSession }) {
  const { t } = useTranslation();
  const serverOffset = useBoardStore((state) => state.serverOffsetMs);
  const today = localDateOf(Date.now() + serverOffset, session.policy.shift.utcOffsetMinutes);
  const [date, setDate] = useState(today);
  const [month, setMonth] = useState(today.slice(0, 7));
  // Bumped by every change of the calendar: the month's report and the calendar load again.
  const [calendarRevision, setCalendarRevision] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const onError = (error: unknown) => setFailure(errorText(t, error));
  const day: DayReport | null = useLoaded(date, (chosen) => boardApi.dayReport(session.token, chosen), onError);
  const attendance: AttendanceMonthReport | null = useLoaded(`${month}@${calendarRevision}`, (key) => boardApi.attendanceMonth(session.token, key.slice(0, 7)), onError);
  const calendarChanged = (changed: string) => {
    setCalendarRevision((revision) => revision + 1);
    // A date set in another month: show that month, where it counts.
    if (!changed.startsWith(`${month}-`)) setMonth(changed.slice(0, 7));
  };

  const exportCsv = async () => {
    try {
      const blob = await boardApi.attendanceCsv(session.token, month);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `attendance-${month}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setFailure(errorText(t, error));
    }
  };

  return (
    <div className="reports" data-testid="reports">
      {failure && <p role="alert">{failure}</p>}
      <section className="report-card">
        <header className="alerts-head">
          <h2>{t('reports.dayTitle')}</h2>
          <input type="date" data-testid="report-date" value={date} onChange={(event) => event.target.value && setDate(event.target.value)} />
        </header>
        {day && (
          <>
            <HourlyChart offered={day.offeredPerHour} answered={day.answeredPerHour} missed={day.missedPerHour} />
            <table className="report-table" data-testid="day-report">
              <thead>
                <tr>
                  {['agentId', 'name', 'answered', 'missed', 'declined', 'aht', 'busyUsed'].map((column) => (
                    <th key={column}>{t(`reports.column.${column}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {day.agents.map(({ agentId, name, figures }) => (
                  <tr key={agentId} data-testid={`day-row-${agentId}`}>
                    <td>{agentId}</td>
                    <td>{name}</td>
                    <td>{figures.answered}</td>
                    <td>{figures.missed}</td>
                    <td>{figures.declined}</td>
                    <td>{figures.averageHandleMs === null ? '' : formatDuration(figures.averageHandleMs)}</td>
                    <td>{Math.floor(figures.busyMs / 60_000)}′</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="report-card">
        <header className="alerts-head">
          <h2>{t('reports.monthTitle')}</h2>
          <span>
            <input type="month" data-testid="report-month" value={month} onChange={(event) => event.target.value && setMonth(event.target.value)} />{' '}
            <button type="button" data-testid="export-csv" onClick={() => void exportCsv()}>
              {t('reports.exportCsv')}
            </button>
          </span>
        </header>
        {attendance && (
          <table className="report-table" data-testid="attendance-report">
            <thead>
              <tr>
                {['agentId', 'name', 'late', 'early', 'absent', 'flagged', 'noLogin'].map((column) => (
                  <th key={column}>{t(`reports.column.${column}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {attendance.rows.map((row) => (
                <tr key={row.agentId} className={row.flagged ? 'flagged' : ''} data-testid={`attendance-row-${row.agentId}`}>
                  <td>{row.agentId}</td>
                  <td>{row.name}</td>
                  <td>{row.lateCount}</td>
                  <td>{row.earlyLeaveCount}</td>
                  <td>{row.absentCount}</td>
                  <td>{row.flagged ? t('reports.yes') : ''}</td>
                  <td title={row.noLoginDays.join(' ')}>{row.noLoginDays.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {attendance && (
          <p className="muted" data-testid="working-days" data-count={attendance.workingDays.length}>
            {t('reports.workingDays', { count: attendance.workingDays.length })}
          </p>
        )}
        <CalendarEditor session={session} month={month} revision={calendarRevision} onChanged={calendarChanged} />
      </section>
    </div>
  );
}
