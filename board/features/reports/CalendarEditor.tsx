import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CALENDAR_NAME_MAX, calendarDateSchema, calendarEntryRequestSchema, type CalendarEntry } from '../../../src/contract';
import { localClockOf, localDateOf } from '../../../src/domain/local-time';
import { weekdayOf } from '../../../src/domain/working-days';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { useLoaded } from '../../shared/use-loaded';
import type { BoardSession } from '../../state/board-store';

/** The server's own request schema, plus the date it goes to. */
const entryFormSchema = calendarEntryRequestSchema.extend({ date: calendarDateSchema });

/**
 * The working-day calendar of the shown month (src/contract/calendar.ts): its holidays and make-up
 * working days with who set them, a form to set one, a button to remove one. `revision` changes
 * after every change (here or in the report around it), so the list loads again.
 */
export function CalendarEditor({
  session,
  month,
  revision,
  onChanged,
}: {
  session: BoardSession;
  month: string;
  revision: number;
  onChanged: (date: string) => void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const onError = (error: unknown) => setFailure(errorText(t, error));
  const year: CalendarEntry[] | null = useLoaded(`${month.slice(0, 4)}@${revision}`, (key) => boardApi.calendar(session.token, key.slice(0, 4)), onError);
  const entries = (year ?? []).filter((entry) => entry.date.startsWith(`${month}-`));
  const offset = session.policy.shift.utcOffsetMinutes;
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(entryFormSchema), defaultValues: { date: '', kind: 'holiday' as const, name: '' } });

  const run = async (work: () => Promise<string>) => {
    setFailure(null);
    try {
      onChanged(await work());
    } catch (error) {
      setFailure(errorText(t, error));
    }
  };
  const add = handleSubmit(({ date, kind, name }) =>
    run(async () => {
      await boardApi.setCalendarEntry(session.token, date, { kind, name });
      resetField('date');
      resetField('name');
      return date;
    }),
  );
  const remove = (date: string) => run(async () => (await boardApi.removeCalendarEntry(session.token, date)).date);

  return (
    <section className="calendar-editor" aria-labelledby="calendar-title" data-testid="calendar-editor">
      <h3 id="calendar-title">{t('reports.calendar.title')}</h3>
      {year && entries.length === 0 && <p className="muted">{t('reports.calendar.none')}</p>}
      {entries.length > 0 && (
        <table className="report-table">
          <thead>
            <tr>
              {['date', 'kind', 'name', 'setBy'].map((column) => (
                <th key={column}>{t(`reports.calendar.column.${column}`)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.date} data-testid={`calendar-row-${entry.date}`} data-kind={entry.kind}>
                <td>
                  {entry.date} {t(`reports.calendar.weekday.${weekdayOf(entry.date)}`)}
                </td>
                <td className={`day-kind day-kind--${entry.kind}`}>{t(`reports.calendar.kind.${entry.kind}`)}</td>
                <td>{entry.name}</td>
                <td title={`${localDateOf(entry.setAt, offset)} ${localClockOf(entry.setAt, offset)}`}>
                  {t('reports.calendar.setByWho', { name: entry.setBy.name, agentId: entry.setBy.agentId })}
                </td>
                <td>
                  <button type="button" className="danger" data-testid={`calendar-remove-${entry.date}`} onClick={() => void remove(entry.date)}>
                    {t('reports.calendar.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="calendar-form" onSubmit={add} noValidate aria-busy={isSubmitting}>
        <label>
          {t('reports.calendar.column.date')}
          <input type="date" data-testid="calendar-date" {...register('date')} />
        </label>
        <label>
          {t('reports.calendar.column.kind')}
          <select data-testid="calendar-kind" {...register('kind')}>
            <option value="holiday">{t('reports.calendar.kind.holiday')}</option>
            <option value="workday">{t('reports.calendar.kind.workday')}</option>
          </select>
        </label>
        <label>
          {t('reports.calendar.column.name')}
          <input data-testid="calendar-name" maxLength={CALENDAR_NAME_MAX} placeholder={t('reports.calendar.namePlaceholder')} {...register('name')} />
        </label>
        <button type="submit" data-testid="calendar-add" disabled={isSubmitting}>
          {t('reports.calendar.add')}
        </button>
      </form>
      {errors.date && <p className="field-error">{t('reports.calendar.dateInvalid')}</p>}
      {errors.name && <p className="field-error">{t('reports.calendar.nameInvalid', { max: CALENDAR_NAME_MAX })}</p>}
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
