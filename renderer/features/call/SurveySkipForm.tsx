import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { QUICK_SKIP_REASONS, surveySkipFormSchema, type SurveySkipFormValues } from './survey-skip-form';

/** "Hang up without survey": asks why first, with the usual reasons one click away. */
export function SurveySkipForm({ callId, onCancel }: { callId: string; onCancel(): void }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SurveySkipFormValues>({ resolver: zodResolver(surveySkipFormSchema), defaultValues: { reason: '' } });

  const onSubmit = handleSubmit(async ({ reason }) => {
    await run(() => desk.endWithoutSurvey({ callId, reason }));
  });

  return (
    <form
      className="survey-skip"
      onSubmit={onSubmit}
      noValidate
      data-testid="survey-skip-form"
      onKeyDown={(event) => {
        // Escape goes back, as it closes any drawer or dialog of the desk.
        if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onCancel();
      }}
    >
      <p className="survey-skip__title">{t('call.skipReasonPrompt')}</p>
      <div className="survey-skip__choices">
        {QUICK_SKIP_REASONS.map((choice) => (
          <button
            key={choice}
            type="button"
            className="chip"
            data-testid="survey-skip-choice"
            data-reason={choice}
            onClick={() => setValue('reason', t(`call.skipReasons.${choice}`), { shouldValidate: true })}
          >
            {t(`call.skipReasons.${choice}`)}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('call.skipReason')}</span>
        <input data-testid="survey-skip-reason" autoComplete="off" autoFocus aria-invalid={errors.reason ? true : undefined} {...register('reason')} />
        {errors.reason?.message && <span className="field__error">{t(`call.${errors.reason.message}`)}</span>}
      </label>
      <div className="survey-skip__actions">
        <button type="button" className="button button--quiet" data-testid="survey-skip-cancel" onClick={onCancel}>
          {t('call.skipCancel')}
        </button>
        <button type="submit" className="button button--reject" data-testid="survey-skip-confirm" disabled={isSubmitting}>
          {t('call.skipConfirm')}
        </button>
      </div>
    </form>
  );
}
