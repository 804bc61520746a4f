import { useEffect, useState } from 'react';
import type { MediaStats } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';

export interface LiveMediaStats {
  stats: MediaStats | null;
  /** Inbound audio bytes grew since the previous poll: the customer's audio really arrives. */
  flowing: boolean;
}

/** Polls the local engine's stats for a session (display only). */
export function useMediaStats(sessionId: string, intervalMs = 1_000): LiveMediaStats {
  const { media } = useDeskServices();
  const [live, setLive] = useState<LiveMediaStats>({ stats: null, flowing: false });
  useEffect(() => {
    let cancelled = false;
    const poll = () => {
      media.stats({ sessionId }).then(
        (stats) => {
          if (cancelled) return;
          setLive((previous) => ({ stats, flowing: !!stats && stats.inboundAudioBytes > (previous.stats?.inboundAudioBytes ?? 0) }));
        },
        () => !cancelled && setLive({ stats: null, flowing: false }),
      );
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [media, sessionId, intervalMs]);
  return live;
}
