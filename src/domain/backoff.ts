/** The steps of an exponential backoff: the first ceiling, doubling per failure up to the cap. */
export interface BackoffSteps {
  baseMs: number;
  maxMs: number;
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry): exponential backoff
 * with full jitter. The ceiling doubles from `baseMs` up to `maxMs`, and the wait is a uniform
 * share of it, so many desks failing together (a server restart) do not come back in step.
 * `random` is a [0, 1) source, injected so tests can pin the wait.
 */
export function backoffDelay(attempt: number, steps: BackoffSteps, random: () => number): number {
  // Past 2^30 the ceiling is the cap anyway; clamping keeps the power finite.
  const ceiling = Math.min(steps.maxMs, steps.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.round(random() * ceiling);
}
