import { deskStateSchema } from '../../src/contract/desk';
import type { Policy } from '../../src/contract/policy';
import type { SurveyRating } from '../../src/contract/survey';
import type { SyncRecord } from '../../src/contract/sync';
import type { TodayFigures } from '../../src/contract/today';
import { dayFigures, dayOf, type StateMark } from '../../src/domain/day-figures';

const DAY_MS = 24 * 3_600_000;

/** What the agent's today is made of, read from the desk's store. */
export interface TodaySources {
  /** The agent's records that happened in [fromMs, toMs), sent or not. */
  recordsBetween(fromMs: number, toMs: number): SyncRecord[];
  ratingOf(callId: string): SurveyRating | null;
  /** The due times of the first-contact promises the agent owns that are not kept yet. */
  openPromiseDueTimes(): number[];
}

/**
 * The agent's "today" from the records this desk made: the day's figures by the same computation
 * as the board's (src/domain/day-figures.ts), over the same records the server has (or will have,
 * once the outbox delivers them), plus the ring of each answer and today's survey results.
 * The day before is read too: the state the agent was in at midnight counts from midnight.
 */
export function todayOf(sources: TodaySources, policy: Policy, now: number): TodayFigures {
  const day = dayOf(now, policy.shift.utcOffsetMinutes);
  const records = sources.recordsBetween(day.startMs - DAY_MS, day.endMs);
  const calls = [];
  const missedOfferedAt: number[] = [];
  const declinedOfferedAt: number[] = [];
  const marks: StateMark[] = [];
  for (const record of records) {
    if (record.kind === 'call') calls.push(record.payload);
    else if (record.kind === 'missedRing') missedOfferedAt.push(record.payload.offeredAt);
    else if (record.kind === 'declinedOffer') declinedOfferedAt.push(record.payload.offeredAt);
    else if (record.kind === 'stateChange') {
      const to = deskStateSchema.safeParse(record.payload.to);
      if (to.success) marks.push({ at: record.occurredAt, state: to.data });
    }
  }

  const answeredOnRing = new Array<number>(policy.maxRings).fill(0);
  const survey = { satisfied: 0, neutral: 0, dissatisfied: 0, notRated: 0, awaited: 0 };
  for (const call of calls) {
    if (call.offeredAt < day.startMs || call.offeredAt >= day.endMs || call.answeredAt === null) continue;
    if (call.direction === 'inbound' && call.ringsAtAnswer !== null) {
      const ring = Math.min(Math.max(call.ringsAtAnswer, 1), policy.maxRings);
      answeredOnRing[ring - 1] = (answeredOnRing[ring - 1] ?? 0) + 1;
    }
    if (call.survey !== 'transferred') continue;
    const rating = sources.ratingOf(call.callId);
    if (rating === null) survey.awaited++;
    else if (rating === 'none') survey.notRated++;
    else survey[rating]++;
  }

  return {
    date: day.date,
    asOf: now,
    figures: dayFigures({ day, asOf: now, calls, missedOfferedAt, declinedOfferedAt, marks }),
    answeredOnRing,
    survey,
    busyAllowanceMs: policy.busyAllowancePerDayMs,
    promises: promiseCounts(sources.openPromiseDueTimes(), now),
  };
}

/** Open promises, and how many of them are overdue at `now` (src/domain promiseUrgency: due at dueAt). */
function promiseCounts(dueTimes: readonly number[], now: number): TodayFigures['promises'] {
  return { open: dueTimes.length, overdue: dueTimes.filter((dueAt) => now >= dueAt).length };
}
