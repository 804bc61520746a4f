import { useEffect } from 'react';
import { useBoardStore } from '../../state/board-store';

/**
 * Runs `load` whenever the board's socket is live and `key` is set: on mounting (a tab opened),
 * after every reconnect (what was pushed while the socket was down is in the answer), and when
 * `key` changes. A failure goes to `onError`, unless the effect was left meanwhile.
 */
export function useLiveLoad(key: string | null, load: (key: string) => Promise<void>, onError: (error: unknown) => void): void {
  const live = useBoardStore((state) => state.link === 'live');
  useEffect(() => {
    if (!live || key === null) return;
    let current = true;
    load(key).catch((error: unknown) => current && onError(error));
    return () => {
      current = false;
    };
    // `load` and `onError` are made anew each render; the link and the key say when to load again.
  }, [live, key]);
}
