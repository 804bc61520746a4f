import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { secondsLeft } from '../../../src/domain/format-duration';
import { useDeskCommand } from '../../shared/use-desk-command';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import { ShortcutHint } from '../shortcuts/ShortcutHint';
import { shortcutButton } from '../shortcuts/shortcut-targets';
import type { RingCueLog } from './ring-cue';

/**
 * The offer: who is calling, which ring of how many, how long is left, answer or reject.
 * `cues` is what the ringtone sounded for it (exposed so tests can check the cadence follows main).
 */
export function RingingPrompt({ call, now, cues }: { call: CallView; now: number; cues: RingCueLog }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const grouped = useGroupedNumber();
  const [sent, setSent] = useState(false);
  const answerButton = useRef<HTMLButtonElement>(null);
  const lastRing = call.ring >= call.maxRings;
  const respond = (command: () => Promise<void>) => {
    setSent(true);
    void run(command).finally(() => setSent(false));
  };

  // A ring never takes the caret from where the agent is typing (Alt+A answers from there); with
  // nothing focused, Enter on the answer button is the keyboard's natural way to take the call.
  useEffect(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) answerButton.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section
      className={`ringing card${lastRing ? ' ringing--last' : ''}`}
      role="alertdialog"
      aria-labelledby="ringing-title"
      data-testid="ringing"
      data-last-ring={lastRing}
      data-ring-cues={cues.callId === call.id ? cues.count : 0}
      data-ring-cue={cues.callId === call.id ? (cues.lastCue ?? '') : ''}
    >
      <h2 id="ringing-title" className="ringing__title">
        <span className="ringing__bell" aria-hidden="true" />
        {t('ringing.title')}
      </h2>
      <div className="caller">
        <div className="caller__number" data-testid="caller-number">
          {call.remoteNumber ? grouped(call.remoteNumber) : t('ringing.unknownCaller')}
        </div>
        {/* The display name comes from the network: plain text only, never markup. */}
        {call.remoteDisplayName && (
          <div className="caller__name" data-testid="caller-name">
            {call.remoteDisplayName}
          </div>
        )}
      </div>
      <div className="ringing__meter">
        <div className="ring-dots" aria-hidden="true">
          {Array.from({ length: call.maxRings }, (_, index) => (
            <span key={index} className={`ring-dot${index < call.ring ? ' ring-dot--on' : ''}`} />
          ))}
        </div>
        <span className="ringing__ring">
          {t('ringing.ring')} <span data-testid="ring-count">{`${call.ring}/${call.maxRings}`}</span>
        </span>
        <span className="ringing__left" data-testid="ring-time-left">
          {t('ringing.timeLeft', { seconds: secondsLeft(call.ringDeadline, now) })}
        </span>
      </div>
      {lastRing && (
        <p className="ringing__urgent" role="alert">
          {t('ringing.lastRing')}
        </p>
      )}
      <div className="ringing__actions">
        <button
          ref={answerButton}
          type="button"
          className="button button--answer"
          data-testid="answer"
          {...shortcutButton('answer')}
          disabled={sent}
          onClick={() => respond(() => desk.answer({ callId: call.id }))}
        >
          {t('ringing.answer')} <ShortcutHint id="answer" />
        </button>
        <button type="button" className="button button--reject" data-testid="reject" {...shortcutButton('reject')} disabled={sent} onClick={() => respond(() => desk.reject({ callId: call.id }))}>
          {t('ringing.reject')} <ShortcutHint id="reject" />
        </button>
      </div>
    </section>
  );
}
