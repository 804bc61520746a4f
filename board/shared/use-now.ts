import { useEffect, useState } from 'react';
import { useBoardStore } from '../state/board-store';

/** The server's clock as of this render, re-rendering every `tickMs`: times in state tick on the board. */
export function useServerNow(tickMs = 1_000): number {
  const offset = useBoardStore((state) => state.serverOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now + offset;
}
