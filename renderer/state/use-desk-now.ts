import { useEffect, useState } from 'react';
import { deskNow } from './desk-slice';
import { useDeskStore } from './desk-store';

/**
 * Main's clock as of this render, re-rendering every `tickMs`. Only for showing elapsed and
 * remaining time: every decision (ring timeout, busy limit, wrap-up limit) is made in main.
 */
export function useDeskNow(tickMs = 250): number {
  const desk = useDeskStore((state) => state.desk);
  const [perfNow, setPerfNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setPerfNow(performance.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  // A fresh snapshot may have arrived after the last tick: never show time before it.
  return deskNow(desk, Math.max(perfNow, desk.receivedAt));
}
