import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPolicy, type DeskApi, type DeskSnapshot, type HandoverView } from '../../../src/contract';
import { wallTimeLabel } from '../../../src/domain/local-time';
import { noticeText } from '../../i18n/notice-text';
import { useDeskServices } from '../../shared/desk-services';
import { errorCode, errorParams } from '../../shared/error-code';
import { useGroupedNumber } from '../../shared/use-grouped-number';

const label = ({ date, time }: { date: string | null; time: string }) => (date ? `${date} ${time}` : time);

type Failure = { code: string; params: Record<string, string | number> };

/** 接收: asks main, which asks the server (someone else may have been first). Resolves with the failure, or null. */
export async function acceptHandover(desk: Pick<DeskApi, 'acceptHandover'>, handoverId: string): Promise<Failure | null> {
  try {
    await desk.acceptHandover({ handoverId });
    return null;
  } catch (error) {
    return { code: errorCode(error), params: errorParams(error) };
  }
}

function personName(person: HandoverView['to']): string {
  return person === 'nextShift' ? '' : person.name || person.agentId;
}

function IncomingHandover({ handover, now, utcOffsetMinutes }: { handover: HandoverView; now: number; utcOffsetMinutes: number }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const grouped = useGroupedNumber();
  const [accepting, setAccepting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const accept = async () => {
    setAccepting(true);
    setFailure(null);
    setFailure(await acceptHandover(desk, handover.id));
    setAccepting(false);
  };

  return (
    <li className="handovers__entry" data-testid="handover-incoming" data-handover-id={handover.id} data-status={handover.status}>
      <div className="handovers__head">
        <strong data-testid="handover-from">{t('handover.from', { name: handover.from.name || handover.from.agentId })}</strong>
        <span className="muted">{handover.to === 'nextShift' ? t('handover.toNextShift') : t('handover.toYou')}</span>
        <span className="muted handovers__when" data-testid="handover-when" data-handed-at={handover.handedAt}>
          {label(wallTimeLabel(handover.handedAt, now, utcOffsetMinutes))}
        </span>
      </div>
      {handover.note && (
        <p className="handovers__note" data-testid="handover-note-text">
          {handover.note}
        </p>
      )}
      <ul className="handovers__items">
        {handover.items.map((item) => (
          <li key={`${item.kind}:${item.id}`} className={`handovers__item${item.open ? '' : ' handovers__item--done'}`} data-testid="handover-item" data-kind={item.kind} data-item-id={item.id} data-open={item.open}>
            <span className="badge badge--kind">{t(`handover.kind.${item.kind}`)}</span>
            <span className="handovers__item-title">{item.title || t('handover.untitled')}</span>
            <span className={`badge ${item.open ? 'badge--open' : 'badge--done'}`} data-testid="handover-item-state">
              {item.open ? t('handover.itemOpen') : t('handover.itemDone')}
            </span>
            {(item.dueAt !== null || item.remoteNumber) && (
              <span className="muted handovers__item-meta">
                {item.dueAt !== null && t('handover.dueAt', { at: label(wallTimeLabel(item.dueAt, now, utcOffsetMinutes)) })}
                {item.remoteNumber && ` · ${grouped(item.remoteNumber)}`}
              </span>
            )}
            {item.note && (
              <span className="handovers__item-note" data-testid="handover-item-note-text">
                {item.note}
              </span>
            )}
          </li>
        ))}
      </ul>
      {failure && (
        <p className="form-error" role="alert" data-testid="handover-accept-error" data-code={failure.code}>
          {noticeText(t, failure.code, failure.params)}
        </p>
      )}
      <button type="button" className="button button--primary" data-testid="handover-accept" disabled={accepting} onClick={() => void accept()}>
        {accepting ? t('handover.accepting') : t('handover.accept')}
      </button>
    </li>
  );
}

/**
 * 交接班, the receiving side (DOMAIN.md rule 7): handovers to this agent or the next shift, each
 * with its items, to accept; then the agent's own handovers still waiting for a receiver.
 */
export function IncomingHandovers({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const utcOffsetMinutes = snapshot.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes;
  const { incoming, outgoing } = snapshot.handovers;
  const waiting = outgoing.filter((handover) => handover.status !== 'accepted');
  if (incoming.length === 0 && waiting.length === 0) return null;

  return (
    <>
      {incoming.length > 0 && (
        <section className="handovers handovers--incoming card" aria-labelledby="handovers-incoming-title" data-testid="handovers-incoming">
          <h2 id="handovers-incoming-title">{t('handover.incomingTitle', { count: incoming.length })}</h2>
          <ul className="handovers__list">
            {incoming.map((handover) => (
              <IncomingHandover key={handover.id} handover={handover} now={now} utcOffsetMinutes={utcOffsetMinutes} />
            ))}
          </ul>
        </section>
      )}
      {waiting.length > 0 && (
        <section className="handovers handovers--outgoing card" aria-labelledby="handovers-outgoing-title" data-testid="handovers-outgoing">
          <h2 id="handovers-outgoing-title">{t('handover.outgoingTitle')}</h2>
          <ul className="handovers__list">
            {waiting.map((handover) => (
              <li key={handover.id} className="handovers__outgoing" data-testid="handover-outgoing" data-handover-id={handover.id} data-status={handover.status}>
                <span>{handover.to === 'nextShift' ? t('handover.toNextShiftShort') : t('handover.toColleague', { name: personName(handover.to) })}</span>
                <span className="muted">{t('handover.itemCount', { count: handover.items.length })}</span>
                <span className="muted">{label(wallTimeLabel(handover.handedAt, now, utcOffsetMinutes))}</span>
                {handover.status === 'pending' ? (
                  <span className="badge badge--wrapup-pending" data-testid="handover-outgoing-pending">
                    {t('handover.pendingSync')}
                  </span>
                ) : (
                  <span className="badge" data-testid="handover-outgoing-awaiting">
                    {t('handover.awaiting')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
