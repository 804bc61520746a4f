import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { centerDateTimeToEpoch } from '../../../src/domain/local-time';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import type { WrapUpFormValues } from '../wrap-up/wrap-up-form';

interface WrapUpTicketProps {
  callId: string;
  form: UseFormReturn<WrapUpFormValues>;
  utcOffsetMinutes: number;
}

/**
 * 提交疑难反馈单 from the wrap-up (DOMAIN.md rule 3): a difficult call or complaint goes to the
 * supervisors with the call, the customer's name and contact and the promised reply time from the
 * form, and the content prefilled from the summary (the agent may reword it for the supervisor).
 */
export function WrapUpTicket({ callId, form, utcOffsetMinutes }: WrapUpTicketProps) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [open, setOpen] = useState(false);
  const [severity, setSeverity] = useState<'normal' | 'urgent'>('normal');
  const [content, setContent] = useState('');
  const [raising, setRaising] = useState(false);
  const [raisedId, setRaisedId] = useState<string | null>(null);

  const start = () => {
    setContent(form.getValues('summary'));
    setOpen(true);
  };

  const raise = async () => {
    const values = form.getValues();
    const promised = values.resolved ? Number.NaN : centerDateTimeToEpoch(values.promisedReplyAt, utcOffsetMinutes);
    setRaising(true);
    const result = await run(() =>
      desk.raiseTicket({
        callId,
        severity,
        content: content.trim(),
        customerName: values.customerName.trim(),
        customerContact: values.customerContact.trim(),
        promisedReplyAt: Number.isNaN(promised) ? null : promised,
      }),
    );
    setRaising(false);
    if (!result) return;
    setRaisedId(result.ticketId);
    setOpen(false);
  };

  if (raisedId) {
    return (
      <p className="wrap-up-ticket wrap-up-ticket--raised" role="status" data-testid="wrap-up-ticket-raised" data-ticket-id={raisedId}>
        {t('tickets.raised')}
      </p>
    );
  }
  if (!open) {
    return (
      <div className="wrap-up-ticket">
        <button type="button" className="button button--quiet" data-testid="wrap-up-ticket-open" onClick={start}>
          {t('tickets.raiseFromWrapUp')}
        </button>
      </div>
    );
  }
  return (
    <fieldset className="wrap-up-ticket field--wide" data-testid="wrap-up-ticket">
      <legend>{t('tickets.raiseFromWrapUp')}</legend>
      <div className="wrap-up-ticket__severity" role="radiogroup" aria-label={t('tickets.severityLabel')}>
        {(['normal', 'urgent'] as const).map((choice) => (
          <label key={choice} className="checkbox">
            <input type="radio" name={`ticket-severity-${callId}`} data-testid={`wrap-up-ticket-severity-${choice}`} checked={severity === choice} onChange={() => setSeverity(choice)} />
            <span>{t(`tickets.severity.${choice}`)}</span>
          </label>
        ))}
      </div>
      <label className="field field--wide">
        <span>{t('tickets.content')}</span>
        <textarea data-testid="wrap-up-ticket-content" rows={3} maxLength={20_000} value={content} onChange={(event) => setContent(event.target.value)} />
      </label>
      <div className="wrap-up-ticket__actions">
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          {t('tickets.cancel')}
        </button>
        <button type="button" className="button button--primary" data-testid="wrap-up-ticket-raise" disabled={raising || content.trim() === ''} onClick={() => void raise()}>
          {raising ? t('tickets.raising') : t('tickets.raise')}
        </button>
      </div>
    </fieldset>
  );
}
