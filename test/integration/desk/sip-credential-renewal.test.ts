import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { startServer, type RunningServer } from '../../../server/app';
import { dial, labSessions } from '../../support/node-desk';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../support/tcp-fault-proxy';

/**
 * SIP credentials are short-lived (12 h by default; auth_ephemeral in Kamailio refuses an expired
 * username), but an agent may stay logged in longer. Here they live 4 s: the desk renews them from
 * the server before they expire, so after the first ones are long dead a reconnect still
 * registers (with the first ones Kamailio would answer 401) and calls still reach the agent.
 */
const secret = randomBytes(24).toString('base64url');
const CREDENTIAL_TTL_MS = 4_000;
let kamailio: RunningKamailio;
let deskPath: TcpFaultProxy;
let server: RunningServer;

beforeAll(async () => {
  kamailio = await startKamailio({ secret });
  deskPath = await startTcpFaultProxy(kamailio.ports.ws);
  server = await startServer({
    database: { kind: 'pglite' },
    sip: { wsServer: deskPath.url('ws'), domain: kamailio.domain, secret, credentialTtlMs: CREDENTIAL_TTL_MS },
    seedLabAgents: true,
  });
});
afterAll(async () => {
  await server?.close();
  await deskPath?.close();
  await kamailio?.stop();
});

describe('SIP credentials outlived by the login', () => {
  it('are renewed before they expire: a reconnect long after the first ones expired registers again', async () => {
    const sessions = labSessions({ server, kamailio, secret });
    try {
      const desk = await sessions.loggedInDesk('1001');
      const firstExpiry = Date.now() + CREDENTIAL_TTL_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstExpiry - Date.now()) + 2_000));
      expect(desk.latest().registration).toBe('registered');

      // A fresh connection must REGISTER again, answering Kamailio's challenge with what it holds now.
      deskPath.down();
      await vi.waitFor(() => expect(desk.latest().registration).not.toBe('registered'));
      deskPath.up();
      await vi.waitFor(() => expect(desk.latest()).toMatchObject({ registration: 'registered', registrationError: null }), { timeout: 10_000 });

      dial(await sessions.customer('13900000031'), '1001');
      await vi.waitFor(() => expect(desk.latest().call?.phase).toBe('ringing'), { timeout: 10_000 });
    } finally {
      await sessions.cleanup();
    }
  });
});
