import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { openDeskStore } from '../../../main/store/desk-store';
import { CentralClient } from '../../../main/sync/central-client';
import { OutboxPump } from '../../../main/sync/outbox-pump';
import { ManualClock } from '../../../src/domain/clock';
import { useTempDatabasePath } from '../store/temp-dir';
import { startCentralStub, STUB_TOKEN } from '../sync/central-stub';

const tempPath = useTempDatabasePath();

/** Runs the child until it reports, then kills it with SIGKILL: what it reported was durable, or it is lost. */
async function runAndKill(path: string, mode: 'wrap-up' | 'handover'): Promise<{ callId: string; promiseId: string; handoverId: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./promise-then-hang.child.ts', import.meta.url)), path, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
    const reported = JSON.parse(firstChunk.toString('utf8')) as { callId: string; promiseId: string; handoverId: string | null };
    child.kill('SIGKILL');
    await once(child, 'exit');
    return reported;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The restart: the same file, and the outbox pump of the next login, until `ids` are on the stub. */
async function restartAndDeliver(path: string, check: (store: ReturnType<typeof openDeskStore>) => void, ids: string[]) {
  const store = openDeskStore(path);
  const stub = await startCentralStub();
  const pump = new OutboxPump({
    outbox: store.outbox,
    client: new CentralClient({ baseUrl: stub.url, timeoutMs: 2_000 }),
    clock: new ManualClock(Date.UTC(2026, 11, 1, 3, 0)),
    getToken: () => STUB_TOKEN,
    getAgentId: () => '1001',
    onChange: () => {},
  });
  try {
    check(store);
    pump.start();
    await vi.waitFor(() => expect(ids.map((id) => store.outbox.get(id)?.ackedAt ?? null)).not.toContain(null), { timeout: 5_000, interval: 10 });
    return ids.map((id) => stub.stored.get(id));
  } finally {
    await pump.stop();
    store.close();
    await stub.stop();
  }
}

describe('durability of promises and handovers', () => {
  it('a promise survives a kill -9 once saveWrapUp resolved, with its wrap-up record, sent after the restart', async () => {
    const path = tempPath();
    const { callId, promiseId } = await runAndKill(path, 'wrap-up');
    const [wrapUp] = await restartAndDeliver(
      path,
      (store) => {
        expect(store.promises.get(promiseId)).toMatchObject({ callId, ownerId: '1001', madeBy: { agentId: '1001', name: '王小明' }, summary: '宽带断线 😱', keptHere: null, server: null });
        expect(store.promises.open('1001').map((promise) => promise.id)).toEqual([promiseId]);
        expect(store.outbox.get(promiseId)).toMatchObject({ record: { kind: 'wrapUp', payload: { callId, resolved: false } }, ackedAt: null });
      },
      [promiseId],
    );
    expect(wrapUp).toMatchObject({ kind: 'wrapUp', payload: { callId, summary: '宽带断线 😱' } });
  }, 20_000);

  it('a handover survives a kill -9 once handOver resolved: its items still marked, sent after the restart', async () => {
    const path = tempPath();
    const { promiseId, handoverId } = await runAndKill(path, 'handover');
    expect(handoverId).not.toBeNull();
    const [, handover] = await restartAndDeliver(
      path,
      (store) => {
        expect(store.handovers.get(handoverId!)).toMatchObject({ from: { agentId: '1001' }, to: 'nextShift', payload: { note: '交班 😱' }, server: null });
        expect(store.handovers.pendingOf('promise', promiseId)).toEqual({ handoverId, to: 'nextShift' });
        expect(store.outbox.get(handoverId!)).toMatchObject({ record: { kind: 'handover' }, ackedAt: null });
      },
      [promiseId, handoverId!],
    );
    expect(handover).toMatchObject({ kind: 'handover', payload: { to: { kind: 'nextShift' }, items: [{ kind: 'promise', id: promiseId, note: '下午回电' }] } });
  }, 20_000);
});
