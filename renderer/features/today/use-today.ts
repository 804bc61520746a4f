import { useEffect, useState } from 'react';
import type { DeskSnapshot, TodayFigures } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';

/** Busy time and the hours move on with the clock even when nothing else happens. */
const REFRESH_MS = 30_000;

/**
 * The agent's "today" from main (`getToday`): read when the panel shows, again whenever the desk's
 * state or its calls change (a call ended, a survey result came), and every 30 s.
 */
export function useToday(snapshot: DeskSnapshot): TodayFigures | null {
  const { desk } = useDeskServices();
  const [today, setToday] = useState<TodayFigures | null>(null);
  const newestCall = snapshot.recentCalls[0];
  // A promise made (wrap-up saved), kept or handed over changes the promise figures too.
  const promises = snapshot.promises.map((promise) => `${promise.id}:${promise.status}`).join(',');
  const changes = `${snapshot.state}|${snapshot.stateSince}|${newestCall?.callId ?? ''}|${snapshot.recentCalls.map((call) => call.surveyRating ?? '').join('')}|${promises}`;

  useEffect(() => {
    let current = true;
    const read = () =>
      desk.getToday(null).then(
        (figures) => current && setToday(figures),
        // Logged out meanwhile, or main restarting: the next change or tick reads again.
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [desk, changes]);
  return today;
}
