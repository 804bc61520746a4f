export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5_000 };

/**
 * Exponential backoff with jitter: attempt 0 waits about `baseMs`, doubling up to `maxMs`. Jitter
 * takes 0-50 % off so many desks restarted together do not knock on the same second.
 */
export function reconnectDelay(failedAttempts: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(failedAttempts, 30)));
  return Math.round(exponential * (1 - random() * 0.5));
}
