import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../../server/app';
import { startPostgres } from '../../support/postgres';

/** The server suites run on embedded PGlite and on a private real PostgreSQL 15. */
export interface Backend {
  name: string;
  prepare(): Promise<{ database: ServerConfig['database']; cleanup(): Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: 'PGlite',
    async prepare() {
      // A data directory rather than memory, so a restart test can reopen it.
      const dataDir = await mkdtemp(join(tmpdir(), 'seatdesk-pglite-'));
      return { database: { kind: 'pglite', dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async prepare() {
      const cluster = await startPostgres();
      return { database: { kind: 'postgres', url: cluster.url }, cleanup: () => cluster.stop() };
    },
  },
];

export const SIP = { wsServer: 'ws://127.0.0.1:5066', domain: 'seatdesk.test', secret: 'lab-secret', credentialTtlMs: 60 * 60_000 };
