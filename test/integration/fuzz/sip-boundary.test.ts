import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../lab';
import type { CallPayload } from '../../../src/contract/sync';
import { startPostgres, type PostgresCluster } from '../../support/postgres';
import { FuzzLane, uncaughtErrors } from './fuzz-lane';
import { hostileOffer } from './hostile-offer';

/**
 * The SIP boundary of the desk, fuzzed (issue 8, item 2): generated offers from UDP and WebSocket
 * callers go through the real lab Kamailio to real desks (the desk main process in Node,
 * registered through the lab), with hostile display names, user parts, headers and bodies, and
 * BYE / CANCEL / re-INVITE / hold in any order. After each case the desk's process had nothing
 * uncaught, the desk goes ready and the next normal call rings; at the end every call an agent
 * answered is on the central server exactly once.
 *
 * Seeded: the seed is printed first, and FUZZ_SEED=<seed> replays the run (FUZZ_RUNS=<n> runs
 * fewer offers, for a quick replay of an early failure). Four desks take the cases side by side.
 * The central server stores on a private PostgreSQL: embedded PGlite would run every query in
 * this process, next to the desks and callers, and a thousand cases would not fit the budget.
 */
const OFFERS = Number(process.env.FUZZ_RUNS ?? 1_000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const AGENTS = ['1001', '1002', '1003', '1004'];
/** The whole run, cases and shrinking, must fit in this; a slower run fails rather than passing with fewer offers. */
const BUDGET_MS = 240_000;
/** Enough steps to make a counterexample readable without letting shrinking eat the budget. */
const MAX_SHRINKS = 60;

let postgres: PostgresCluster | undefined;
let lab: Lab;
const lanes: FuzzLane[] = [];
const collect = (error: unknown) => uncaughtErrors.push(error);

beforeAll(async () => {
  process.on('uncaughtException', collect);
  process.on('unhandledRejection', collect);
  postgres = await startPostgres();
  lab = await startLab({ callerPage: false, databaseUrl: postgres.url });
  lanes.push(...(await Promise.all(AGENTS.map((agentId, index) => FuzzLane.open(lab, agentId, `1390000010${index}`)))));
});

afterAll(async () => {
  await Promise.all(lanes.map((lane) => lane.close()));
  await lab?.stop();
  await postgres?.stop();
  process.off('uncaughtException', collect);
  process.off('unhandledRejection', collect);
});

describe('the desk at the SIP boundary', () => {
  it(
    `comes through ${OFFERS} generated offers from UDP and WebSocket callers, and the server has each answered call once`,
    async () => {
      console.info(`SIP fuzz seed ${SEED}: replay with FUZZ_SEED=${SEED} npx vitest run test/integration/fuzz/sip-boundary.test.ts`);
      const perLane = Math.ceil(OFFERS / lanes.length);
      const outcomes = await Promise.allSettled(
        lanes.map((lane, index) =>
          fc.assert(
            fc.asyncProperty(fc.limitShrink(hostileOffer, MAX_SHRINKS), (offer) => lane.run(offer)),
            { numRuns: perLane, seed: SEED + index, includeErrorInReport: true, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS, { failOnInterrupt: true })] },
          ),
        ),
      );
      console.info(summary());
      const failures = outcomes.flatMap((outcome, index) =>
        outcome.status === 'rejected' ? [`desk ${lanes[index]?.agentId} (lane ${index} of FUZZ_SEED=${SEED}):\n${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`] : [],
      );
      expect(failures, failures.join('\n\n')).toEqual([]);

      await Promise.all(lanes.map((lane) => lane.drained()));
      const rows = await lab.server.db.selectFrom('records').select(['payload']).where('kind', '=', 'call').where('agent_id', 'in', AGENTS).execute();
      const recorded = new Map<string, CallPayload[]>();
      for (const { payload } of rows) {
        const call = payload as CallPayload;
        recorded.set(call.callId, [...(recorded.get(call.callId) ?? []), call]);
      }
      expect([...recorded].filter(([, records]) => records.length > 1).map(([callId]) => callId), 'calls recorded twice').toEqual([]);
      const answered = lanes.flatMap((lane) => [...lane.answered]);
      expect(answered.filter((callId) => recorded.get(callId)?.[0]?.answeredAt == null), 'answered calls the server lacks').toEqual([]);
    },
    BUDGET_MS + 60_000,
  );
});

function summary(): string {
  const total = (pick: (lane: FuzzLane) => number) => lanes.reduce((sum, lane) => sum + pick(lane), 0);
  const finals = new Map<number, number>();
  for (const lane of lanes) for (const [status, count] of lane.stats.finals) finals.set(status, (finals.get(status) ?? 0) + count);
  const byStatus = [...finals].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
  return `SIP fuzz: ${total((lane) => lane.stats.offers)} offers (${total((lane) => lane.stats.droppedByPbx)} dropped by the PBX), ${total((lane) => lane.stats.rang)} rang, ${total((lane) => lane.stats.answered)} answered; final answers of the others: ${byStatus}`;
}
