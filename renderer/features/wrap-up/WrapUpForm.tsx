import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { formatDuration } from '../../shared/format-duration';
import { useDeskCommand } from '../../shared/use-desk-command';
import { useLanguage } from '../../shared/use-language';
import { groupNumber } from '../ringing/group-number';
import { emptyWrapUpForm, toSaveWrapUp, wrapUpFormSchema, type WrapUpFormValues } from './wrap-up-form';

export interface WrapUpSaved {
  callId: string;
  pendingSync: number;
  offline: boolean;
}

interface WrapUpFormProps {
  callId: string;
  snapshot: DeskSnapshot;
  now: number;
  onSaved(result: WrapUpSaved): void;
  onClose(): void;
}

/**
 * After-call work for one call. While main's wrap-up for this call runs, its deadline counts
 * down here; when main ends it (limit reached), the form stays open as a draft to finish.
 */
export function WrapUpForm({ callId, snapshot, now, onSaved, onClose }: WrapUpFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<WrapUpFormValues>({ resolver: zodResolver(wrapUpFormSchema), defaultValues: emptyWrapUpForm });
  const resolved = watch('resolved');
  const active = snapshot.wrapUp?.callId === callId ? snapshot.wrapUp : null;
  const call = snapshot.recentCalls.find((recent) => recent.callId === callId);
  const errorText = (message: string | undefined) => (message ? t(`wrapUp.${message}`) : null);

  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => desk.saveWrapUp(toSaveWrapUp(callId, values)));
    if (result) onSaved({ callId, pendingSync: result.pendingSync, offline: snapshot.serverReachable === false });
  });

  return (
    <form className="wrap-up card" onSubmit={onSubmit} noValidate data-testid="wrap-up" data-call-id={callId}>
      <div className="wrap-up__head">
        <h2>{t('wrapUp.title')}</h2>
        {call && <span className="muted">{t('wrapUp.forCall', { number: groupNumber(call.remoteNumber) })}</span>}
        {active ? (
          <span className={`wrap-up__deadline${active.deadline - now < 15_000 ? ' wrap-up__deadline--soon' : ''}`} data-testid="wrap-up-time-left">
            {t('wrapUp.timeLeft', { time: formatDuration(active.deadline - now + 999) })}
          </span>
        ) : (
          <span className="wrap-up__deadline wrap-up__deadline--draft">{t('wrapUp.timeUp')}</span>
        )}
      </div>

      <div className="form-grid">
        <label className="field">
          <span>{t('wrapUp.disposition')}</span>
          <select data-testid="wrap-up-disposition" aria-invalid={errors.disposition ? true : undefined} {...register('disposition')}>
            <option value="">{t('wrapUp.dispositionPlaceholder')}</option>
            {snapshot.dispositions.map((disposition) => (
              <option key={disposition.code} value={disposition.code}>
                {disposition.label[language]}
              </option>
            ))}
          </select>
          {errors.disposition && <span className="field__error">{errorText(errors.disposition.message)}</span>}
        </label>
        <label className="field">
          <span>{t('wrapUp.customerName')}</span>
          <input data-testid="wrap-up-customer-name" autoComplete="off" {...register('customerName')} />
          {errors.customerName && <span className="field__error">{errorText(errors.customerName.message)}</span>}
        </label>
        <label className="field">
          <span>{t('wrapUp.customerContact')}</span>
          <input data-testid="wrap-up-customer-contact" autoComplete="off" {...register('customerContact')} />
          {errors.customerContact && <span className="field__error">{errorText(errors.customerContact.message)}</span>}
        </label>
        <label className="field field--wide">
          <span>{t('wrapUp.summary')}</span>
          <textarea data-testid="wrap-up-summary" rows={4} {...register('summary')} />
          {errors.summary && <span className="field__error">{errorText(errors.summary.message)}</span>}
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="wrap-up-resolved" {...register('resolved')} />
          <span>{t('wrapUp.resolved')}</span>
        </label>
        <label className="field">
          <span>{t('wrapUp.promisedReplyAt')}</span>
          <input type="datetime-local" data-testid="wrap-up-promised-reply" disabled={resolved} aria-invalid={errors.promisedReplyAt ? true : undefined} {...register('promisedReplyAt')} />
          {errors.promisedReplyAt && <span className="field__error">{errorText(errors.promisedReplyAt.message)}</span>}
        </label>
      </div>

      <div className="wrap-up__actions">
        {!active && (
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('wrapUp.cancel')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-testid="wrap-up-save" disabled={isSubmitting}>
          {isSubmitting ? t('wrapUp.saving') : t('wrapUp.save')}
        </button>
      </div>
    </form>
  );
}
