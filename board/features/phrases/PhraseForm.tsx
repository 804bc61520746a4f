import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PHRASE_CATEGORIES, PHRASE_PLACEHOLDERS, PHRASE_TEXT_MAX, PHRASE_TITLE_MAX, unknownPlaceholdersIn, type Disposition, type PhraseRequest } from '../../../src/contract';
import { phraseFormSchema, type PhraseFormValues } from './phrase-form-schema';

interface PhraseFormProps {
  initial: PhraseFormValues;
  dispositions: readonly Disposition[];
  language: 'zh-CN' | 'en';
  submitLabel: string;
  /** Empty the form once the phrase is saved (for adding one after another). */
  clearWhenDone?: boolean;
  /** Rejects when the server refused it: the form then keeps what was typed. */
  onSubmit(phrase: PhraseRequest): Promise<void>;
  onCancel?: () => void;
}

/** Writes one phrase: its category (and disposition), title and text with placeholders; checked by the server's schema. */
export function PhraseForm({ initial, dispositions, language, submitLabel, clearWhenDone = false, onSubmit, onCancel }: PhraseFormProps) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    watch,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(phraseFormSchema), defaultValues: initial });
  const save = handleSubmit(async (phrase) => {
    try {
      await onSubmit(phrase);
    } catch {
      // The view says why; what was typed stays, to be put right.
      return;
    }
    if (clearWhenDone) reset(initial);
  });
  const category = watch('category');
  const unknown = unknownPlaceholdersIn(watch('text'));

  return (
    <form className="phrase-form" data-testid="phrase-form" onSubmit={save} noValidate aria-busy={isSubmitting}>
      <label>
        {t('phrases.column.category')}
        <select data-testid="phrase-category" {...register('category')}>
          {PHRASE_CATEGORIES.map((option) => (
            <option key={option} value={option}>
              {t(`phrases.category.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {category === 'disposition' && (
        <label>
          {t('phrases.column.disposition')}
          <select data-testid="phrase-disposition" {...register('dispositionCode')}>
            <option value="">{t('phrases.form.dispositionPlaceholder')}</option>
            {dispositions.map((disposition) => (
              <option key={disposition.code} value={disposition.code}>
                {disposition.label[language]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('phrases.column.title')}
        <input data-testid="phrase-title" maxLength={PHRASE_TITLE_MAX} {...register('title')} />
      </label>
      <label className="phrase-form__text">
        {t('phrases.column.text')}
        <textarea data-testid="phrase-text-input" rows={3} maxLength={PHRASE_TEXT_MAX} {...register('text')} />
        <span className="muted">{t('phrases.form.placeholders', { list: PHRASE_PLACEHOLDERS.map((name) => `{${name}} ${t(`phrases.placeholder.${name}`)}`).join(' · ') })}</span>
      </label>
      <div className="phrase-form__actions">
        <button type="submit" data-testid="phrase-save" disabled={isSubmitting}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" data-testid="phrase-cancel" onClick={onCancel}>
            {t('phrases.cancel')}
          </button>
        )}
      </div>
      {errors.dispositionCode && <p className="field-error">{t('phrases.form.dispositionRequired')}</p>}
      {errors.title && <p className="field-error">{t('phrases.form.titleInvalid', { max: PHRASE_TITLE_MAX })}</p>}
      {errors.text && (
        <p className="field-error" data-testid="phrase-text-error">
          {unknown.length > 0
            ? t('phrases.form.unknownPlaceholder', { names: unknown.map((name) => `{${name}}`).join(' ') })
            : t('phrases.form.textInvalid', { max: PHRASE_TEXT_MAX })}
        </p>
      )}
    </form>
  );
}
