import { useTranslation } from 'react-i18next';
import type { AttendanceDay } from '../../../src/contract';
import { useLanguage } from '../../shared/use-language';
import { attendanceFlags, type AttendanceFlag } from './attendance-flags';

const NOTHING = '—';

/** Today's attendance as the server computed it: when the agent logged in and out, and the verdict. */
export function AttendanceToday({ day }: { day: AttendanceDay | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const time = (at: number | null) => (at === null ? NOTHING : timeFormat.format(at));
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
