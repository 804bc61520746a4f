import { afterAll, afterEach, beforeAll } from 'vitest';
import { ManualClock } from '../../../src/domain/clock';
import { startServer, type RunningServer, type ServerConfig } from '../../../server/app';
import { SIP, type Backend } from './backends';
import { openLive, type LiveSocket } from './live-socket';

export interface ServerSuite {
  /** The server's clock: the tests move it. */
  clock: ManualClock;
  /** The running server's base URL; throws when it is not running. */
  url(): string;
  /** The running server's database; throws when it is not running. */
  db(): RunningServer['db'];
  /** A desk's /v1/live socket, terminated after the test. */
  live(token: string, options?: { autoPong?: boolean }): Promise<LiveSocket>;
  /** Stops the server before the file ends (the suite stops it otherwise). */
  close(): Promise<void>;
  /** Closes the server and starts it again on the same database, with the same options. */
  restart(): Promise<void>;
}

/**
 * One central server for the test file on `backend`, with the lab agents seeded, the lab's SIP
 * settings, a manual clock (from `startsAt`) and the file's own `options`; stopped and its database
 * removed after the file.
 */
export function useServerSuite(
  backend: Backend,
  options: Omit<ServerConfig, 'database' | 'sip' | 'clock' | 'seedLabAgents'> = {},
  startsAt?: number,
): ServerSuite {
  const clock = new ManualClock(startsAt);
  let database: ServerConfig['database'] | undefined;
  let cleanup: () => Promise<void> = async () => undefined;
  let server: RunningServer | undefined;
  const liveSockets: LiveSocket[] = [];
  const running = () => {
    if (!server) throw new Error('server not running');
    return server;
  };
  const start = async () => {
    if (!database) throw new Error('database not prepared');
    server = await startServer({ ...options, database, sip: SIP, clock, seedLabAgents: true });
  };
  const close = async () => {
    await server?.close();
    server = undefined;
  };

  beforeAll(async () => {
    ({ database, cleanup } = await backend.prepare());
    await start();
  });
  afterEach(() => {
    for (const { socket } of liveSockets.splice(0)) socket.terminate();
  });
  afterAll(async () => {
    await close();
    await cleanup();
  });

  return {
    clock,
    url: () => running().url,
    db: () => running().db,
    live: async (token, liveOptions) => {
      const socket = await openLive(running().url, token, liveOptions);
      liveSockets.push(socket);
      return socket;
    },
    close,
    restart: async () => {
      await close();
      await start();
    },
  };
}
