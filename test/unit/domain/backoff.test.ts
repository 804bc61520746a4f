import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/domain/backoff';

const steps = { baseMs: 250, maxMs: 5_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling from the base up to the cap', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 10, 1_000].map((attempt) => backoffDelay(attempt, steps, top))).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it('waits a uniform share of the ceiling (full jitter)', () => {
    expect(backoffDelay(0, steps, () => 0)).toBe(0);
    expect(backoffDelay(2, steps, () => 0.25)).toBe(250);
    expect(backoffDelay(3, steps, () => 0.5)).toBe(1_000);
  });

  it('always waits a whole number of ms within [0, cap], whatever the attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = backoffDelay(attempt, steps, () => random);
        return Number.isInteger(delay) && delay >= 0 && delay <= steps.maxMs;
      }),
    );
  });
});
