import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { WebSocket } from 'ws';
import type { SyncRecord } from '../../src/contract';
import { connectDatabase } from '../../server/db/connect-database';
import { migrateToLatest } from '../../server/db/migrate';
import { hashPassword } from '../../server/passwords';
import { DEFAULT_SESSION_LIMITS } from '../../server/app';
import { startSession } from '../../server/sessions';
import { startPostgres } from '../support/postgres';
import { killServer, listeningUrl, runServerCli, type ServerProcess } from '../support/server-process';
import { BoardPage, wallNow } from './board-paint';
import type { BenchSection } from './report';
import { Samples } from './samples';

export interface DeskLoadOptions {
  desks: number;
  /** Seconds of the steady phase (each desk changes state every `meanGapMs` on average). */
  steadySeconds: number;
  meanGapMs: number;
  /** Seconds of the flat-out phase (each desk sends its next batch as soon as the last is acknowledged). */
  flatOutSeconds: number;
  /** Records per batch in the flat-out phase. */
  batchRecords: number;
}

export const DESK_LOAD_DEFAULTS: DeskLoadOptions = { desks: 2_000, steadySeconds: 30, meanGapMs: 10_000, flatOutSeconds: 15, batchRecords: 5 };

const FIRST_AGENT = 20_000;
const SUPERVISOR = '9001';

interface Desk {
  agentId: string;
  token: string;
  /** Which instance the desk talks to (0 = A, 1 = B). */
  instance: number;
  socket?: WebSocket;
  busy: boolean;
  /** performance.now() of the state change on its way, until both boards showed it. */
  pendingSince: number | null;
  pendingBoards: Set<number>;
}

/** A board's socket: seat frames by 工号, as they arrive. */
interface Board {
  instance: number;
  socket: WebSocket;
  connected: Set<string>;
  onSeat(listener: (agentId: string, seat: { state: string; link: { connected: boolean } }) => void): void;
}

function stateChange(agentId: string, toBusy: boolean): SyncRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'stateChange',
    occurredAt: Date.now(),
    payload: toBusy ? { from: 'ready', to: 'busy', busyReason: 'break', call: null } : { from: 'busy', to: 'ready', busyReason: null, call: null },
  };
}

async function rssMiB(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kib / 1024;
}

