import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { useLabForSuite } from '../../support/lab-suite';
import { dial, startNodeDesk, type LabSessions } from '../../support/node-desk';

/**
 * The shell's "incoming call" hook (the Electron shell's OS notification) through the whole main
 * process on the lab: it fires when the rules ring the agent, never for an offer they decline.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false }, (suite) => {
  lab = suite.lab;
  sessions = suite.sessions;
});

describe('the incoming-call hook', () => {
  it('is silent for an offer declined 486 while busy, and names the caller of one that rings', async () => {
    const notified: string[] = [];
    const desk = await startNodeDesk(lab.server.url, { onIncomingCall: (caller) => notified.push(caller) });
    try {
      await desk.runtime.desk.login({ agentId: '1004', password: 'pw1004' });
      await vi.waitFor(() => expect(desk.latest().registration).toBe('registered'), { timeout: 10_000 });
      await desk.runtime.desk.setBusy({ reason: 'meeting' });

      const declined = dial(await sessions.customer('13900000041'), '1004');
      await vi.waitFor(() => expect(declined.finalStatus()).toBe(486));
      expect(notified).toEqual([]);

      await desk.runtime.desk.setReady();
      dial(await sessions.customer('13900000042'), '1004');
      await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'));
      expect(notified).toEqual(['13900000042']);
    } finally {
      await desk.stop();
    }
  });
});
