import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFigures, dayOf, type DayActivity } from '../../../src/domain/day-figures';

/** An instant on 2026-12-01 as the center's (UTC+8) clocks show it. */
const local = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 11, 1, hh - 8, mm, ss);
const day = dayOf(local(12, 0), 480);
const S = 1_000;
const M = 60 * S;

const inbound = (offeredAt: number, answeredAfterMs: number | null, talkMs: number) => ({
  direction: 'inbound' as const,
  offeredAt,
  answeredAt: answeredAfterMs === null ? null : offeredAt + answeredAfterMs,
  endedAt: offeredAt + (answeredAfterMs ?? 0) + talkMs,
});

const quiet: DayActivity = { day, asOf: local(18, 0), calls: [], missedOfferedAt: [], declinedOfferedAt: [], marks: [] };

describe("an agent's figures for the day", () => {
  it('the center day runs from local midnight to midnight (UTC+8)', () => {
    expect(day).toEqual({ date: '2026-12-01', startMs: Date.UTC(2026, 10, 30, 16, 0), endMs: Date.UTC(2026, 11, 1, 16, 0) });
    expect(dayOf(local(0, 0) - 1, 480).date).toBe('2026-11-30');
  });

  it('counts answered, missed and declined offers by the hour they were offered', () => {
    const figures = dayFigures({
      ...quiet,
      calls: [inbound(local(9, 5), 4 * S, 3 * M), inbound(local(9, 50), 6 * S, 2 * M), inbound(local(10, 1), null, 0), { ...inbound(local(11, 0), 1 * S, M), direction: 'outbound' }],
      missedOfferedAt: [local(10, 1)],
      declinedOfferedAt: [local(14, 30)],
    });
    expect(figures).toMatchObject({ answered: 2, missed: 1, declined: 1 });
    expect(figures.offeredPerHour[9]).toBe(2);
    // The missed offer rang (a call record) and is counted once; the declined one never rang.
    expect(figures.offeredPerHour[10]).toBe(1);
    expect(figures.offeredPerHour[14]).toBe(1);
    expect(figures.offeredPerHour.reduce((a, b) => a + b)).toBe(4);
    expect(figures.answeredPerHour[9]).toBe(2);
    expect(figures.missedPerHour[10]).toBe(1);
    // The outbound call is neither an offer nor an answer.
    expect(figures.offeredPerHour[11]).toBe(0);
  });

  it('average handle time is talk plus wrap-up over the answered calls', () => {
    const first = local(9, 0);
    const second = local(9, 30);
    const figures = dayFigures({
      ...quiet,
      calls: [inbound(first, 5 * S, 4 * M), inbound(second, 5 * S, 2 * M)],
      marks: [
        { at: first + 5 * S, state: 'talking' },
        { at: first + 5 * S + 4 * M, state: 'wrapUp' },
        { at: first + 5 * S + 4 * M + 40 * S, state: 'ready' },
        { at: second + 5 * S, state: 'talking' },
        { at: second + 5 * S + 2 * M, state: 'wrapUp' },
        { at: second + 5 * S + 2 * M + 60 * S, state: 'ready' },
      ],
    });
    expect(figures.averageHandleMs).toBe((4 * M + 2 * M + 40 * S + 60 * S) / 2);
    expect(dayFigures(quiet).averageHandleMs).toBeNull();
  });

  it('busy time counts within the day only, the running period up to now', () => {
    const figures = dayFigures({
      ...quiet,
      asOf: local(10, 20),
      marks: [
        // Busy since yesterday evening: the day's share starts at midnight.
        { at: local(0, 0) - 30 * M, state: 'busy' },
        { at: local(8, 0), state: 'offline' },
        { at: local(9, 0), state: 'ready' },
        { at: local(10, 0), state: 'busy' },
        // After asOf: not yet.
        { at: local(11, 0), state: 'ready' },
      ],
    });
    expect(figures.busyMs).toBe(8 * 60 * M + 20 * M);
  });

  it('for any activity the hours add up to the totals, and nothing is negative', () => {
    const instant = fc.integer({ min: day.startMs - 3_600_000, max: day.endMs + 3_600_000 });
    const call = fc.record({
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
      offeredAt: instant,
      answeredAfterMs: fc.option(fc.integer({ min: 0, max: 60_000 })),
      talkMs: fc.integer({ min: 0, max: 3_600_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(call, { maxLength: 40 }),
        fc.array(instant, { maxLength: 10 }),
        fc.array(instant, { maxLength: 10 }),
        fc.array(fc.record({ at: instant, state: fc.constantFrom('offline' as const, 'ready' as const, 'busy' as const, 'wrapUp' as const, 'talking' as const) }), { maxLength: 30 }),
        instant,
        (calls, missed, declined, marks, asOf) => {
          const figures = dayFigures({
            day,
            asOf,
            calls: calls.map((c) => ({ ...inbound(c.offeredAt, c.answeredAfterMs, c.talkMs), direction: c.direction })),
            missedOfferedAt: missed,
            declinedOfferedAt: declined,
            marks,
          });
          const sum = (hours: number[]) => hours.reduce((a, b) => a + b, 0);
          expect(sum(figures.answeredPerHour)).toBe(figures.answered);
          expect(sum(figures.missedPerHour)).toBe(figures.missed);
          expect(figures.busyMs).toBeGreaterThanOrEqual(0);
          expect(figures.busyMs).toBeLessThanOrEqual(Math.max(0, Math.min(asOf, day.endMs) - day.startMs));
          expect(figures.averageHandleMs ?? 0).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
