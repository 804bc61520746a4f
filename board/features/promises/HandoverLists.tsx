import { useTranslation } from 'react-i18next';
import type { Handover } from '../../../src/contract';
import { centerTime } from './center-time';
import { handoverWaitMs } from './promise-view';

interface TimeProps {
  /** The server's clock. */
  now: number;
  utcOffsetMinutes: number;
}

/** A wait in whole minutes (a clock-like 20:03 would read as a time of day next to the handover's). */
function useWaited() {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    return minutes < 60 ? t('handovers.waitedMinutes', { minutes }) : t('handovers.waitedHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
}

function useReceiver() {
  const { t } = useTranslation();
  return (handover: Handover) => (handover.to.kind === 'agent' ? t('promises.person', handover.to.agent) : t('handovers.nextShift'));
}

function HandoverItems({ handover, now, utcOffsetMinutes }: { handover: Handover } & TimeProps) {
  const { t } = useTranslation();
  return (
    <ul className="handover-items" data-testid="handover-items">
      {handover.items.map((item) => (
        <li key={`${item.kind}-${item.id}`} data-testid="handover-item" data-kind={item.kind} data-open={item.open}>
          <span className="handover-item__kind">{t(`handovers.kind.${item.kind}`)}</span> <span>{item.title}</span>{' '}
          <span className="promise-number" data-testid="handover-item-number">
            {item.remoteNumber || '—'}
          </span>{' '}
          <span className="muted">{item.dueAt === null ? t('handovers.noDue') : t('handovers.due', { time: centerTime(item.dueAt, now, utcOffsetMinutes) })}</span>
          {!item.open && <span className="muted"> {t('handovers.itemDone')}</span>}
          {item.note && <q>{item.note}</q>}
        </li>
      ))}
    </ul>
  );
}

/** Handovers nobody has accepted yet (交接班: "交得清，接得明"), the one waiting longest first, with how long. */
export function PendingHandoverList({ handovers, now, utcOffsetMinutes }: { handovers: readonly Handover[] } & TimeProps) {
  const { t } = useTranslation();
  const receiver = useReceiver();
  const waited = useWaited();
  if (handovers.length === 0) {
    return (
      <p className="muted" data-testid="handovers-pending-empty">
        {t('handovers.pendingEmpty')}
      </p>
    );
  }
  return (
    <ul className="handover-list" data-testid="handovers-pending">
      {handovers.map((handover) => (
        <li key={handover.id} className="handover" data-testid="handover-pending" data-handover-id={handover.id} data-to={handover.to.kind}>
          <div className="handover-line">
            <strong>{t('handovers.fromTo', { from: t('promises.person', handover.from), to: receiver(handover) })}</strong>
            <span data-testid="handover-waited" data-waited-ms={handoverWaitMs(handover, now)}>
              {t('handovers.waited', { duration: waited(handoverWaitMs(handover, now)) })}
            </span>
          </div>
          <div className="muted">{t('handovers.handedAt', { time: centerTime(handover.handedAt, now, utcOffsetMinutes) })}</div>
          {handover.note && <q className="handover-note">{handover.note}</q>}
          <HandoverItems handover={handover} now={now} utcOffsetMinutes={utcOffsetMinutes} />
        </li>
      ))}
    </ul>
  );
}

/** A day's accepted handovers: who took them over, and when. */
export function AcceptedHandoverList({ handovers, now, utcOffsetMinutes }: { handovers: readonly Handover[] } & TimeProps) {
  const { t } = useTranslation();
  const receiver = useReceiver();
  if (handovers.length === 0) {
    return (
      <p className="muted" data-testid="handovers-accepted-empty">
        {t('handovers.acceptedEmpty')}
      </p>
    );
  }
  return (
    <ul className="handover-list" data-testid="handovers-accepted">
      {handovers.map((handover) => (
        <li key={handover.id} className="handover handover--accepted" data-testid="handover-accepted" data-handover-id={handover.id} data-to={handover.to.kind}>
          <div className="handover-line">
            <strong>{t('handovers.fromTo', { from: t('promises.person', handover.from), to: receiver(handover) })}</strong>
            {handover.accepted && (
              <span data-testid="handover-accepted-by">
                {t('handovers.acceptedBy', { by: t('promises.person', handover.accepted.by), time: centerTime(handover.accepted.at, now, utcOffsetMinutes) })}
              </span>
            )}
          </div>
          <div className="muted">{t('handovers.handedAt', { time: centerTime(handover.handedAt, now, utcOffsetMinutes) })}</div>
          {handover.note && <q className="handover-note">{handover.note}</q>}
          <HandoverItems handover={handover} now={now} utcOffsetMinutes={utcOffsetMinutes} />
        </li>
      ))}
    </ul>
  );
}