async function openBoard(url: string, token: string, instance: number): Promise<Board> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/board/live`);
  const listeners: Array<(agentId: string, seat: { state: string; link: { connected: boolean } }) => void> = [];
  const board: Board = { instance, socket, connected: new Set(), onSeat: (listener) => listeners.push(listener) };
  const snapshot = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { topic: string; seat?: { agentId: string; state: string; link: { connected: boolean } }; seats?: Array<{ agentId: string; link: { connected: boolean } }> };
      if (message.topic === 'seats') {
        for (const seat of message.seats ?? []) if (seat.link.connected) board.connected.add(seat.agentId);
        resolve();
      }
      if (message.topic === 'seat' && message.seat) {
        if (message.seat.link.connected) board.connected.add(message.seat.agentId);
        else board.connected.delete(message.seat.agentId);
        for (const listener of listeners) listener(message.seat.agentId, message.seat);
      }
    });
    socket.once('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', token }));
  await snapshot;
  return board;
}

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inBatches<Item>(items: readonly Item[], limit: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as Item);
    }),
  );
}

/**
 * The center under a full shift's load (issue 9 item 8): `desks` desks (no SIP: sync and live
 * sockets, as the desk's outbox and live channel use them) against two server instances on one
 * private PostgreSQL 15, half the desks on each, a supervisor's board on each.
 */
export async function deskLoad(options: DeskLoadOptions = DESK_LOAD_DEFAULTS): Promise<BenchSection> {
  const cluster = await startPostgres();
  const servers: ServerProcess[] = [];
  const sockets: WebSocket[] = [];
  let boardPage: BoardPage | undefined;
  try {
    // Provisioned straight into the database: 2,000 logins would spend minutes in scrypt, which is not what is measured.
    const db = await connectDatabase({ kind: 'postgres', url: cluster.url });
    const desks: Desk[] = [];
    let boardTokens: string[] = [];
    try {
      await migrateToLatest(db);
      const passwordHash = await hashPassword('bench-password');
      const now = Date.now();
      const agents = Array.from({ length: options.desks }, (_, index) => String(FIRST_AGENT + index));
      for (let start = 0; start < agents.length; start += 500) {
        const rows = agents.slice(start, start + 500).map((agentId) => ({ agent_id: agentId, name: `坐席${agentId}`, password_hash: passwordHash, role: 'agent' as const, created_at: now }));
        await db.insertInto('agents').values(rows).execute();
      }
      await db.insertInto('agents').values({ agent_id: SUPERVISOR, name: '主管9001', password_hash: passwordHash, role: 'supervisor', created_at: now }).execute();
      await inBatches(agents, 8, async (agentId) => {
        const { token } = await startSession(db, { agentId, deviceId: `bench-${agentId}`, address: '127.0.0.1' }, now, DEFAULT_SESSION_LIMITS);
        desks.push({ agentId, token, instance: Number(agentId) % 2, busy: false, pendingSince: null, pendingBoards: new Set() });
      });
      boardTokens = await Promise.all(
        [0, 1].map(async () => (await startSession(db, { agentId: SUPERVISOR, kind: 'board', deviceId: 'board', address: '127.0.0.1' }, now, DEFAULT_SESSION_LIMITS)).token),
      );
    } finally {
      await db.destroy();
    }

    const env = { DATABASE_URL: cluster.url, SIP_WS_SERVER: 'ws://127.0.0.1:5066', SIP_DOMAIN: 'seatdesk.test', SIP_SECRET: 'bench', PORT: '0' };
    servers.push(runServerCli([], { ...env, CLUSTER_INSTANCE_ID: 'bench-a' }), runServerCli([], { ...env, CLUSTER_INSTANCE_ID: 'bench-b' }));
    const urls = await Promise.all(servers.map((server) => listeningUrl(server)));
    const boards = await Promise.all(boardTokens.map((token, instance) => openBoard(urls[instance] as string, token, instance)));
    for (const board of boards) sockets.push(board.socket);

    await inBatches(desks, 50, async (desk) => {
      const socket = new WebSocket(`${(urls[desk.instance] as string).replace(/^http/, 'ws')}/v1/live`, { headers: { authorization: `Bearer ${desk.token}` } });
      sockets.push(socket);
      desk.socket = socket;
      await new Promise<void>((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
    });
    await until(() => boards.every((board) => board.connected.size === desks.length), 'every board to see every desk connected', 60_000);
    // The real board in Chromium on instance B, watching a desk connected to instance A.
    boardPage = await BoardPage.open(urls[1] as string, { agentId: SUPERVISOR, password: 'bench-password' }, (desks[0] as Desk).agentId);

    // Board lag: from the sync request leaving the desk to the seat's frame on each board.
    const lag = { sameInstance: new Samples(), otherInstance: new Samples() };
    const byAgent = new Map(desks.map((desk) => [desk.agentId, desk]));
    for (const board of boards) {
      board.onSeat((agentId, seat) => {
        const desk = byAgent.get(agentId);
        if (!desk || desk.pendingSince === null || !desk.pendingBoards.has(board.instance) || (seat.state === 'busy') !== desk.busy) return;
        (board.instance === desk.instance ? lag.sameInstance : lag.otherInstance).add(performance.now() - desk.pendingSince);
        desk.pendingBoards.delete(board.instance);
        if (desk.pendingBoards.size === 0) desk.pendingSince = null;
      });
    }
    const sync = async (desk: Desk, records: SyncRecord[]): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${urls[desk.instance]}/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`sync of ${desk.agentId} answered ${response.status}`);
      return performance.now() - started;
    };
    const changeState = async (desk: Desk, ack: Samples): Promise<void> => {
      desk.busy = !desk.busy;
      desk.pendingSince = performance.now();
      desk.pendingBoards = new Set([0, 1]);
      ack.add(await sync(desk, [stateChange(desk.agentId, desk.busy)]));
    };

    // The path without load: one desk at a time, 200 changes.
    const idleAck = new Samples();
    const idleLag = { sameInstance: lag.sameInstance, otherInstance: lag.otherInstance };
    for (let index = 0; index < 200; index++) {
      const desk = desks[index % desks.length] as Desk;
      await changeState(desk, idleAck);
      await until(() => desk.pendingSince === null, 'the boards to show an idle change', 10_000);
    }
    const idle = { sameInstance: idleLag.sameInstance.summary(), otherInstance: idleLag.otherInstance.summary() };
    /** The probe desk (on A) changes state; how long until the board page on B painted it. */
    const probe = desks[0] as Desk;
    const page = boardPage;
    let unpainted = 0;
    const paintOnce = async (samples: Samples) => {
      const sentAt = wallNow();
      await changeState(probe, new Samples());
      // Not painted within 10 s: counted, not measured (the page is that far behind).
      const paintedAt = await page.paintedAt(probe.busy ? '示忙' : '示闲', sentAt).catch(() => null);
      if (paintedAt === null) unpainted++;
      else samples.add(paintedAt - sentAt);
    };
    const idlePaint = new Samples();
    for (let index = 0; index < 50; index++) await paintOnce(idlePaint);
    lag.sameInstance = new Samples();
    lag.otherInstance = new Samples();

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    // Steady: every desk changes state every meanGapMs on average (exponential gaps, so arrivals are Poisson).
    const steadyAck = new Samples();
    const steadyEnd = performance.now() + options.steadySeconds * 1_000;
    let steadyFailures = 0;
    const steadyPaint = new Samples();
    const probing = (async () => {
      while (performance.now() < steadyEnd - 1_000) {
        await paintOnce(steadyPaint);
        await sleep(200 + Math.random() * 300);
      }
    })();
    // The probe in the same Promise.all: if it fails, the run ends through the clean-up (servers stopped).
    await Promise.all([
      probing,
      ...desks.slice(1).map(async (desk) => {
        for (;;) {
          await sleep(-Math.log(1 - Math.random()) * options.meanGapMs);
          if (performance.now() >= steadyEnd) return;
          await changeState(desk, steadyAck).catch(() => steadyFailures++);
        }
      }),
    ]);
    const steadyEvents = steadyAck.count;
    const boardHeap = await page.heapMiB();
    await until(() => desks.every((desk) => desk.pendingSince === null), 'the boards to show the last steady changes', 30_000).catch(() => undefined);
    const steadyLag = { sameInstance: lag.sameInstance.summary(), otherInstance: lag.otherInstance.summary() };
    const loopP99 = loopDelay.percentile(99) / 1e6;
    loopDelay.disable();

    // Flat out: every desk sends its next batch as soon as the last one is acknowledged.
    const flatAck = new Samples();
    let flatRecords = 0;
    const flatStart = performance.now();
    const flatEnd = flatStart + options.flatOutSeconds * 1_000;
    await Promise.all(
      desks.map(async (desk) => {
        while (performance.now() < flatEnd) {
          const records = Array.from({ length: options.batchRecords }, () => {
            desk.busy = !desk.busy;
            return stateChange(desk.agentId, desk.busy);
          });
          flatAck.add(await sync(desk, records));
          flatRecords += records.length;
        }
      }),
    );
    const flatSeconds = (performance.now() - flatStart) / 1_000;
    const rss = await Promise.all(servers.map((server) => rssMiB(server.child.pid)));

    // Baselines: the database's own commit of one such row, and its own NOTIFY round trip.
    const { insert, notify } = await rawDatabaseBaselines(cluster.url);

    return {
      title: `Center load: ${options.desks} desks, two server instances on PostgreSQL`,
      method: [
        `${options.desks} simulated desks (no SIP; sync requests and /v1/live sockets, as the desk's outbox and live channel use them) against two \`server/cli.ts\` processes on one private PostgreSQL 15, half the desks on each; one supervisor board socket on each instance.`,
        `Sessions and agents are provisioned in the database beforehand (2,000 scrypt logins are not what is measured).`,
        `Steady phase: ${options.steadySeconds} s, each desk toggles ready/busy at exponential gaps of mean ${options.meanGapMs / 1_000} s, one record per sync. Board lag = sync request sent → that seat's frame on a board socket (Node ws client, not painted), split by whether the board is on the desk's instance or the other one (via LISTEN/NOTIFY).`,
        `Painted: the real board page (Chromium, logged in, sorted by 工号) on instance B watches one probe desk connected to instance A that changes state every 0.2-0.5 s through the steady phase; lag = sync request sent → the animation frame after the probe's state cell changed in the DOM (same machine clock on both sides). Board page JS heap after the steady phase: ${boardHeap.toFixed(0)} MiB.`,
        `Flat-out phase: ${options.flatOutSeconds} s, every desk sends its next ${options.batchRecords}-record batch as soon as the last is acknowledged.`,
        `Baselines (same run): the same path with one change at a time and no load; a single-row INSERT + commit of a record-sized row with pg; a NOTIFY → LISTEN round trip with pg. Load generator, both servers and PostgreSQL share the machine. Load generator event-loop delay p99 during the steady phase: ${loopP99.toFixed(1)} ms. Server RSS after the run: ${rss.map((mib) => `${mib.toFixed(0)} MiB`).join(' and ')}.`,
      ].join(' '),
      figures: [
        { kind: 'rate', name: 'steady: state changes ingested', value: steadyEvents / options.steadySeconds, unit: 'events/s', baseline: null, note: steadyFailures > 0 ? `${steadyFailures} syncs failed` : undefined },
        { kind: 'latency', name: 'steady: sync ack', measured: steadyAck.summary(), baseline: { name: 'raw INSERT + commit', measured: insert } },
        { kind: 'latency', name: 'steady: board painted (Chromium, other instance)', measured: steadyPaint.summary(), baseline: { name: 'same path, no load', measured: idlePaint.summary() }, note: unpainted > 0 ? `${unpainted} changes not painted within 10 s` : undefined },
        { kind: 'latency', name: 'steady: board lag, same instance', measured: steadyLag.sameInstance, baseline: { name: 'same path, no load', measured: idle.sameInstance } },
        { kind: 'latency', name: 'steady: board lag, other instance', measured: steadyLag.otherInstance, baseline: { name: 'same path, no load', measured: idle.otherInstance } },
        { kind: 'latency', name: 'idle: sync ack', measured: idleAck.summary(), baseline: { name: 'raw INSERT + commit', measured: insert } },
        { kind: 'latency', name: 'NOTIFY round trip (raw)', measured: notify, baseline: null },
        { kind: 'rate', name: 'flat out: records ingested', value: flatRecords / flatSeconds, unit: 'records/s', baseline: null },
        { kind: 'latency', name: `flat out: sync ack (${options.batchRecords} records)`, measured: flatAck.summary(), baseline: { name: 'raw INSERT + commit', measured: insert } },
      ],
    };
  } finally {
    await boardPage?.close();
    for (const socket of sockets) socket.terminate();
    for (const server of servers) await killServer(server);
    await cluster.stop();
  }
}

async function rawDatabaseBaselines(url: string) {
  const client = new pg.Client({ connectionString: url });
  const listener = new pg.Client({ connectionString: url });
  await Promise.all([client.connect(), listener.connect()]);
  try {
    await client.query('create table bench_records (id text primary key, agent_id text, kind text, occurred_at bigint, received_at bigint, payload jsonb)');
    const insert = new Samples();
    for (let index = 0; index < 500; index++) {
      const record = stateChange(String(FIRST_AGENT), index % 2 === 0);
      const started = performance.now();
      await client.query('insert into bench_records values ($1, $2, $3, $4, $5, $6)', [record.id, record.agentId, record.kind, record.occurredAt, Date.now(), JSON.stringify(record.payload)]);
      insert.add(performance.now() - started);
    }
    await listener.query('listen bench_channel');
    const notify = new Samples();
    for (let index = 0; index < 500; index++) {
      const heard = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
      const started = performance.now();
      await client.query('select pg_notify($1, $2)', ['bench_channel', String(index)]);
      await heard;
      notify.add(performance.now() - started);
    }
    return { insert: insert.summary(), notify: notify.summary() };
  } finally {
    await Promise.all([client.end(), listener.end()]);
  }
}
