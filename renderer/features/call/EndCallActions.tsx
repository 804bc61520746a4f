import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { shortcutButton } from '../shortcuts/shortcut-targets';
import { SurveySkipForm } from './SurveySkipForm';

/**
 * Ending a call (DOMAIN.md rule 4). In conversation the primary action hands the caller to the
 * satisfaction survey; hanging up without it asks for a reason. A call not connected yet (an
 * outbound call still ringing out) has had no conversation to rate: it is simply cancelled.
 */
export function EndCallActions({ call, surveyExtension }: { call: CallView; surveyExtension: string | null }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [askingReason, setAskingReason] = useState(false);
  const [ending, setEnding] = useState(false);

  if (call.phase !== 'talking') {
    return (
      <div className="call__actions">
        <button type="button" className="button button--reject" data-testid="hangup" {...shortcutButton('hangup')} onClick={() => void run(() => desk.hangup({ callId: call.id }))}>
          {call.direction === 'outbound' ? t('call.cancelCall') : t('call.hangup')} <ShortcutHint id="hangup" />
        </button>
      </div>
    );
  }

  const endWithSurvey = () => {
    setEnding(true);
    void run(() => desk.endWithSurvey({ callId: call.id })).finally(() => setEnding(false));
  };

  // Alt+H is the primary way to end (rule 4: with the survey); without a survey extension, the plain hang-up.
  const hangupShortcut = shortcutButton('hangup');
  return (
    <>
      <div className="call__actions">
        <button
          type="button"
          className="button button--primary button--end-survey"
          data-testid="end-with-survey"
          {...(surveyExtension ? hangupShortcut : {})}
          disabled={ending || !surveyExtension}
          title={surveyExtension ? t('call.endWithSurveyHint', { extension: surveyExtension }) : t('call.noSurvey')}
          onClick={endWithSurvey}
        >
          {t('call.endWithSurvey')}
          {surveyExtension && <ShortcutHint id="hangup" />}
        </button>
        <button
          type="button"
          className="button button--quiet"
          data-testid="hangup"
          {...(surveyExtension ? {} : hangupShortcut)}
          aria-expanded={askingReason}
          disabled={ending}
          onClick={() => setAskingReason((open) => !open)}
        >
          {t('call.hangupWithoutSurvey')}
          {!surveyExtension && <ShortcutHint id="hangup" />}
        </button>
      </div>
      {askingReason && <SurveySkipForm callId={call.id} onCancel={() => setAskingReason(false)} />}
    </>
  );
}
