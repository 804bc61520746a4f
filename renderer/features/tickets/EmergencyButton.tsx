import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { emergencyContent } from './emergency-content';

/**
 * 紧急 during the call (DOMAIN.md rule 3, 第二十四条): one click raises an emergency ticket for this
 * call at once, without waiting for the wrap-up; the line beside it lets the agent add a word
 * first. The call itself is not touched.
 */
export function EmergencyButton({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [note, setNote] = useState('');
  const [raising, setRaising] = useState(false);
  const [raised, setRaised] = useState(0);

  const raise = async () => {
    setRaising(true);
    const result = await run(() =>
      desk.raiseTicket({
        callId: call.id,
        severity: 'emergency',
        content: emergencyContent(t('tickets.emergencyDefault'), note),
        customerName: '',
        customerContact: '',
        promisedReplyAt: null,
      }),
    );
    setRaising(false);
    if (!result) return;
    setNote('');
    setRaised((count) => count + 1);
  };

  return (
    <div className="emergency" data-testid="emergency">
      <input
        className="emergency__note"
        data-testid="emergency-note"
        maxLength={2_000}
        placeholder={t('tickets.emergencyNote')}
        aria-label={t('tickets.emergencyNote')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !raising) void raise();
        }}
      />
      <button type="button" className="button button--danger" data-testid="emergency-raise" disabled={raising} onClick={() => void raise()} title={t('tickets.emergencyHint')}>
        {t('tickets.emergency')}
      </button>
      {raised > 0 && (
        <span className="emergency__raised" role="status" data-testid="emergency-raised">
          {t('tickets.emergencyRaised')}
        </span>
      )}
    </div>
  );
}
