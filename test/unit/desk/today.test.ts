import { describe, expect, it } from 'vitest';
import { defaultPolicy, type SurveyRating, type SyncRecord } from '../../../src/contract';
import { todayOf } from '../../../main/desk/today';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T = Date.UTC(2026, 11, 1, 2, 0);
const MIDNIGHT = Date.UTC(2026, 11, 1, 2, 0) - 10 * 3_600_000;
let next = 0;
const id = () => `0190a000-0000-7000-8000-${String(next++).padStart(12, '0')}`;

function call(offeredAt: number, ringsAtAnswer: number | null, survey: 'transferred' | 'skipped' | null = null): SyncRecord {
  const answeredAt = ringsAtAnswer === null ? null : offeredAt + 3_000;
  return {
    id: id(),
    agentId: '1001',
    kind: 'call',
    occurredAt: offeredAt + 60_000,
    payload: {
      callId: `call-${offeredAt}`,
      direction: 'inbound',
      remoteNumber: '13812345678',
      remoteDisplayName: '',
      offeredAt,
      answeredAt,
      endedAt: offeredAt + 60_000,
      ringsAtAnswer,
      endReason: 'remote-hangup',
      survey,
      surveySkipReason: survey === 'skipped' ? 'customer refused' : null,
      transferredTo: null,
      transferKind: null,
      consultedWith: null,
      conference: false,
    },
  };
}
const state = (at: number, to: string, busyReason: 'break' | null = null): SyncRecord => ({ id: id(), agentId: '1001', kind: 'stateChange', occurredAt: at, payload: { from: 'ready', to, busyReason, call: null } });

describe("the agent's today from the desk's records", () => {
  it('counts answers by ring (rings past the last count as the last), survey results as the IVR reported them, and busy from midnight', () => {
    const records = [
      // Busy since before midnight: only today's part counts.
      state(MIDNIGHT - 30 * 60_000, 'busy', 'break'),
      state(MIDNIGHT + 15 * 60_000, 'ready'),
      call(T - 3_600_000, 1, 'transferred'),
      call(T - 3_000_000, 3, 'transferred'),
      call(T - 2_000_000, 5, 'transferred'),
      call(T - 1_000_000, 2, 'skipped'),
      call(T - 500_000, null),
      // Yesterday's call is not today's.
      call(MIDNIGHT - 3_600_000, 1, 'transferred'),
    ];
    const ratings: Record<string, SurveyRating> = { [`call-${T - 3_600_000}`]: 'satisfied', [`call-${T - 3_000_000}`]: 'none' };
    const today = todayOf({ recordsBetween: (from, to) => records.filter((record) => record.occurredAt >= from && record.occurredAt < to), ratingOf: (callId) => ratings[callId] ?? null, openPromiseDueTimes: () => [] }, defaultPolicy, T);

    expect(today.date).toBe('2026-12-01');
    expect(today.figures.answered).toBe(4);
    expect(today.answeredOnRing).toEqual([1, 1, 2]);
    expect(today.survey).toEqual({ satisfied: 1, neutral: 0, dissatisfied: 0, notRated: 1, awaited: 1 });
    expect(today.figures.busyMs).toBe(15 * 60_000);
    expect(today.busyAllowanceMs).toBe(defaultPolicy.busyAllowancePerDayMs);
  });

  it('reads the day before too, and nothing after now', () => {
    const asked: Array<[number, number]> = [];
    todayOf({ recordsBetween: (from, to) => (asked.push([from, to]), []), ratingOf: () => null, openPromiseDueTimes: () => [] }, defaultPolicy, T);
    expect(asked).toEqual([[MIDNIGHT - 24 * 3_600_000, MIDNIGHT + 24 * 3_600_000]]);
  });

  it('counts the open promises and those overdue at now: one due exactly now is overdue, one due 1 ms later is not', () => {
    const today = todayOf({ recordsBetween: () => [], ratingOf: () => null, openPromiseDueTimes: () => [T - 86_400_000, T, T + 1, T + 3_600_000] }, defaultPolicy, T);
    expect(today.promises).toEqual({ open: 4, overdue: 2 });
    expect(todayOf({ recordsBetween: () => [], ratingOf: () => null, openPromiseDueTimes: () => [] }, defaultPolicy, T).promises).toEqual({ open: 0, overdue: 0 });
  });
});
