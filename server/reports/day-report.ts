import type { Kysely } from 'kysely';
import type { CallPayload, DayReport } from '../../src/contract';
import { dayFigures, dayOf, type StateMark } from '../../src/domain/day-figures';
import { localInstant, type LocalDate } from '../../src/domain/local-time';
import type { Database } from '../db/schema';

const DAY_MS = 24 * 3_600_000;

/**
 * Every agent's figures for one of the center's days, from the records the server holds, with the
 * computation the board's live seats use; and the center's hours, added up from them.
 */
export async function readDayReport(db: Kysely<Database>, date: LocalDate, utcOffsetMinutes: number, now: number): Promise<DayReport> {
  const day = dayOf(localInstant(date, '00:00', utcOffsetMinutes), utcOffsetMinutes);
  const agents = await db.selectFrom('agents').select(['agent_id', 'name']).where('role', '=', 'agent').orderBy('agent_id').execute();
  // The day before too: the state an agent was in at midnight counts toward the day's busy time.
  const rows = await db
    .selectFrom('records')
    .select(['agent_id', 'kind', 'occurred_at', 'payload'])
    .where('kind', 'in', ['call', 'missedRing', 'declinedOffer', 'stateChange'])
    .where('occurred_at', '>=', day.startMs - DAY_MS)
    .where('occurred_at', '<', day.endMs)
    .orderBy('occurred_at')
    .execute();
  const activity = new Map<string, { calls: CallPayload[]; missed: number[]; declined: number[]; marks: StateMark[] }>();
  for (const row of rows) {
    const of = activity.get(row.agent_id) ?? { calls: [], missed: [], declined: [], marks: [] };
    activity.set(row.agent_id, of);
    const payload = row.payload as Record<string, unknown>;
    if (row.kind === 'call') of.calls.push(payload as CallPayload);
    else if (row.kind === 'missedRing') of.missed.push(Number(payload.offeredAt));
    else if (row.kind === 'declinedOffer') of.declined.push(Number(payload.offeredAt));
    else of.marks.push({ at: Number(row.occurred_at), state: payload.to as StateMark['state'] });
  }
  const report: DayReport = { date, agents: [], offeredPerHour: new Array(24).fill(0), answeredPerHour: new Array(24).fill(0), missedPerHour: new Array(24).fill(0) };
  for (const agent of agents) {
    const of = activity.get(agent.agent_id);
    if (!of) continue;
    const figures = dayFigures({ day, asOf: now, calls: of.calls, missedOfferedAt: of.missed, declinedOfferedAt: of.declined, marks: of.marks });
    const active = figures.answered + figures.missed + figures.declined + figures.busyMs > 0 || figures.offeredPerHour.some((count) => count > 0);
    if (!active) continue;
    report.agents.push({ agentId: agent.agent_id, name: agent.name, figures });
    for (let hour = 0; hour < 24; hour++) {
      report.offeredPerHour[hour]! += figures.offeredPerHour[hour] ?? 0;
      report.answeredPerHour[hour]! += figures.answeredPerHour[hour] ?? 0;
      report.missedPerHour[hour]! += figures.missedPerHour[hour] ?? 0;
    }
  }
  return report;
}
