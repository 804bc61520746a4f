import { describe, expect, it } from 'vitest';
import type { Lab } from '../../../lab';
import { findFreeTcpPort } from '../../../lab/kamailio/free-ports';
import { useLabForSuite } from '../../support/lab-suite';
import { startNodeDesk } from '../../support/node-desk';

/**
 * Before anybody logs in, once a window shows the desk (its first getSnapshot), the desk asks the
 * central server whether it answers, so the login screen can say so before the agent types (and
 * the first login finds its connection open).
 */
let lab: Lab;
useLabForSuite({ callerPage: false }, (suite) => {
  lab = suite.lab;
});

describe("the desk's word on the central server before login", () => {
  it('is that the server answers when it does', async () => {
    const desk = await startNodeDesk(lab.server.url);
    try {
      expect(await desk.runtime.desk.getSnapshot()).toMatchObject({ serverReachable: null });
      expect(await desk.until((snapshot) => snapshot.serverReachable !== null, 5_000)).toMatchObject({ agent: null, serverReachable: true });
    } finally {
      await desk.stop();
    }
  });

  it('is that the server cannot be reached when nothing listens at its address, and a login then says the same', async () => {
    const desk = await startNodeDesk(`http://127.0.0.1:${await findFreeTcpPort()}`);
    try {
      await desk.runtime.desk.getSnapshot();
      expect(await desk.until((snapshot) => snapshot.serverReachable !== null, 5_000)).toMatchObject({ agent: null, serverReachable: false });
      await expect(desk.runtime.desk.login({ agentId: '1001', password: 'pw1001' })).rejects.toMatchObject({ code: 'server-unreachable' });
      expect(desk.latest()).toMatchObject({ agent: null, serverReachable: false });
    } finally {
      await desk.stop();
    }
  });
});
