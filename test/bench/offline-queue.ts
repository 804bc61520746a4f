import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { MAX_BATCH_RECORDS, type SyncRecord } from '../../src/contract/sync';
import { systemClock } from '../../src/domain/clock';
import { openDeskStore } from '../../main/store/desk-store';
import { CentralClient } from '../../main/sync/central-client';
import { OutboxPump, type OutboxPumpState } from '../../main/sync/outbox-pump';
import { startServer, type RunningServer } from '../../server/app';
import type { DatabaseConfig } from '../../server/db/connect-database';
import { startPostgres } from '../support/postgres';
import { wallNow } from './board-paint';
import type { BenchSection, Figure } from './report';

export interface OfflineQueueOptions {
  /** Records the desk queued while the server was away. */
  records: number;
}

export const OFFLINE_QUEUE_DEFAULTS: OfflineQueueOptions = { records: 10_000 };

const AGENT = '1001';

/**
 * A desk that was offline for a long while comes back: `records` records wait in its outbox (a
 * real desk store on disk), and the real outbox pump sends them to the real server (in this
 * process) until the last is acknowledged. The baseline writes the same rows into the same
 * database with plain batched INSERTs of the pump's batch size (one transaction per batch), the
 * floor the protocol, validation and the server's bookkeeping sit on. On PGlite and on PostgreSQL.
 */
export async function offlineQueue(options: OfflineQueueOptions): Promise<BenchSection> {
  const figures: Figure[] = [];
  figures.push(...(await onBackend('PGlite (in memory)', { kind: 'pglite' }, options)));
  const postgres = await startPostgres();
  try {
    figures.push(...(await onBackend('PostgreSQL 15', { kind: 'postgres', url: postgres.url }, options)));
  } finally {
    await postgres.stop();
  }
  return {
    title: `${options.records.toLocaleString('en')} records queued offline → all acknowledged`,
    method: [
      `${options.records} records (calls, their wrap-ups, and state changes, as a day's work makes them) are written to a desk store's outbox first; then the desk's OutboxPump (its defaults: up to 200 records and 4 MiB a request) sends them to the central server over HTTP until none is pending.`,
      'The baseline: the same rows as plain batched INSERTs (200 a statement, one transaction each) into a table of the same database.',
      'Server and pump in one Node process; PostgreSQL is a private cluster on this machine (fsync on).',
    ].join(' '),
    figures,
  };
}

async function onBackend(name: string, database: DatabaseConfig, options: OfflineQueueOptions): Promise<Figure[]> {
  const server = await startServer({ database, sip: { wsServer: 'ws://127.0.0.1:9', domain: 'bench.local', secret: 'bench' }, seedLabAgents: true });
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-bench-outbox-'));
  const store = openDeskStore(join(dir, 'desk.sqlite'));
  try {
    const records = dayOfRecords(options.records);
    store.db.transaction(() => {
      for (const record of records) store.outbox.enqueue(record, record.occurredAt);
    })();
    const client = new CentralClient({ baseUrl: server.url });
    const { token } = await client.login({ agentId: AGENT, password: `pw${AGENT}`, deviceId: 'bench-offline-queue' });
    const startedAt = wallNow();
    await new Promise<void>((resolve) => {
      const pump = new OutboxPump({
        outbox: store.outbox,
        client,
        clock: systemClock,
        getToken: () => token,
        getAgentId: () => AGENT,
        onChange: (state: OutboxPumpState) => {
          if (state.pendingCount === 0) {
            void pump.stop();
            resolve();
          }
        },
      });
      pump.start();
    });
    const pumped = options.records / ((wallNow() - startedAt) / 1_000);
    const raw = await rawInserts(server, records, MAX_BATCH_RECORDS);
    return [{ kind: 'rate', name: `${name}: sent and acknowledged`, value: pumped, unit: 'records/s', baseline: { name: 'raw batched INSERT', value: raw } }];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

/** The same rows, INSERTed `batch` at a time into a scratch table; records per second. */
async function rawInserts(server: RunningServer, records: readonly SyncRecord[], batch: number): Promise<number> {
  await sql`create table bench_raw (id uuid primary key, agent_id text not null, kind text not null, occurred_at bigint not null, payload jsonb not null)`.execute(server.db);
  const startedAt = wallNow();
  for (let at = 0; at < records.length; at += batch) {
    const rows = records.slice(at, at + batch).map((record) => sql`(${record.id}, ${record.agentId}, ${record.kind}, ${record.occurredAt}, ${JSON.stringify(record.payload)}::jsonb)`);
    await server.db.transaction().execute((trx) => sql`insert into bench_raw (id, agent_id, kind, occurred_at, payload) values ${sql.join(rows)}`.execute(trx));
  }
  const rate = records.length / ((wallNow() - startedAt) / 1_000);
  await sql`drop table bench_raw`.execute(server.db);
  return rate;
}

/** Calls with their wrap-ups and the state changes around them, oldest first, spread over the last hours. */
function dayOfRecords(count: number): SyncRecord[] {
  const records: SyncRecord[] = [];
  const start = Date.now() - count * 1_000;
  for (let index = 0; records.length < count; index++) {
    const at = start + index * 4_000;
    const callId = uuidv7();
    const remoteNumber = `1380000${String(index % 10_000).padStart(4, '0')}`;
    const base = { agentId: AGENT };
    records.push({ ...base, id: uuidv7(), kind: 'stateChange', occurredAt: at, payload: { from: 'ready', to: 'ringing', busyReason: null, call: { callId, direction: 'inbound', remoteNumber } } });
    records.push({
      ...base,
      id: uuidv7(),
      kind: 'call',
      occurredAt: at + 60_000,
      payload: { callId, direction: 'inbound', remoteNumber, remoteDisplayName: '', offeredAt: at, answeredAt: at + 3_000, endedAt: at + 60_000, ringsAtAnswer: 1, endReason: 'remote-hangup', survey: null, surveySkipReason: null, transferredTo: null, transferKind: null, consultedWith: null, conference: false },
    });
    records.push({
      ...base,
      id: uuidv7(),
      kind: 'wrapUp',
      occurredAt: at + 80_000,
      payload: { callId, disposition: 'inquiry', summary: '客户咨询宽带资费，已告知当前套餐与优惠活动。', customerName: '张先生', customerContact: remoteNumber, resolved: true, promisedReplyAt: null },
    });
    records.push({ ...base, id: uuidv7(), kind: 'stateChange', occurredAt: at + 80_001, payload: { from: 'wrapUp', to: 'ready', busyReason: null, call: null } });
  }
  return records.slice(0, count);
}
