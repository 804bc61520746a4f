import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { utcOffsetLabel } from '../../../src/domain/local-time';
import { useDeskServices } from '../../shared/desk-services';
import { formatDuration } from '../../../src/domain/format-duration';
import { useDeskCommand } from '../../shared/use-desk-command';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { useLanguage } from '../../shared/use-language';
import { WrapUpPhrases } from '../phrases/WrapUpPhrases';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { isTextEntry, shortcutButton } from '../shortcuts/shortcut-targets';
import { WrapUpTicket } from '../tickets/WrapUpTicket';
import { useWrapUpDraft } from './use-wrap-up-draft';
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
 * down here; when main ends it (limit reached), the form stays open to finish. What is typed is
 * kept as a draft in main all along, so closing, a reload or a restart loses nothing.
 */
export function WrapUpForm({ callId, snapshot, now, onSaved, onClose }: WrapUpFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const grouped = useGroupedNumber();
  // The promised reply time is typed on the center's clock, whatever the machine's zone (DOMAIN.md rule 6's zone).
  const utcOffsetMinutes = snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes;
  const latestNow = useRef(now);
  latestNow.current = now;
  const schema = useMemo(() => wrapUpFormSchema({ utcOffsetMinutes, now: () => latestNow.current }), [utcOffsetMinutes]);
  const form = useForm<WrapUpFormValues>({ resolver: zodResolver(schema), defaultValues: emptyWrapUpForm });
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = form;
  const draft = useWrapUpDraft(callId, form, utcOffsetMinutes);
  const resolved = watch('resolved');
  const active = snapshot.wrapUp?.callId === callId ? snapshot.wrapUp : null;
  const call = snapshot.recentCalls.find((recent) => recent.callId === callId);
  const errorText = (message: string | undefined) => (message ? t(`wrapUp.${message}`) : null);

  // Main ended the wrap-up time (the agent is back to ready): keep what was typed up to now.
  const wasActive = useRef(active !== null);
  const { flush } = draft;
  useEffect(() => {
    if (wasActive.current && !active) void flush();
    wasActive.current = active !== null;
  }, [active, flush]);

  // Opened, the form takes the caret to its first field (once its draft is in), unless the agent
  // is typing in another field that is still there.
  const formElement = useRef<HTMLFormElement>(null);
  const focusedFirst = useRef(false);
  useEffect(() => {
    if (draft.load !== 'ready' || focusedFirst.current) return;
    focusedFirst.current = true;
    const focused = document.activeElement;
    if (focused && focused.isConnected && isTextEntry(focused) && !formElement.current?.contains(focused)) return;
    formElement.current?.querySelector<HTMLElement>('[data-testid="wrap-up-disposition"]')?.focus();
  }, [draft.load]);

  const onSubmit = handleSubmit(async (values) => {
    // The draft first, so a refused final save still leaves the newest text in main.
    await draft.flush();
    const result = await run(() => desk.saveWrapUp(toSaveWrapUp(callId, values, utcOffsetMinutes)));
    if (!result) return;
    draft.discard();
    onSaved({ callId, pendingSync: result.pendingSync, offline: snapshot.serverReachable === false });
  });

  return (
    <form ref={formElement} className="wrap-up card" onSubmit={onSubmit} noValidate data-testid="wrap-up" data-call-id={callId} data-draft-load={draft.load}>
      <div className="wrap-up__head">
        <h2>{t('wrapUp.title')}</h2>
        {call && <span className="muted">{t('wrapUp.forCall', { number: grouped(call.remoteNumber) })}</span>}
        {active ? (
          <span className={`wrap-up__deadline${active.deadline - now < 15_000 ? ' wrap-up__deadline--soon' : ''}`} data-testid="wrap-up-time-left">
            {t('wrapUp.timeLeft', { time: formatDuration(active.deadline - now + 999) })}
          </span>
        ) : (
          <span className="wrap-up__deadline wrap-up__deadline--draft" data-testid="wrap-up-time-up">
            {t('wrapUp.timeUp')}
          </span>
        )}
      </div>

      {draft.load === 'failed' && (
        <p className="form-error" role="alert" data-testid="wrap-up-draft-load-failed">
          {t('wrapUp.draftLoadFailed')}{' '}
          <button type="button" className="button button--small" onClick={draft.retryLoad}>
            {t('wrapUp.retry')}
          </button>
        </p>
      )}

      <fieldset className="wrap-up__fields" disabled={draft.load !== 'ready'}>
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
          <WrapUpPhrases form={form} snapshot={snapshot} callId={callId} />
          <label className="checkbox">
            <input type="checkbox" data-testid="wrap-up-resolved" {...register('resolved')} />
            <span>{t('wrapUp.resolved')}</span>
          </label>
          <label className="field">
            <span>
              {t('wrapUp.promisedReplyAt')} <span className="muted">{t('wrapUp.centerTime', { zone: utcOffsetLabel(utcOffsetMinutes) })}</span>
            </span>
            <input type="datetime-local" data-testid="wrap-up-promised-reply" disabled={resolved} aria-invalid={errors.promisedReplyAt ? true : undefined} {...register('promisedReplyAt')} />
            {errors.promisedReplyAt && <span className="field__error">{errorText(errors.promisedReplyAt.message)}</span>}
          </label>
          <WrapUpTicket callId={callId} form={form} utcOffsetMinutes={utcOffsetMinutes} />
        </div>
      </fieldset>

      <div className="wrap-up__actions">
        <span className={`wrap-up__draft-status wrap-up__draft-status--${draft.status}`} data-testid="wrap-up-draft-status" data-status={draft.status} aria-live="polite">
          {draft.status === 'idle' ? '' : t(`wrapUp.draft.${draft.status}`)}
        </span>
        {!active && (
          <button type="button" className="button button--quiet" data-testid="wrap-up-later" onClick={onClose}>
            {t('wrapUp.later')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-testid="wrap-up-save" {...shortcutButton('saveWrapUp')} disabled={isSubmitting || draft.load !== 'ready'}>
          {isSubmitting ? t('wrapUp.saving') : t('wrapUp.save')} <ShortcutHint id="saveWrapUp" />
        </button>
      </div>
    </form>
  );
}
