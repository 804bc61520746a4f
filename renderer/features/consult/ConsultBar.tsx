import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, ConsultView } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { AudioMeter } from '../call/AudioMeter';

type ConsultAction = 'complete' | 'conference' | 'end';

/**
 * The consultation inside a call (咨询, DOMAIN.md rule 5): whom the agent is consulting while the
 * customer waits on hold, and the three ways out: hand the customer over (attended transfer),
 * join all three, or hang up the department and return to the customer.
 */
export function ConsultBar({ call, consult, now }: { call: CallView; consult: ConsultView; now: number }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const grouped = useGroupedNumber();
  const [pending, setPending] = useState<ConsultAction | null>(null);
  const answered = consult.phase === 'talking';
  const act = (which: ConsultAction, command: () => Promise<void>) => {
    setPending(which);
    void run(command).finally(() => setPending(null));
  };
  const status = consult.conference ? t('consult.conference') : answered ? t('consult.talking') : t('consult.connecting');

  return (
    <section className={`consult${consult.conference ? ' consult--conference' : ''}`} data-testid="consult-bar" data-phase={consult.phase} data-conference={consult.conference}>
      <div className="consult__head">
        <span className="consult__status" data-testid="consult-status">
          {status}
        </span>
        <span className="consult__party">
          {consult.name && <span data-testid="consult-name">{consult.name} </span>}
          <span data-testid="consult-number">{grouped(consult.number)}</span>
        </span>
        <span className="consult__timer muted">{formatDuration(now - consult.since)}</span>
      </div>
      {!consult.conference && <p className="muted">{t('consult.customerWaiting')}</p>}
      <AudioMeter sessionId={consult.callId} />
      <div className="consult__actions" role="toolbar" aria-label={t('consult.actions')}>
        <button
          type="button"
          className="button button--primary"
          data-testid="consult-complete"
          disabled={!answered || pending !== null}
          title={t('consult.completeHint')}
          onClick={() => act('complete', () => desk.completeTransfer({ callId: call.id }))}
        >
          {pending === 'complete' ? t('consult.completing') : t('consult.complete')}
        </button>
        {!consult.conference && (
          <button type="button" className="button" data-testid="consult-conference" disabled={!answered || pending !== null} onClick={() => act('conference', () => desk.conference({ callId: call.id }))}>
            {t('consult.join')}
          </button>
        )}
        <button type="button" className="button" data-testid="consult-end" disabled={pending !== null} onClick={() => act('end', () => desk.endConsult({ callId: call.id }))}>
          {consult.conference ? t('consult.dropDepartment') : t('consult.returnToCustomer')}
        </button>
      </div>
    </section>
  );
}
