import { useEffect, useState } from 'react';
import { deskNow, type DeskSlice } from './desk-slice';
import { useDeskStore } from './desk-store';

/**
 * Main's clock as of this render, re-rendering every `tickMs`. Only for showing elapsed and
 * remaining time: every decision (ring timeout, busy limit, wrap-up limit) is made in main.
 */
export function useDeskNow(tickMs = 250): number {
  return useDeskNowOf(useDeskStore((state) => state.desk), tickMs);
}

/** The same, from a desk state the caller holds (a deferred copy), without subscribing to the store. */
export function useDeskNowOf(desk: DeskSlice['desk'], tickMs = 250): number {
  const [perfNow, setPerfNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setPerfNow(performance.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  // A fresh snapshot may have arrived after the last tick: never show time before it.
  return deskNow(desk, Math.max(perfNow, desk.receivedAt));
}
