import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import type { SupervisorAction } from '../../../src/contract';
import { localClockOf } from '../../../src/domain/local-time';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { boardStore, useBoardStore, type BoardSession } from '../../state/board-store';

const approvalFormSchema = z.object({ minutes: z.coerce.number().int().min(1).max(240), note: z.string().max(500) });
type ApprovalForm = z.input<typeof approvalFormSchema>;

/**
 * What a supervisor can do to the chosen seat: approve a longer busy (minutes from now, a note),
 * put a seat left ready into busy, end a stale session. Each is recorded on the server; the seat's
 * actions of the day show how its desk took them.
 */
export function SeatActions({ session, now }: { session: BoardSession; now: number }) {
  const { t } = useTranslation();
  const selected = useBoardStore((state) => state.selected);
  const seat = useBoardStore((state) => (state.selected ? state.seats[state.selected] : undefined));
  const actions = useBoardStore((state) => state.actions);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const approval = useForm<ApprovalForm>({ resolver: zodResolver(approvalFormSchema), defaultValues: { minutes: 15, note: '' } });
  const offset = session.policy.shift.utcOffsetMinutes;
  if (!selected || !seat) return null;

  const run = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(errorText(t, error));
    }
  };
  const record = (action: SupervisorAction) => boardStore.getState().actionChanged(action);
  const approve = approval.handleSubmit((values) =>
    run(async () => {
      const { minutes, note: approvalNote } = approvalFormSchema.parse(values);
      record(await boardApi.act(session.token, seat.agentId, { kind: 'approveBusy', until: now + minutes * 60_000, note: approvalNote }));
    }),
  );
  const forceBusy = () => run(async () => record(await boardApi.act(session.token, seat.agentId, { kind: 'forceBusy', note })));
  const endSession = () => run(async () => void (await boardApi.endSession(session.token, seat.agentId)));
  const ofSeat = Object.values(actions)
    .filter((action) => action.agentId === seat.agentId)
    .sort((a, b) => b.createdAt - a.createdAt);

  return (
    <section className="seat-actions" aria-label={t('actions.title', { agentId: seat.agentId })} data-testid="seat-actions">
      <header className="alerts-head">
        <h2>{t('actions.title', { agentId: seat.agentId, name: seat.name })}</h2>
        <button type="button" onClick={() => boardStore.getState().select(null)} aria-label={t('actions.close')}>
          ×
        </button>
      </header>
      {seat.state === 'busy' && (
        <form className="action-form" onSubmit={approve} noValidate>
          <label>
            {t('actions.minutes')}
            <input type="number" data-testid="approve-minutes" min={1} max={240} {...approval.register('minutes')} />
          </label>
          <label>
            {t('actions.note')}
            <input data-testid="approve-note" maxLength={500} {...approval.register('note')} />
          </label>
          {approval.formState.errors.minutes && <p className="field-error">{t('actions.minutesInvalid')}</p>}
          <button type="submit" data-testid="approve-busy">
            {t('actions.approveBusy')}
          </button>
        </form>
      )}
      {seat.state === 'ready' && (
        <div className="action-form">
          <label>
            {t('actions.note')}
            <input data-testid="force-busy-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="button" data-testid="force-busy" onClick={() => void forceBusy()}>
            {t('actions.forceBusy')}
          </button>
        </div>
      )}
      {seat.loginAt !== null && (
        <button type="button" className="danger" data-testid="end-session" onClick={() => void endSession()}>
          {t('actions.endSession')}
        </button>
      )}
      {failure && <p role="alert">{failure}</p>}
      <ol className="action-list">
        {ofSeat.map((action) => (
          <li key={action.id} data-testid="seat-action" data-outcome={action.outcome?.status ?? 'pending'}>
            {t(`actions.kind.${action.action.kind}`, {
              until: action.action.kind === 'approveBusy' ? localClockOf(action.action.until, offset) : '',
            })}{' '}
            · {action.by.agentId} {localClockOf(action.createdAt, offset)} ·{' '}
            {action.outcome ? t(`actions.outcome.${action.outcome.status}`, { reason: action.outcome.reason ?? '' }) : t('actions.outcome.pending')}
          </li>
        ))}
      </ol>
    </section>
  );
}
