import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coldStart, COLD_START_DEFAULTS } from './cold-start';
import { deskMemory, DESK_MEMORY_DEFAULTS } from './desk-memory';
import { offlineQueue, OFFLINE_QUEUE_DEFAULTS } from './offline-queue';
import { wrapUpSave, WRAP_UP_SAVE_DEFAULTS } from './wrap-up-save';
import { deskLoad, DESK_LOAD_DEFAULTS } from './desk-load';
import { historySearch, HISTORY_SEARCH_DEFAULTS } from './history-search';
import { ringAndAnswer, RING_AND_ANSWER_DEFAULTS } from './ring-and-answer';
import { printReport, writeReport, type BenchSection } from './report';

/**
 * npm run bench [-- --only <name>] [--desks N] [--quick]
 *
 * Runs the benchmarks on this machine's lab parts, prints one table per benchmark and writes
 * bench-report/report.json and report.md. A benchmark is not a test: it asserts no timing, and
 * exits non-zero only when it cannot run.
 */
const BENCHES: Record<string, (quick: boolean, desks: number | undefined) => Promise<BenchSection>> = {
  'desk-load': (quick, desks) =>
    deskLoad({ ...DESK_LOAD_DEFAULTS, ...(quick ? { steadySeconds: 10, flatOutSeconds: 5 } : {}), ...(desks === undefined ? {} : { desks }) }),
  'history-search': (quick) => historySearch(quick ? { calls: 100_000, repeats: 50 } : HISTORY_SEARCH_DEFAULTS),
  'ring-and-answer': (quick) => ringAndAnswer(quick ? { calls: 10 } : RING_AND_ANSWER_DEFAULTS),
  'cold-start': (quick) => coldStart(quick ? { starts: 2 } : COLD_START_DEFAULTS),
  'desk-memory': (quick) => deskMemory(quick ? { calls: 20 } : DESK_MEMORY_DEFAULTS),
  'wrap-up-save': (quick) => wrapUpSave(quick ? { saves: 50 } : WRAP_UP_SAVE_DEFAULTS),
  'offline-queue': (quick) => offlineQueue(quick ? { records: 1_000 } : OFFLINE_QUEUE_DEFAULTS),
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, desks: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  const names = values.only ?? Object.keys(BENCHES);
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) throw new Error(`no benchmark ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}`);
  const desks = values.desks === undefined ? undefined : Number(values.desks);
  if (desks !== undefined && (!Number.isSafeInteger(desks) || desks < 2)) throw new Error(`--desks must be a whole number of at least 2, got ${values.desks}`);

  const sections: BenchSection[] = [];
  for (const name of names) {
    console.log(`running ${name}…`);
    sections.push(await (BENCHES[name] as (typeof BENCHES)[string])(values.quick ?? false, desks));
  }
  printReport(sections);
  const written = await writeReport(resolve(import.meta.dirname, '../../bench-report'), sections);
  console.log(`\nwritten: ${written.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
