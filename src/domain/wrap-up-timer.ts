import type { Policy } from '../contract/policy';

/**
 * The wrap-up clock (话后处理, DOMAIN.md rule 3): after-call work may take `wrapUpLimitMs`
 * (default 60 s) so it never blocks incoming calls. At deadline − 1 ms there is 1 ms left; at the
 * deadline it has expired and the agent returns to ready with the form kept as a draft.
 */
export interface WrapUpTimer {
  deadline: number;
  msLeft: number;
  expired: boolean;
}

export function wrapUpTimer(startedAt: number, policy: Pick<Policy, 'wrapUpLimitMs'>, now: number): WrapUpTimer {
  const deadline = startedAt + policy.wrapUpLimitMs;
  return { deadline, msLeft: Math.max(0, deadline - now), expired: now >= deadline };
}
