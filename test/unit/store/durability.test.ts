import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDeskStore } from '../../../main/store/desk-store';
import { AGENT, aCall, aWrapUp, T0 } from './fixtures';
import { useTempDatabasePath } from './temp-dir';

const tempPath = useTempDatabasePath();

describe('durability of a saved wrap-up', () => {
  it('is there, with its pending outbox row, after the file is closed and reopened', () => {
    const path = tempPath();
    const store = openDeskStore(path);
    const call = aCall();
    store.calls.recordFinished(AGENT, call, T0);
    const { recordId } = store.wrapUps.save(AGENT, aWrapUp(call.callId), T0);
    store.close();

    const reopened = openDeskStore(path);
    try {
      expect(reopened.wrapUps.get(call.callId)).toMatchObject({ id: recordId, status: 'saved' });
      expect(reopened.outbox.get(recordId)).toMatchObject({ ackedAt: null });
      expect(reopened.outbox.pendingCount(AGENT)).toBe(2);
      expect(reopened.calls.recentCalls(AGENT, 10)).toEqual([expect.objectContaining({ callId: call.callId, wrapUp: 'pending' })]);
    } finally {
      reopened.close();
    }
  });

  it('is there after the process that saved it is killed (SIGKILL) without closing the database', async () => {
    const path = tempPath();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./save-then-hang.child.ts', import.meta.url)), path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
      const saved = JSON.parse(firstChunk.toString('utf8')) as { callId: string; recordId: string };
      child.kill('SIGKILL');
      await once(child, 'exit');

      const reopened = openDeskStore(path);
      try {
        expect(reopened.wrapUps.get(saved.callId)).toMatchObject({ id: saved.recordId, status: 'saved' });
        expect(reopened.outbox.get(saved.recordId)).toMatchObject({ ackedAt: null });
      } finally {
        reopened.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
