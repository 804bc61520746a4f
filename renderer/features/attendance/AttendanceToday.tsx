import { useTranslation } from 'react-i18next';
import type { AttendanceDay } from '../../../src/contract';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { attendanceFlags, type AttendanceFlag } from './attendance-flags';

const NOTHING = '—';

/**
 * Today's attendance as the server computed it: when the agent logged in and out, and the verdict.
 * Times are on the center's clock (the zone late and early are judged in), never the machine's.
 */
export function AttendanceToday({ day, now, utcOffsetMinutes }: { day: AttendanceDay | null; now: number; utcOffsetMinutes: number }) {
  const { t } = useTranslation();
  const time = (at: number | null) => {
    if (at === null) return NOTHING;
    const { date, time: clock } = wallTimeLabel(at, now, utcOffsetMinutes);
    return date === null ? clock : `${date} ${clock}`;
  };
  const flagText = (flag: AttendanceFlag) => ('minutes' in flag ? t(`attendance.${flag.kind}`, { minutes: flag.minutes }) : t(`attendance.${flag.kind}`));

  return (
    <section className="attendance card" aria-labelledby="attendance-title" data-testid="attendance-today" data-known={day !== null}>
      <h2 id="attendance-title">{t('attendance.title')}</h2>
      {day === null ? (
        <p className="attendance__unknown muted">{NOTHING}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('attendance.login')}</dt>
            <dd data-testid="attendance-login">{time(day.firstLoginAt)}</dd>
            <dt>{t('attendance.logout')}</dt>
            <dd data-testid="attendance-logout">{time(day.lastLogoutAt)}</dd>
          </dl>
          <ul className="attendance__flags">
            {attendanceFlags(day).map((flag) => (
              <li key={flag.kind} className={`badge badge--attendance-${flag.kind}`} data-testid="attendance-flag" data-flag={flag.kind}>
                {flagText(flag)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
