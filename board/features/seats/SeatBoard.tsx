import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatPresence } from '../../../src/contract';
import { isLanguage, LANGUAGES } from '../../../src/i18n/languages';
import { boardApi } from '../../api/board-api';
import { BoardSocket } from '../../api/board-socket';
import { switchBoardLanguage } from '../../i18n/i18n';
import { useServerNow } from '../../shared/use-now';
import { boardStore, useBoardStore, type BoardSession } from '../../state/board-store';
import { FrameBatch } from '../../state/frame-batch';
import { SeatActions } from '../actions/SeatActions';
import { ReportsView } from '../reports/ReportsView';
import { PhrasesView } from '../phrases/PhrasesView';
import { AlertPanel } from '../alerts/AlertPanel';
import { useAlertChime } from '../alerts/use-alert-chime';
import { OverduePromisesBadge } from '../promises/OverduePromisesBadge';
import { PromisesView } from '../promises/PromisesView';
import { OpenTicketsBadge } from '../tickets/OpenTicketsBadge';
import { TicketsView } from '../tickets/TicketsView';
import { SeatTable } from './SeatTable';
import { StateCounts } from './StateCounts';
import { visibleSeats, type SeatFilter, type SeatSort } from './seat-view';

const FILTERS: SeatFilter[] = ['all', 'signedIn', 'ready', 'ringing', 'talking', 'wrapUp', 'busy', 'offline'];
const SORTS: SeatSort[] = ['state', 'agentId', 'timeInState'];

/** The board while a supervisor is signed in: counts on top, then every seat, live. */
export function SeatBoard({ session }: { session: BoardSession }) {
  const { t, i18n } = useTranslation();
  const seatsById = useBoardStore((state) => state.seats);
  const link = useBoardStore((state) => state.link);
  const now = useServerNow();
  useAlertChime();
  const [filter, setFilter] = useState<SeatFilter>('all');
  const [sort, setSort] = useState<SeatSort>('state');
  // A wall display (?wall): large type, nothing to click.
  const [wall, setWall] = useState(() => new URLSearchParams(location.search).has('wall'));
  const [view, setView] = useState<'seats' | 'tickets' | 'promises' | 'reports' | 'phrases'>('seats');

  useEffect(() => {
    const seatChanges = new FrameBatch<{ seat: SeatPresence; serverTime: number }>((changes) =>
      boardStore.getState().seatsChanged(
        changes.map((change) => change.seat),
        Math.max(...changes.map((change) => change.serverTime)),
      ),
    );
    const socket = new BoardSocket(session.token, {
      onMessage: (message) => {
        const store = boardStore.getState();
        switch (message.topic) {
          case 'seats':
            seatChanges.clear();
            return store.seatsReceived(message.seats, message.serverTime);
          case 'seat':
            return seatChanges.add(message.seat.agentId, { seat: message.seat, serverTime: message.serverTime });
          case 'alerts':
            return store.alertsReceived(message.alerts);
          case 'alert':
            return store.alertChanged(message.alert);
          case 'actions':
            return store.actionsReceived(message.actions);
          case 'action':
            return store.actionChanged(message.action);
          case 'ticket':
            return store.ticketsChanged([message.ticket]);
          case 'promise':
            return store.promisesChanged([message.promise]);
          case 'handover':
            return store.handoversChanged([message.handover]);
          case 'sessionEnded':
            return store.loggedOut(message.session.reason);
        }
      },
      onLink: (state) => boardStore.getState().linkChanged(state),
      onRefused: (reason) => boardStore.getState().loggedOut(reason || 'refused'),
    });
    socket.start();
    return () => {
      socket.stop();
      seatChanges.clear();
    };
  }, [session.token]);

  const seats = useMemo(() => Object.values(seatsById), [seatsById]);
  // Sorted when the clock ticks (once a second) and when seats changed (at most once a frame: FrameBatch).
  const shown = useMemo(() => visibleSeats(seats, filter, sort, now), [seats, filter, sort, now]);

  const logout = async () => {
    await boardApi.logout(session.token).catch(() => undefined);
    boardStore.getState().loggedOut(null);
  };

  const seatsView = (
    <>
      <StateCounts seats={seats} />
      {!wall && (
        <div className="board-filters">
          <label>
            {t('filter.label')}
            <select data-testid="seat-filter" value={filter} onChange={(event) => setFilter(event.target.value as SeatFilter)}>
              {FILTERS.map((option) => (
                <option key={option} value={option}>
                  {option === 'all' || option === 'signedIn' || option === 'offline' ? t(`filter.${option}`) : t(`state.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sort.label')}
            <select data-testid="seat-sort" value={sort} onChange={(event) => setSort(event.target.value as SeatSort)}>
              {SORTS.map((option) => (
                <option key={option} value={option}>
                  {t(`sort.${option}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="board-body">
        <SeatTable seats={shown} policy={session.policy} now={now} rowHeight={wall ? 64 : 40} onSelect={wall ? null : (agentId) => boardStore.getState().select(agentId)} />
        <div className="side">
          {!wall && <SeatActions session={session} now={now} />}
          <AlertPanel session={session} interactive={!wall} />
        </div>
      </div>
    </>
  );

  return (
    <main className={`board${wall ? ' wall' : ''}`}>
      <header className="board-head">
        <h1>{t('board.title')}</h1>
        <span className={`link link-${link}`} data-testid="board-link" role="status">
          {t(`link.${link}`)}
        </span>
        {!wall && (
          <nav className="board-views">
            {(['seats', 'tickets', 'promises', 'reports', 'phrases'] as const).map((option) => (
              <button key={option} type="button" data-testid={`view-${option}`} aria-pressed={view === option} onClick={() => setView(option)}>
                {t(`board.view.${option}`)}
                {option === 'tickets' && <OpenTicketsBadge session={session} />}
                {option === 'promises' && <OverduePromisesBadge session={session} />}
              </button>
            ))}
          </nav>
        )}
        {!wall && (
          <div className="board-tools">
            <span className="muted">{t('board.supervisor', session.supervisor)}</span>
            <label>
              <span className="visually-hidden">{t('language.label')}</span>
              <select value={i18n.language} onChange={(event) => isLanguage(event.target.value) && void switchBoardLanguage(event.target.value)}>
                {LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {t(`language.${language}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setWall(true)}>
              {t('board.wall')}
            </button>
            <button type="button" data-testid="board-logout" onClick={() => void logout()}>
              {t('board.logout')}
            </button>
          </div>
        )}
        {wall && (
          <button type="button" className="wall-exit" onClick={() => setWall(false)}>
            {t('board.wallOff')}
          </button>
        )}
      </header>
      {wall || view === 'seats' ? (
        seatsView
      ) : view === 'tickets' ? (
        <TicketsView session={session} />
      ) : view === 'promises' ? (
        <PromisesView session={session} />
      ) : view === 'reports' ? (
        <ReportsView session={session} />
      ) : (
        <PhrasesView session={session} />
      )}
    </main>
  );
}
