import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskApi, type DeskSnapshot } from '../../../src/contract';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { noticeText } from '../../i18n/notice-text';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { defaultHandoverForm, handOverAndLogOut, handoverCandidates, handoverFormSchema, logOutWithoutHandover, NEXT_SHIFT, toHandOver, type HandoverFormValues } from './handover-form';
import { useModalFocus } from '../../shared/use-modal-focus';

const label = ({ date, time }: { date: string | null; time: string }) => (date ? `${date} ${time}` : time);

interface HandoverDialogProps {
  snapshot: DeskSnapshot;
  now: number;
  desk: Pick<DeskApi, 'handOver' | 'logout'>;
  onCancel(): void;
}

/**
 * 交接班 before logging out (DOMAIN.md rule 7, "交得清，接得明"): every open promise and ticket,
 * all checked, each with a note; to a named colleague or the next shift; and a note for the whole.
 * 交接并退出 hands over, then logs out (a refused handover keeps the agent here, saying why);
 * 不交接，直接退出 logs out as before; 取消 (or Escape) stays logged in.
 */
export function HandoverDialog({ snapshot, now, desk, onCancel }: HandoverDialogProps) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
  const dialog = useRef<HTMLElement>(null);
  const utcOffsetMinutes = snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes;
  // The list as it was when the agent pressed logout: it does not shift under their hands. Every
  // item starts checked, to the next shift (defaultHandoverForm; the first paint says so too).
  const [candidates] = useState(() => handoverCandidates(snapshot));
  const colleagues = snapshot.colleagues;
  const schema = useMemo(() => handoverFormSchema(colleagues.map((colleague) => colleague.agentId)), [colleagues]);
  const [failure, setFailure] = useState<{ code: string; params: Record<string, string | number> } | null>(null);
  const [leaving, setLeaving] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<HandoverFormValues>({ resolver: zodResolver(schema), defaultValues: defaultHandoverForm(candidates) });
  const busy = isSubmitting || leaving;
  useModalFocus(dialog, () => {
    if (!busy) onCancel();
  });
  const errorText = (message: string | undefined) => (message ? t(`handover.${message}`) : null);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const outcome = await handOverAndLogOut(desk, toHandOver(values));
    if (!outcome.ok) setFailure({ code: outcome.code, params: outcome.params });
  });

  const leaveWithout = async () => {
    setFailure(null);
    setLeaving(true);
    const outcome = await logOutWithoutHandover(desk);
    setLeaving(false);
    if (!outcome.ok) setFailure({ code: outcome.code, params: outcome.params });
  };

  return (
    <div className="overlay">
      <section ref={dialog} className="handover card" role="dialog" aria-modal="true" aria-labelledby="handover-title" aria-describedby="handover-intro" data-testid="handover-dialog">
        <form onSubmit={onSubmit} noValidate>
          <h2 id="handover-title">{t('handover.title')}</h2>
          <p id="handover-intro" className="muted">
            {t('handover.intro', { count: candidates.length })}
          </p>
          <ul className="handover__items">
            {candidates.map((candidate, index) => (
              <li key={`${candidate.kind}:${candidate.id}`} className="handover__item" data-testid="handover-dialog-item" data-kind={candidate.kind} data-item-id={candidate.id}>
                <label className="checkbox">
                  <input type="checkbox" data-testid="handover-item-include" defaultChecked {...register(`items.${index}.include`)} />
                  <span className="badge badge--kind">{t(`handover.kind.${candidate.kind}`)}</span>
                  <span className="handover__item-title">{candidate.title || t('handover.untitled')}</span>
                </label>
                <span className="handover__item-meta muted">
                  {candidate.dueAt !== null && t('handover.dueAt', { at: label(wallTimeLabel(candidate.dueAt, now, utcOffsetMinutes)) })}
                  {candidate.remoteNumber && ` · ${grouped(candidate.remoteNumber)}`}
                </span>
                <input
                  className="handover__item-note"
                  data-testid="handover-item-note"
                  autoComplete="off"
                  maxLength={1_000}
                  placeholder={t('handover.itemNote')}
                  aria-label={t('handover.itemNoteFor', { title: candidate.title || t('handover.untitled') })}
                  {...register(`items.${index}.note`)}
                />
                {errors.items?.[index]?.note && <span className="field__error">{errorText(errors.items[index].note.message)}</span>}
              </li>
            ))}
          </ul>
          {errors.items?.message && (
            <p className="field__error" data-testid="handover-items-error">
              {errorText(errors.items.message)}
            </p>
          )}
          {errors.items?.root?.message && (
            <p className="field__error" data-testid="handover-items-error">
              {errorText(errors.items.root.message)}
            </p>
          )}
          <label className="field">
            <span>{t('handover.recipient')}</span>
            <select data-testid="handover-recipient" defaultValue={NEXT_SHIFT} aria-invalid={errors.recipient ? true : undefined} {...register('recipient')}>
              <option value={NEXT_SHIFT}>{t('handover.nextShift')}</option>
              {colleagues.map((colleague) => (
                <option key={colleague.agentId} value={colleague.agentId}>
                  {t('handover.colleague', { name: colleague.name || colleague.agentId, agentId: colleague.agentId })}
                </option>
              ))}
            </select>
            {errors.recipient && <span className="field__error">{errorText(errors.recipient.message)}</span>}
          </label>
          <label className="field">
            <span>{t('handover.note')}</span>
            <textarea data-testid="handover-note" rows={3} maxLength={2_000} placeholder={t('handover.notePlaceholder')} {...register('note')} />
            {errors.note && <span className="field__error">{errorText(errors.note.message)}</span>}
          </label>
          {failure && (
            <p className="form-error" role="alert" data-testid="handover-error" data-code={failure.code}>
              {noticeText(t, failure.code, failure.params)}
            </p>
          )}
          <div className="handover__actions">
            <button type="button" className="button button--quiet" data-testid="handover-cancel" disabled={busy} onClick={onCancel}>
              {t('handover.cancel')}
            </button>
            <button type="button" className="button" data-testid="handover-skip" disabled={busy} onClick={() => void leaveWithout()}>
              {t('handover.skip')}
            </button>
            <button type="submit" className="button button--primary" data-testid="handover-submit" disabled={busy}>
              {isSubmitting ? t('handover.submitting') : t('handover.submit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
