import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/contract/policy';
import { answeredInTime, ringDeadline, ringSchedule, ringsAtAnswer } from '../../../src/domain/ring-schedule';

const offeredAt = Date.UTC(2026, 10, 23, 1, 0);
const at = (ms: number) => offeredAt + ms;

describe('ring schedule (three rings of 5 s: 1 s tone, 4 s silence)', () => {
  it('puts the answer deadline 15 s after the offer', () => {
    expect(ringDeadline(offeredAt, defaultPolicy)).toBe(at(15_000));
  });

  it.each([
    [0, 1, true],
    [999, 1, true],
    [1_000, 1, false],
    [4_999, 1, false],
    [5_000, 2, true],
    [10_000, 3, true],
    [14_999, 3, false],
  ])('at +%i ms it is ring %i, tone %s', (elapsed, ring, toneOn) => {
    expect(ringSchedule(offeredAt, defaultPolicy, at(elapsed))).toMatchObject({ ring, toneOn });
  });

  it('says how long is left and which ring is the last', () => {
    expect(ringSchedule(offeredAt, defaultPolicy, at(4_000))).toMatchObject({ msLeft: 11_000, isLastRing: false, overdue: false });
    expect(ringSchedule(offeredAt, defaultPolicy, at(10_000))).toMatchObject({ msLeft: 5_000, isLastRing: true, overdue: false });
  });

  it('at deadline − 1 ms it is still ring 3 with 1 ms left; at the deadline it is overdue', () => {
    expect(ringSchedule(offeredAt, defaultPolicy, at(14_999))).toMatchObject({ ring: 3, msLeft: 1, overdue: false, isLastRing: true });
    expect(ringSchedule(offeredAt, defaultPolicy, at(15_000))).toMatchObject({ ring: 4, msLeft: 0, overdue: true, isLastRing: false });
  });

  it('names the next instant the cue changes: tone off, then the next ring', () => {
    expect(ringSchedule(offeredAt, defaultPolicy, at(0)).nextChangeAt).toBe(at(1_000));
    expect(ringSchedule(offeredAt, defaultPolicy, at(1_000)).nextChangeAt).toBe(at(5_000));
    expect(ringSchedule(offeredAt, defaultPolicy, at(14_999)).nextChangeAt).toBe(at(15_000));
  });

  it('with a tone filling the whole cycle the next change is the next ring', () => {
    const continuous = { ...defaultPolicy, ringToneMs: 5_000 };
    expect(ringSchedule(offeredAt, continuous, at(2_000))).toMatchObject({ toneOn: true, nextChangeAt: at(5_000) });
  });

  it('treats a clock that reads before the offer as the start of ring 1', () => {
    expect(ringSchedule(offeredAt, defaultPolicy, at(-3))).toMatchObject({ ring: 1, toneOn: true, msLeft: 15_003 });
  });
});

describe('rings at answer', () => {
  it('answering at deadline − 1 ms is ring 3 and in time', () => {
    expect(ringsAtAnswer(offeredAt, at(14_999), defaultPolicy)).toBe(3);
    expect(answeredInTime(offeredAt, at(14_999), defaultPolicy)).toBe(true);
  });

  it('answering at the deadline is late, on a fourth ring', () => {
    expect(ringsAtAnswer(offeredAt, at(15_000), defaultPolicy)).toBe(4);
    expect(answeredInTime(offeredAt, at(15_000), defaultPolicy)).toBe(false);
  });

  it('counts the true ring when an overdue offer rang on', () => {
    expect(ringsAtAnswer(offeredAt, at(27_000), defaultPolicy)).toBe(6);
  });
});
