import { useEffect } from 'react';
import { boardApi } from '../../api/board-api';
import { boardStore, useBoardStore, type BoardSession } from '../../state/board-store';

/**
 * Loads the open tickets whenever the board's socket is live (at start and after every
 * reconnect: changes pushed while it was down are in the answer); the socket's pushes do the rest.
 */
export function useOpenTickets(session: BoardSession, onError: (error: unknown) => void): void {
  const live = useBoardStore((state) => state.link === 'live');
  useEffect(() => {
    if (!live) return;
    let current = true;
    boardApi.openTickets(session.token).then(
      (tickets) => current && boardStore.getState().ticketsChanged(tickets),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
    // `onError` is made anew each render; the link and the token say when to load again.
  }, [live, session.token]);
}
