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

describe('durability of a raised ticket', () => {
  it('survives a kill -9 of the desk once raiseTicket resolved, and is sent after the restart', async () => {
    const path = tempPath();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./raise-ticket-then-hang.child.ts', import.meta.url)), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
      const { ticketId } = JSON.parse(firstChunk.toString('utf8')) as { ticketId: string };
      child.kill('SIGKILL');
      await once(child, 'exit');

      // The restart: the same file, and the outbox pump of the next login.
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
        expect(store.tickets.get(ticketId)).toMatchObject({ agentId: '1001', payload: { severity: 'emergency', content: '紧急、重大事件：机房断电 😱' }, server: null });
        expect(store.outbox.get(ticketId)).toMatchObject({ record: { kind: 'ticket' }, ackedAt: null });
        pump.start();
        await vi.waitFor(() => expect(store.outbox.get(ticketId)?.ackedAt).not.toBeNull(), { timeout: 5_000, interval: 10 });
        expect(stub.stored.get(ticketId)).toMatchObject({ kind: 'ticket', payload: { severity: 'emergency', content: '紧急、重大事件：机房断电 😱' } });
      } finally {
        await pump.stop();
        store.close();
        await stub.stop();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
