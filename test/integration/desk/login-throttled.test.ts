import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../lab';
import { DeskError } from '../../../src/rpc';
import { useLabForSuite } from '../../support/lab-suite';
import { startNodeDesk } from '../../support/node-desk';

/**
 * The server's login throttle as the agent meets it at the desk: after the failures the server
 * allows for one 工号, even the right password is refused, and the desk says how long to wait
 * (from the server's Retry-After) instead of calling it a server fault.
 */
let lab: Lab;
useLabForSuite({ callerPage: false }, (suite) => {
  lab = suite.lab;
});

async function loginFailure(login: Promise<void>): Promise<DeskError> {
  const error = await login.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DeskError);
  return error as DeskError;
}

describe('a throttled login', () => {
  it('is refused with too-many-attempts and the minutes to wait, and nothing is logged in', async () => {
    const desk = await startNodeDesk(lab.server.url);
    try {
      // The server's default: 5 failures of one 工号 within 15 minutes lock it.
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await loginFailure(desk.runtime.desk.login({ agentId: '1007', password: 'not-it' }))).code).toBe('bad-credentials');
      }
      const refused = await loginFailure(desk.runtime.desk.login({ agentId: '1007', password: 'pw1007' }));
      expect(refused.code).toBe('too-many-attempts');
      expect(refused.params).toEqual({ minutes: 15 });
      expect((await desk.runtime.desk.getSnapshot()).agent).toBeNull();

      // Another 工号 from the same desk is not locked by it.
      await desk.runtime.desk.login({ agentId: '1008', password: 'pw1008' });
      expect((await desk.runtime.desk.getSnapshot()).agent?.agentId).toBe('1008');
    } finally {
      await desk.stop();
    }
  });
});
