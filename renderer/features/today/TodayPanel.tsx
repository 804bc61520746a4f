import { useTranslation } from 'react-i18next';
import type { DeskSnapshot, TodayFigures } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { HourlyBars } from './HourlyBars';
import { useToday } from './use-today';

const NOTHING = '—';

/**
 * 我的今日 (DOMAIN.md: agents should know how they are measured): the day's figures as the board
 * shows them for this seat (one computation), the ring each call was answered on, busy time
 * against the day's allowance, calls per hour, and today's survey results.
 */
export function TodayPanel({ snapshot }: { snapshot: DeskSnapshot }) {
  const { t } = useTranslation();
  const today = useToday(snapshot);
  if (!today) return null;
  const { figures, answeredOnRing, survey, busyAllowanceMs } = today;
  // First-contact promises (DOMAIN.md rule 3) not kept yet, and how many are past due; absent from an older main.
  const promises = today.promises as TodayFigures['promises'] | undefined;
  const busyMinutes = Math.floor(figures.busyMs / 60_000);
  const overAllowance = busyAllowanceMs > 0 && figures.busyMs > busyAllowanceMs;

  return (
    <section className="today card" aria-labelledby="today-title" data-testid="today" data-date={today.date}>
      <h2 id="today-title">{t('today.title')}</h2>
      <dl className="facts">
        <dt>{t('today.answered')}</dt>
        <dd data-testid="today-answered">{figures.answered}</dd>
        <dt>{t('today.missed')}</dt>
        <dd data-testid="today-missed">{figures.missed}</dd>
        <dt>{t('today.declined')}</dt>
        <dd data-testid="today-declined">{figures.declined}</dd>
        <dt>{t('today.averageHandle')}</dt>
        <dd data-testid="today-aht">{figures.averageHandleMs === null ? NOTHING : formatDuration(figures.averageHandleMs)}</dd>
        <dt>{t('today.busy')}</dt>
        <dd data-testid="today-busy" data-over={overAllowance} className={overAllowance ? 'today__over' : undefined}>
          {busyAllowanceMs > 0 ? t('today.busyOfAllowance', { minutes: busyMinutes, allowance: Math.round(busyAllowanceMs / 60_000) }) : t('today.busyMinutes', { minutes: busyMinutes })}
        </dd>
        {promises && (
          <>
            <dt>{t('today.promises')}</dt>
            <dd data-testid="today-promises" data-open={promises.open} data-overdue={promises.overdue} className={promises.overdue > 0 ? 'today__over' : undefined}>
              {promises.overdue > 0 ? t('today.promisesOverdue', promises) : t('today.promisesOpen', promises)}
            </dd>
          </>
        )}
      </dl>
      <p className="today__rings" data-testid="today-rings" data-rings={answeredOnRing.join(',')}>
        {t('today.rings')}{' '}
        {answeredOnRing.map((count, index) => (
          <span key={index} className="badge">
            {t(index === answeredOnRing.length - 1 && index > 0 ? 'today.ringLast' : 'today.ring', { ring: index + 1, count })}
          </span>
        ))}
      </p>
      <p className="today__survey" data-testid="today-survey" data-survey={`${survey.satisfied},${survey.neutral},${survey.dissatisfied},${survey.notRated},${survey.awaited}`}>
        {t('today.survey', survey)}
      </p>
      <HourlyBars offered={figures.offeredPerHour} answered={figures.answeredPerHour} />
    </section>
  );
}
