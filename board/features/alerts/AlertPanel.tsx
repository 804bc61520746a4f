import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../src/contract';
import { localClockOf, localDateOf } from '../../../src/domain/local-time';
import { boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { useLoaded } from '../../shared/use-loaded';
import { boardStore, useBoardStore, type BoardSession } from '../../state/board-store';
import { alertDetail, alertWho } from './alert-text';

/**
 * The alerts (告警): those not yet acknowledged first, each with an acknowledge button; a sound for
 * each one raised while the board watches; and the history of any day.
 */
export function AlertPanel({ session, interactive }: { session: BoardSession; interactive: boolean }) {
  const { t } = useTranslation();
  const alerts = useBoardStore((state) => state.alerts);
  const seats = useBoardStore((state) => state.seats);
  const chimes = useBoardStore((state) => state.chimes);
  const serverOffset = useBoardStore((state) => state.serverOffsetMs);
  const offset = session.policy.shift.utcOffsetMinutes;
  const [historyDate, setHistoryDate] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const history = useLoaded(historyDate, (date) => boardApi.alerts(session.token, date), (error) => setFailure(errorText(t, error)));


  const shown = useMemo(() => {
    const list = historyDate === null ? Object.values(alerts) : (history ?? []);
    // Open ones first, newest first within each group.
    return [...list].sort((a, b) => Number(a.acknowledged !== null) - Number(b.acknowledged !== null) || b.raisedAt - a.raisedAt);
  }, [alerts, history, historyDate]);
  const open = Object.values(alerts).filter((alert) => alert.acknowledged === null).length;

  const acknowledge = async (alert: Alert) => {
    setFailure(null);
    try {
      boardStore.getState().alertChanged(await boardApi.acknowledge(session.token, alert.id));
    } catch (error) {
      setFailure(errorText(t, error));
    }
  };

  return (
    <aside className="alerts" aria-label={t('alerts.title')} data-testid="alerts" data-chimes={chimes} data-open={open}>
      <header className="alerts-head">
        <h2>
          {t('alerts.title')} <span className={`alerts-open${open > 0 ? ' alerts-open--some' : ''}`}>{t('alerts.open', { count: open })}</span>
        </h2>
        {interactive && (
          <label>
            <span className="visually-hidden">{t('alerts.date')}</span>
            <input
              type="date"
              data-testid="alerts-date"
              value={historyDate ?? localDateOf(Date.now() + serverOffset, offset)}
              onChange={(event) => setHistoryDate(event.target.value || null)}
            />
          </label>
        )}
      </header>
      {failure && <p role="alert">{failure}</p>}
      {shown.length === 0 && <p className="muted">{t('alerts.none')}</p>}
      <ol className="alert-list">
        {shown.map((alert) => (
          <li key={alert.id} className={`alert alert-${alert.kind}${alert.acknowledged ? ' alert--acked' : ''}`} data-testid={`alert-${alert.kind}-${alert.agentId ?? 'address'}`}>
            <div className="alert-line">
              <span className="alert-kind">{t(`alerts.kind.${alert.kind}`)}</span>
              <span className="alert-time">{localClockOf(alert.raisedAt, offset)}</span>
            </div>
            <div className="alert-who">{alertWho(alert, seats)}</div>
            <div className="alert-detail">{alertDetail(t, alert, offset)}</div>
            {alert.acknowledged ? (
              <div className="alert-acked" data-testid="alert-acked">
                {t('alerts.acked', { by: alert.acknowledged.by, name: alert.acknowledged.byName, time: localClockOf(alert.acknowledged.at, offset) })}
              </div>
            ) : (
              interactive && (
                <button type="button" className="alert-ack" data-testid="alert-ack" onClick={() => void acknowledge(alert)}>
                  {t('alerts.ack')}
                </button>
              )
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
