import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Disposition } from '../../../src/contract';
import { useLanguage } from '../../shared/use-language';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { shortcutField } from '../shortcuts/shortcut-targets';
import { emptyHistoryForm, historyFormSchema, type HistoryFormValues } from './history-form';

const RATINGS = ['satisfied', 'neutral', 'dissatisfied', 'none'] as const;

interface HistorySearchFormProps {
  dispositions: Disposition[];
  onSearch(values: HistoryFormValues): void;
}

/** The conditions of a history search; every one given must hold. Enter searches, 清除 shows all calls again. */
export function HistorySearchForm({ dispositions, onSearch }: HistorySearchFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<HistoryFormValues>({ resolver: zodResolver(historyFormSchema), defaultValues: emptyHistoryForm });
  const errorText = (message: string | undefined) => (message ? <span className="field__error">{t(`history.form.${message}`)}</span> : null);

  return (
    <form
      className="history-search"
      data-testid="history-search"
      role="search"
      noValidate
      onSubmit={handleSubmit(onSearch)}
      onReset={(event) => {
        event.preventDefault();
        reset(emptyHistoryForm);
        onSearch(emptyHistoryForm);
      }}
    >
      <label className="field">
        <span>
          {t('history.form.number')} <ShortcutHint id="searchHistory" />
        </span>
        <input data-testid="history-number" {...shortcutField('searchHistory')} inputMode="tel" autoComplete="off" placeholder={t('history.form.numberHint')} aria-invalid={errors.number ? true : undefined} {...register('number')} />
        {errorText(errors.number?.message)}
      </label>
      <label className="field">
        <span>{t('history.form.name')}</span>
        <input data-testid="history-name" autoComplete="off" aria-invalid={errors.name ? true : undefined} {...register('name')} />
        {errorText(errors.name?.message)}
      </label>
      <label className="field history-search__wide">
        <span>{t('history.form.summary')}</span>
        <input data-testid="history-summary" autoComplete="off" placeholder={t('history.form.summaryHint')} aria-invalid={errors.summary ? true : undefined} {...register('summary')} />
        {errorText(errors.summary?.message)}
      </label>
      <label className="field">
        <span>{t('history.form.from')}</span>
        <input type="date" data-testid="history-from" aria-invalid={errors.from ? true : undefined} {...register('from')} />
        {errorText(errors.from?.message)}
      </label>
      <label className="field">
        <span>{t('history.form.to')}</span>
        <input type="date" data-testid="history-to" aria-invalid={errors.to ? true : undefined} {...register('to')} />
        {errorText(errors.to?.message)}
      </label>
      <label className="field">
        <span>{t('history.form.disposition')}</span>
        <select data-testid="history-disposition" {...register('disposition')}>
          <option value="">{t('history.form.any')}</option>
          {dispositions.map((disposition) => (
            <option key={disposition.code} value={disposition.code}>
              {disposition.label[language]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('history.form.direction')}</span>
        <select data-testid="history-direction" {...register('direction')}>
          <option value="">{t('history.form.any')}</option>
          <option value="inbound">{t('history.inbound')}</option>
          <option value="outbound">{t('history.outbound')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('history.form.rating')}</span>
        <select data-testid="history-rating" {...register('rating')}>
          <option value="">{t('history.form.any')}</option>
          {RATINGS.map((rating) => (
            <option key={rating} value={rating}>
              {t(`history.form.ratings.${rating}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="history-search__actions">
        <button type="reset" className="button button--small button--quiet" data-testid="history-clear">
          {t('history.form.clear')}
        </button>
        <button type="submit" className="button button--small button--primary" data-testid="history-submit">
          {t('history.form.search')}
        </button>
      </div>
    </form>
  );
}
