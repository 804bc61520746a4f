import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/contract/policy';
import { wrapUpTimer } from '../../../src/domain/wrap-up-timer';

const startedAt = Date.UTC(2026, 10, 23, 2, 0);

describe('wrap-up timer (60 s)', () => {
  it('counts down to the deadline', () => {
    expect(wrapUpTimer(startedAt, defaultPolicy, startedAt + 20_000)).toEqual({ deadline: startedAt + 60_000, msLeft: 40_000, expired: false });
  });

  it('has 1 ms left at deadline − 1 ms and has expired at the deadline', () => {
    expect(wrapUpTimer(startedAt, defaultPolicy, startedAt + 59_999)).toMatchObject({ msLeft: 1, expired: false });
    expect(wrapUpTimer(startedAt, defaultPolicy, startedAt + 60_000)).toMatchObject({ msLeft: 0, expired: true });
  });

  it('follows the policy limit', () => {
    expect(wrapUpTimer(startedAt, { wrapUpLimitMs: 90_000 }, startedAt + 60_000)).toMatchObject({ msLeft: 30_000, expired: false });
  });
});
