import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../src/domain/clock';
import { findFreeTcpPort, findFreeUdpPort } from './free-ports';
import { LAB_QUEUE, renderKamailioConfig } from './kamailio-config';

export interface KamailioOptions {
  /** The auth_ephemeral secret shared with the central server. */
  secret: string;
  /** The SIP domain; default 'seatdesk.lab'. */
  domain?: string;
  /**
   * Where config, pid file and log go. Default: a fresh directory under the OS temp dir, removed by
   * stop() (a start failure keeps it for its log). A given runDir is never removed.
   */
  runDir?: string;
  /** Verbose Kamailio log (every request is logged). */
  debug?: boolean;
  /** Time for the start and stop deadlines; default the system clock. */
  clock?: Clock;
  /**
   * Listen on these ports instead of free ones chosen per run: to start Kamailio again where a
   * previous run (stopped or crashed) was, so clients reconnect to the same address.
   */
  ports?: KamailioPorts;
}

export interface KamailioPorts {
  udp: number;
  ws: number;
}

export interface RunningKamailio {
  /** ws://127.0.0.1:<port>, for SIP.js's transport. */
  wsUrl: string;
  udpPort: number;
  /** The ports, as `ports` for a later start on the same address. */
  ports: KamailioPorts;
  domain: string;
  /** Kamailio's main process, leader of its process group (kill -pid reaches every child). */
  pid: number;
  runDir: string;
  /** Kamailio's stderr (its whole log) for this run. */
  logPath: string;
  /** SIGTERM, then SIGKILL to its process group if it has not exited within a short wait. */
  stop(): Promise<void>;
}

export const KAMAILIO_BINARY = '/usr/sbin/kamailio';
const DEFAULT_DOMAIN = 'seatdesk.lab';
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;
const PROBE_INTERVAL_MS = 20;
const START_ATTEMPTS = 3;

export async function startKamailio(options: KamailioOptions): Promise<RunningKamailio> {
  const clock = options.clock ?? systemClock;
  const domain = options.domain ?? DEFAULT_DOMAIN;
  const removeRunDir = options.runDir === undefined;
  let runDir = options.runDir;

  // Free ports are only free until someone else takes them: retry with new ones on a bind clash.
  // Given ports are retried as they are: the clash is then a previous run still dying.
  for (let attempt = 1; ; attempt++) {
    const [udpPort, wsPort] = options.ports
      ? [options.ports.udp, options.ports.ws]
      : await Promise.all([findFreeUdpPort(), findFreeTcpPort()]);
    // Rendering validates secret and domain: bad input fails here, before anything is created.
    const config = renderKamailioConfig({ domain, secret: options.secret, udpPort, wsPort, debug: options.debug ?? false, queue: LAB_QUEUE });
    runDir ??= await mkdtemp(join(tmpdir(), 'seatdesk-kamailio-'));
    await mkdir(runDir, { recursive: true });
    try {
      const running = await launch({ runDir, config, domain, udpPort, wsPort, clock });
      if (!removeRunDir) return running;
      const ownRunDir = runDir;
      return { ...running, stop: () => running.stop().then(() => rm(ownRunDir, { recursive: true, force: true })) };
    } catch (error) {
      if (!(error instanceof PortClashError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

class PortClashError extends Error {}

interface LaunchParams {
  runDir: string;
  config: string;
  domain: string;
  udpPort: number;
  wsPort: number;
  clock: Clock;
}

async function launch({ runDir, config, domain, udpPort, wsPort, clock }: LaunchParams): Promise<RunningKamailio> {
  const configPath = join(runDir, 'kamailio.cfg');
  const pidPath = join(runDir, 'kamailio.pid');
  const logPath = join(runDir, 'kamailio.log');
  await writeFile(configPath, config);

  // The log goes straight to a file: no pipe to drain, and it survives us for post-mortems.
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      KAMAILIO_BINARY,
      // -DD: stay in the foreground (children still fork); -E: log to stderr; -Y/-w: keep every
      // runtime file in the run dir; no ctl/jsonrpc modules are loaded, so there is no FIFO.
      ['-DD', '-E', '-f', configPath, '-P', pidPath, '-Y', runDir, '-w', runDir, '-m', '32', '-M', '8'],
      // Its own process group, so a stuck Kamailio can be killed together with its children.
      { detached: true, stdio: ['ignore', logFd, logFd] },
    );
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) {
    await once(child, 'error');
    throw new Error(`Kamailio did not start (${KAMAILIO_BINARY}): ${await logTail(logPath)}`);
  }

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  // If the Node process ends without calling stop(), do not leave Kamailio behind.
  const killOnExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!hasExited()) {
        // To the whole group: Kamailio's TCP main process otherwise waits out exit_timeout (1 s).
        killGroup(pid, 'SIGTERM');
        const inTime = await Promise.race([exited.then(() => true), delay(clock, STOP_GRACE_MS).then(() => false)]);
        if (!inTime) {
          killGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      process.removeListener('exit', killOnExit);
    })();
    return stopping;
  };

  const deadline = clock.now() + START_TIMEOUT_MS;
  while (!(await acceptsConnections(wsPort))) {
    if (hasExited()) {
      const tail = await logTail(logPath);
      process.removeListener('exit', killOnExit);
      const message = `Kamailio exited during start (code ${child.exitCode}, signal ${child.signalCode}); log ${logPath}:\n${tail}`;
      throw /Address already in use/i.test(tail) ? new PortClashError(message) : new Error(message);
    }
    if (clock.now() > deadline) {
      await stop();
      throw new Error(`Kamailio did not open ws port ${wsPort} within ${START_TIMEOUT_MS} ms; log ${logPath}:\n${await logTail(logPath)}`);
    }
    await delay(clock, PROBE_INTERVAL_MS);
  }

  return { wsUrl: `ws://127.0.0.1:${wsPort}`, udpPort, ports: { udp: udpPort, ws: wsPort }, domain, pid, runDir, logPath, stop };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

function once(child: ChildProcess, event: 'error'): Promise<unknown> {
  return new Promise((resolve) => child.once(event, resolve));
}

function killGroup(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}

async function logTail(logPath: string, lines = 25): Promise<string> {
  try {
    return (await readFile(logPath, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
