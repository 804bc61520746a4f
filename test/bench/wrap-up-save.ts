import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { SaveWrapUp } from '../../src/contract/desk';
import type { CallPayload } from '../../src/contract/sync';
import { DeskRecords } from '../../main/desk/desk-records';
import { openDeskStore } from '../../main/store/desk-store';
import type { BenchSection, Figure } from './report';
import { Samples } from './samples';

export interface WrapUpSaveOptions {
  /** Saves with an ordinary summary; a tenth as many with a 1 MB one. */
  saves: number;
}

export const WRAP_UP_SAVE_DEFAULTS: WrapUpSaveOptions = { saves: 500 };

const AGENT = '1001';
const ORDINARY = '客户反映宽带晚间频繁掉线，已远程重启光猫并登记报修，约定明日上午回电确认。';
const ONE_MB = '长'.repeat(1_000_000);

/**
 * What the agent waits for when they press 保存: the desk's store saving a wrap-up (validated,
 * written with its outbox record and the history index in one transaction, synchronous=FULL in
 * WAL), timed here. The baseline commits the same row's JSON into a plain table of a file opened
 * the same way (WAL, synchronous=FULL), one transaction per row.
 */
export async function wrapUpSave(options: WrapUpSaveOptions): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-wrap-up-'));
  const store = openDeskStore(join(dir, 'desk.sqlite'));
  const raw = new BetterSqlite3(join(dir, 'raw.sqlite'));
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('create table wrap_ups (id text primary key, call_id text not null, body text not null)');
    const insert = raw.prepare('insert into wrap_ups (id, call_id, body) values (?, ?, ?)');
    const records = new DeskRecords(store);
    const figures: Figure[] = [];
    for (const [name, summary, saves] of [
      ['ordinary summary (36 characters)', ORDINARY, options.saves],
      ['1 MB summary', ONE_MB, Math.max(5, Math.round(options.saves / 10))],
    ] as const) {
      const desk = new Samples();
      const plain = new Samples();
      for (let save = 0; save < saves; save++) {
        const wrapUp = aCall(records, summary);
        let startedAt = performance.now();
        records.saveWrapUp(AGENT, wrapUp, Date.now());
        desk.add(performance.now() - startedAt);
        const body = JSON.stringify(wrapUp);
        startedAt = performance.now();
        raw.transaction(() => insert.run(uuidv7(), wrapUp.callId, body))();
        plain.add(performance.now() - startedAt);
      }
      figures.push({ kind: 'latency', name: `wrap-up save → committed, ${name}`, measured: desk.summary(), baseline: { name: 'raw better-sqlite3 WAL commit of the row', measured: plain.summary() } });
    }
    return {
      title: 'Wrap-up save → durable commit (the desk store against a raw SQLite commit)',
      method: [
        `Each save is of a call recorded just before (not timed), through DeskRecords.saveWrapUp as the desk's saveWrapUp command calls it: zod validation, the wrap-up row, its outbox record and the history search index in one IMMEDIATE transaction, committed with synchronous=FULL in WAL on this machine's disk.`,
        'The baseline: the same wrap-up\'s JSON inserted into a one-table file opened the same way, one transaction per row. The RPC hop from the renderer is not in these figures (the ring-and-answer bench measures the bridge).',
      ].join(' '),
      figures,
    };
  } finally {
    store.close();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function aCall(records: DeskRecords, summary: string): SaveWrapUp {
  const callId = uuidv7();
  const now = Date.now();
  const call: CallPayload = {
    callId,
    direction: 'inbound',
    remoteNumber: '13812345678',
    remoteDisplayName: '',
    offeredAt: now - 60_000,
    answeredAt: now - 55_000,
    endedAt: now,
    ringsAtAnswer: 1,
    endReason: 'remote-hangup',
    survey: null,
    surveySkipReason: null,
    transferredTo: null,
    transferKind: null,
    consultedWith: null,
    conference: false,
  };
  records.recordCall(AGENT, call, now);
  return { callId, disposition: 'repair', summary, customerName: '李女士', customerContact: '13812345678', resolved: true, promisedReplyAt: null };
}
