import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyHistoryQuery, type HistoryQuery } from '../../src/contract/history';
import { localInstant, localDateOf } from '../../src/domain/local-time';
import { migrate } from '../../main/store/migrate';
import { deskMigrations } from '../../main/store/migrations';
import { openDeskStore } from '../../main/store/desk-store';
import { GENERATED_DISPOSITIONS, seededRandom, writeGeneratedHistory, type GeneratedCall, type GeneratedHistory } from '../support/generated-history';
import type { BenchSection, Figure } from './report';
import { Samples } from './samples';

export interface HistorySearchBenchOptions {
  calls: number;
  /** Searches of each kind, each a different query where the kind allows. */
  repeats: number;
}

export const HISTORY_SEARCH_DEFAULTS: HistorySearchBenchOptions = { calls: 1_000_000, repeats: 200 };

const AGENT = '1001';
const UTC_OFFSET_MINUTES = 480;
const DAY_MS = 86_400_000;

/** One kind of search: a new query for each run, from what the store holds. */
interface SearchKind {
  name: string;
  query(call: GeneratedCall, run: number): Partial<HistoryQuery>;
}

/**
 * The first page (20 calls) of the agent's history searches the desk runs, over a store of
 * `calls` generated calls, through the real HistoryRepo (the query parsed, the FTS5 expression
 * built, the page and its rows read), timed in this process. Each kind draws its queries from
 * calls the store holds, so most find a page; "number not held" finds nothing and must look at
 * the whole index to say so. The baseline is a primary-key read of one call in the same file.
 */
export async function historySearch(options: HistorySearchBenchOptions = HISTORY_SEARCH_DEFAULTS): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-history-'));
  try {
    const path = join(dir, 'desk.sqlite');
    const generated = generate(path, options.calls);
    const store = openDeskStore(path);
    try {
      const random = seededRandom(7);
      const ownCalls = generated.sample.filter((call) => call.agentId === AGENT);
      const withWrapUp = ownCalls.filter((call) => call.customerName !== '');
      const someCall = (pool: GeneratedCall[]) => pool[Math.floor(random() * pool.length)] as GeneratedCall;
      const dayOf = (call: GeneratedCall) => {
        const from = localInstant(localDateOf(call.offeredAt, UTC_OFFSET_MINUTES), '00:00', UTC_OFFSET_MINUTES);
        return { from, before: from + DAY_MS };
      };
      const kinds: Array<SearchKind & { pool: GeneratedCall[] }> = [
        { name: 'number, 4 digits of it', pool: ownCalls, query: (call) => ({ number: call.remoteNumber.slice(3, 7) }) },
        { name: 'number, grouped "138 1234 5678"', pool: ownCalls, query: (call) => ({ number: grouped(call.remoteNumber) }) },
        { name: 'number not held', pool: ownCalls, query: (_call, run) => ({ number: `170 ${String(run).padStart(4, '0')} 9${String(run).padStart(3, '0')}` }) },
        { name: 'customer name (2-3 characters)', pool: withWrapUp, query: (call) => ({ name: call.customerName }) },
        { name: 'summary word', pool: withWrapUp, query: (_call, run) => ({ summary: generated.summaryWords[run % generated.summaryWords.length] ?? '' }) },
        { name: 'date range (a day) + disposition', pool: ownCalls, query: (call, run) => ({ ...dayOf(call), disposition: GENERATED_DISPOSITIONS[run % GENERATED_DISPOSITIONS.length] ?? null }) },
        { name: 'survey rating', pool: ownCalls, query: (_call, run) => ({ rating: (['dissatisfied', 'neutral', 'none', 'satisfied'] as const)[run % 4] ?? null }) },
        { name: 'summary word + outbound + 30 days', pool: withWrapUp, query: (call, run) => ({ summary: generated.summaryWords[run % generated.summaryWords.length] ?? '', direction: 'outbound', from: call.offeredAt - 30 * DAY_MS, before: call.offeredAt }) },
      ];

      const baseline = new Samples();
      const readOne = store.db.prepare('SELECT * FROM calls WHERE id = ?');
      for (let run = 0; run < options.repeats; run++) {
        const id = someCall(ownCalls).callId;
        const started = performance.now();
        readOne.get(id);
        baseline.add(performance.now() - started);
      }
      const baselineFigure = { name: 'one call by primary key', measured: baseline.summary() };

      const figures: Figure[] = [
        {
          kind: 'rate',
          name: `generated calls written and indexed`,
          value: options.calls / ((generated.writeMs + generated.indexMs) / 1000),
          unit: 'calls/s',
          baseline: null,
          note: `${options.calls.toLocaleString('en')} calls (with wrap-ups and survey results): written in ${seconds(generated.writeMs)}, indexed (HistoryIndex.rebuild) in ${seconds(generated.indexMs)}; the file is ${Math.round(statSync(path).size / 2 ** 20)} MiB`,
        },
      ];
      for (const kind of kinds) {
        const samples = new Samples();
        let found = 0;
        for (let run = 0; run < options.repeats; run++) {
          const query: HistoryQuery = { ...emptyHistoryQuery, ...kind.query(someCall(kind.pool), run) };
          const started = performance.now();
          const page = store.history.search(AGENT, query);
          samples.add(performance.now() - started);
          found += page.calls.length;
        }
        figures.push({ kind: 'latency', name: `first page: ${kind.name}`, measured: samples.summary(), baseline: baselineFigure, note: `${(found / options.repeats).toFixed(1)} calls per page on average` });
      }
      return {
        title: `Desk history search over ${options.calls.toLocaleString('en')} calls`,
        method:
          `A desk store of ${options.calls.toLocaleString('en')} generated calls (a year of one agent's calls, 5% another agent's; most with a saved wrap-up in Chinese, many with a survey result; a tenth of the numbers repeat callers) ` +
          `in a temporary directory, opened as the desk opens it (WAL, synchronous=FULL). Each search kind is run ${options.repeats} times with a new query drawn from the stored calls, ` +
          'timing HistoryRepo.search for the first page of 20 (query parsed, FTS5 expression built, page read with its rows). Target: p99 within 10 ms. Baseline: a primary-key read of one call in the same file.',
        figures,
      };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the store on a connection of its own: no journal, no fsync (a temporary file, written once). */
function generate(path: string, calls: number): GeneratedHistory {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    migrate(db, deskMigrations);
    return writeGeneratedHistory(db, { agentId: AGENT, calls, seed: 42, endsAt: Date.UTC(2026, 10, 23, 9, 0), spacingMs: 30_000 });
  } finally {
    db.close();
  }
}

function grouped(number: string): string {
  return /^1\d{10}$/.test(number) ? `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}` : number.replace(/^(0\d{2,3})(\d{4})(\d+)$/, '$1-$2-$3');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
