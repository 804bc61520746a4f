import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, DeskSnapshot } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { useGroupedNumber } from '../../shared/use-grouped-number';
import type { KeypadKey } from '../keypad/keypad-keys';
import { ConsultBar } from '../consult/ConsultBar';
import { TransferPanel } from '../transfer/TransferPanel';
import { CallPhrases } from '../phrases/CallPhrases';
import { EmergencyButton } from '../tickets/EmergencyButton';
import { AudioMeter } from './AudioMeter';
import { CallControls, type CallDrawer } from './CallControls';
import { DtmfKeypad } from './DtmfKeypad';
import { EndCallActions } from './EndCallActions';

/**
 * The call in progress, inbound or outbound. Media session ids are call ids (main opens one media
 * session per call). Render it keyed by call id: the tones sent and the open drawer belong to one call.
 */
export function CallPanel({ call, snapshot, now }: { call: CallView; snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const grouped = useGroupedNumber();
  const [drawer, setDrawer] = useState<CallDrawer>(null);
  const [dtmfSent, setDtmfSent] = useState('');
  const onDtmfSent = useCallback((tone: KeypadKey) => setDtmfSent((sent) => sent + tone), []);
  const talking = call.phase === 'talking';
  const title = !talking
    ? call.direction === 'outbound'
      ? t('call.dialling')
      : t('call.connecting')
    : call.consult?.conference
      ? t('consult.conference')
      : call.held
        ? t('call.held')
        : t('call.title');

  return (
    <section className={`call card${call.held ? ' call--held' : ''}`} data-testid="call-panel" data-phase={call.phase} data-direction={call.direction} data-held={call.held} data-muted={call.muted}>
      <div className="call__head">
        <h2 className="call__title" data-testid="call-title">
          {title}
        </h2>
        <span className={`history__direction history__direction--${call.direction}`} data-testid="call-direction">
          {t(`history.${call.direction}`)}
        </span>
        {call.muted && (
          <span className="badge badge--muted" data-testid="muted-badge">
            {t('call.mutedBadge')}
          </span>
        )}
      </div>
      <div className="caller">
        <div className="caller__number" data-testid="caller-number">
          {grouped(call.remoteNumber)}
        </div>
        {call.remoteDisplayName && <div className="caller__name">{call.remoteDisplayName}</div>}
      </div>
      <div className="call__timer" data-testid="call-timer" title={t('call.duration')}>
        {formatDuration(call.answeredAt === null ? 0 : now - call.answeredAt)}
      </div>
      {call.held && (
        <p className="call__held" role="status" data-testid="held-notice">
          {t('call.heldNotice')}
        </p>
      )}
      {call.late && (
        <p className="call__apology" role="alert" data-testid="apology-reminder">
          {t('call.apology', { maxRings: call.maxRings })}
        </p>
      )}
      {talking && snapshot.agent && snapshot.policy && (
        <p className="call__greeting" data-testid="greeting" data-direction={call.direction}>
          {t(call.direction === 'outbound' ? 'call.callbackGreeting' : 'call.greeting', { company: snapshot.policy.companyName, agentId: snapshot.agent.agentId })}
        </p>
      )}
      {talking && <CallPhrases call={call} snapshot={snapshot} />}
      <AudioMeter sessionId={call.mediaSessionId} />
      <CallControls call={call} drawer={talking ? drawer : null} onDrawer={setDrawer} />
      {call.consult && <ConsultBar call={call} consult={call.consult} now={now} />}
      {talking && drawer === 'keypad' && <DtmfKeypad callId={call.id} sent={dtmfSent} onSent={onDtmfSent} />}
      {talking && drawer === 'transfer' && !call.consult && <TransferPanel callId={call.id} directory={snapshot.directory} onClose={() => setDrawer(null)} />}
      {talking && <EmergencyButton call={call} />}
      <EndCallActions call={call} surveyExtension={snapshot.policy?.surveyExtension || null} />
    </section>
  );
}
