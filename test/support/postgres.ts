import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreeTcpPort } from '../../lab/kamailio/free-ports';

/**
 * A private PostgreSQL 15 cluster for one test file: its own temp directory, its own port on
 * 127.0.0.1, trust auth, no fsync (throwaway data). PostgreSQL refuses to run as root, so when the
 * tests run as root the cluster runs as the OS user `postgres`.
 */

const BIN = '/usr/lib/postgresql/15/bin';
const DATABASE = 'seatdesk';
const START_ATTEMPTS = 3;
const run = promisify(execFile);

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/seatdesk */
  url: string;
  stop(): Promise<void>;
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function runPg(asPostgres: boolean, binary: string, args: string[], timeoutMs: number) {
  const [command, commandArgs] = asPostgres ? ['runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args]] : [join(BIN, binary), args];
  return run(command, commandArgs, { timeout: timeoutMs });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const owner = await postgresUser();
  const asPostgres = owner !== undefined;
  const dir = await mkdtemp(join(tmpdir(), 'seatdesk-pg-'));
  const dataDir = join(dir, 'data');
  const stopCluster = async () => {
    await runPg(asPostgres, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10'], 15_000).catch(async () => {
      // pg_ctl could not stop it: kill the postmaster by the pid it wrote.
      const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGKILL');
    });
  };

  try {
    if (owner) {
      await chown(dir, owner.uid, owner.gid);
      await chmod(dir, 0o700);
    }
    await runPg(asPostgres, 'initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], 60_000);

    for (let attempt = 1; ; attempt++) {
      const port = await findFreeTcpPort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        // -w waits until the server accepts connections (bounded by -t).
        await runPg(asPostgres, 'pg_ctl', ['start', '-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options], 40_000);
      } catch (error) {
        // Most likely someone took the port between the probe and the start: try another one.
        await stopCluster();
        if (attempt >= START_ATTEMPTS) {
          const log = await readFile(join(dir, 'server.log'), 'utf8').catch(() => '');
          throw new Error(`PostgreSQL did not start: ${log.slice(-2000)}`, { cause: error });
        }
        continue;
      }
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`create database ${DATABASE}`);
      } finally {
        await admin.end();
      }
      let stopped: Promise<void> | undefined;
      return {
        url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
        stop: () => {
          stopped ??= stopCluster().finally(() => rm(dir, { recursive: true, force: true }));
          return stopped;
        },
      };
    }
  } catch (error) {
    await stopCluster().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
