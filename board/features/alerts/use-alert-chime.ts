import { useEffect, useRef } from 'react';
import { playAlertChime } from '../../shared/alert-chime';
import { useBoardStore } from '../../state/board-store';

/**
 * Chimes once for each new open alert, whichever view the board shows (seats, tickets, reports):
 * mounted with the board, not with the alerts panel, so an emergency is heard from any tab and
 * switching tabs never chimes again for an alert already heard.
 */
export function useAlertChime(): void {
  const chimes = useBoardStore((state) => state.chimes);
  const heard = useRef(chimes);
  useEffect(() => {
    if (chimes > heard.current) playAlertChime();
    heard.current = chimes;
  }, [chimes]);
}
