import { useTranslation } from 'react-i18next';
import type { CallView, DeskSnapshot } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { formatDuration } from '../../shared/format-duration';
import { useDeskCommand } from '../../shared/use-desk-command';
import { groupNumber } from '../ringing/group-number';
import { AudioMeter } from './AudioMeter';

/** The call in progress. Media session ids are call ids (main opens one media session per call). */
export function CallPanel({ call, snapshot, now }: { call: CallView; snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const talking = call.phase === 'talking';

  return (
    <section className="call card" data-testid="call-panel" data-phase={call.phase}>
      <h2 className="call__title">{talking ? t('call.title') : t('call.connecting')}</h2>
      <div className="caller">
        <div className="caller__number" data-testid="caller-number">
          {groupNumber(call.remoteNumber)}
        </div>
        {call.remoteDisplayName && <div className="caller__name">{call.remoteDisplayName}</div>}
      </div>
      <div className="call__timer" data-testid="call-timer" title={t('call.duration')}>
        {formatDuration(call.answeredAt === null ? 0 : now - call.answeredAt)}
      </div>
      {call.late && (
        <p className="call__apology" role="alert" data-testid="apology-reminder">
          {t('call.apology', { maxRings: call.maxRings })}
        </p>
      )}
      {talking && snapshot.agent && snapshot.policy && (
        <p className="call__greeting" data-testid="greeting">
          {t('call.greeting', { company: snapshot.policy.companyName, agentId: snapshot.agent.agentId })}
        </p>
      )}
      <AudioMeter sessionId={call.id} />
      <div className="call__actions">
        <button type="button" className="button button--reject" data-testid="hangup" onClick={() => void run(() => desk.hangup({ callId: call.id }))}>
          {t('call.hangup')}
        </button>
      </div>
    </section>
  );
}
