import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { KeepPromise } from '../../../src/contract';
import { noticeText } from '../../i18n/notice-text';
import { errorCode, errorParams } from '../../shared/error-code';
import { keepFormSchema, toKeepPromise, type KeepFormValues } from './keep-form';

interface KeepPromiseFormProps {
  promiseId: string;
  keep(command: KeepPromise): Promise<void>;
  onDone(): void;
  onCancel(): void;
}

/**
 * 已兑现: how it was kept, in a word or two (required). Main commits it before it answers; the row
 * then shows the promise kept from the next snapshot on. A refusal stays here with its reason.
 */
export function KeepPromiseForm({ promiseId, keep, onDone, onCancel }: KeepPromiseFormProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<{ code: string; params: Record<string, string | number> } | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<KeepFormValues>({ resolver: zodResolver(keepFormSchema), defaultValues: { note: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await keep(toKeepPromise(promiseId, values));
    } catch (error) {
      setFailure({ code: errorCode(error), params: errorParams(error) });
      return;
    }
    onDone();
  });

  return (
    <form
      className="promises__keep"
      onSubmit={onSubmit}
      noValidate
      data-testid="promise-keep-form"
      onKeyDown={(event) => {
        // Escape goes back, as it closes any small form of the desk.
        if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onCancel();
      }}
    >
      <label className="field">
        <span>{t('promises.keepNote')}</span>
        <input
          data-testid="promise-keep-note"
          autoComplete="off"
          autoFocus
          maxLength={2_000}
          placeholder={t('promises.keepNotePlaceholder')}
          aria-invalid={errors.note ? true : undefined}
          {...register('note')}
        />
        {errors.note?.message && (
          <span className="field__error" data-testid="promise-keep-note-error">
            {t(`promises.${errors.note.message}`)}
          </span>
        )}
      </label>
      {failure && (
        <p className="form-error" role="alert" data-testid="promise-keep-error" data-code={failure.code}>
          {noticeText(t, failure.code, failure.params)}
        </p>
      )}
      <div className="promises__keep-actions">
        <button type="button" className="button button--small button--quiet" data-testid="promise-keep-cancel" onClick={onCancel}>
          {t('promises.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary" data-testid="promise-keep-submit" disabled={isSubmitting}>
          {isSubmitting ? t('promises.keeping') : t('promises.keepConfirm')}
        </button>
      </div>
    </form>
  );
}
