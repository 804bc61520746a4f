import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { agentIdSchema, directoryEntrySchema } from '../src/contract';
import { systemClock } from '../src/domain/clock';
import { createAgent } from './agents';
import { startServer, type ServerConfig } from './app';
import { connectDatabase, type DatabaseConfig } from './db/connect-database';
import { migrateToLatest } from './db/migrate';
import { addDirectoryEntry } from './directory';

/**
 * npx tsx server/cli.ts                                  serve (env below)
 * npx tsx server/cli.ts add-agent <工号> <name> [--supervisor]   provision an agent; password on stdin
 * npx tsx server/cli.ts add-department <extension> <department> [name]   add a directory line
 *
 * Env: PORT, HOST, DATABASE_URL (postgres://…) or SEATDESK_DATA_DIR (PGlite directory; in memory
 * when neither is set), SIP_WS_SERVER, SIP_DOMAIN, SIP_SECRET, SIP_CREDENTIAL_TTL_MS (default 12 h),
 * SEED_LAB_AGENTS=1,
 * SEATDESK_SURVEY_TOKENS (comma-separated bearer tokens the survey IVRs post results with, each at
 * least 16 characters; unset: no IVR can post).
 *
 * Sessions (a desk at its seat renews its session with every request and every answered ping of
 * /v1/live, every 30 s; an ended session's desk is told why, on /v1/live and in every 401):
 *   SESSION_IDLE_MS                        a session its desk has not been seen for this long ends
 *                                          (default 1800000 = 30 min; at least 120000)
 *   SESSION_MAX_MS                         no session lasts longer (default 50400000 = 14 h; at least 60000)
 *
 * Login throttling (429 with Retry-After; failed logins are recorded for supervisors):
 *   LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE  logins per client address per minute (default 120;
 *                                          raise it when more desks than that share one NAT address)
 *   LOGIN_FAILURES_PER_AGENT               failed logins of one 工号 before it is locked (default 5)
 *   LOGIN_FAILURES_PER_ADDRESS             failed logins from one address before it is locked (default 50)
 *   LOGIN_FAILURE_WINDOW_MS                how long a failure counts (default 900000 = 15 min)
 *   TRUST_PROXY                            behind a reverse proxy: its addresses or CIDRs, comma-separated,
 *                                          so the client address comes from X-Forwarded-For (default:
 *                                          trust no proxy)
 *
 * Several instances on one PostgreSQL (DATABASE_URL) behind a load balancer hear each other through
 * it (LISTEN/NOTIFY); nothing to set, but:
 *   CLUSTER_INSTANCE_ID                    this instance's name in the logs and among the others
 *                                          (1-64 of 0-9 a-z -; default a new random id per start)
 *   CLUSTER_HEARTBEAT_MS                   how often instances say they are alive; one silent for three
 *                                          of these counts as gone, its desks as disconnected (default 2000)
 */

function databaseFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.SEATDESK_DATA_DIR || undefined };
}

function requiredEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

function surveyTokensFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0-65535, got ${value}`);
  return port;
}

function wholeNumberFromEnv(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min) throw new Error(`${name} must be a whole number of at least ${min}, got ${value}`);
  return number;
}

function sessionLimitsFromEnv(env: NodeJS.ProcessEnv): NonNullable<ServerConfig['sessions']> {
  const limits = { idleMs: wholeNumberFromEnv(env, 'SESSION_IDLE_MS', 120_000), absoluteMs: wholeNumberFromEnv(env, 'SESSION_MAX_MS', 60_000) };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

function loginThrottleFromEnv(env: NodeJS.ProcessEnv): NonNullable<ServerConfig['loginThrottle']> {
  const limits = {
    attemptsPerAddressPerMinute: wholeNumberFromEnv(env, 'LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE', 1),
    failuresPerAgent: wholeNumberFromEnv(env, 'LOGIN_FAILURES_PER_AGENT', 1),
    failuresPerAddress: wholeNumberFromEnv(env, 'LOGIN_FAILURES_PER_ADDRESS', 1),
    failureWindowMs: wholeNumberFromEnv(env, 'LOGIN_FAILURE_WINDOW_MS', 1_000),
  };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

/** At least a minute: the desk renews three quarters into the lifetime, and needs the time to. */
function credentialTtlFromEnv(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 60_000) throw new Error(`SIP_CREDENTIAL_TTL_MS must be a whole number of ms, at least 60000, got ${value}`);
  return ms;
}

function clusterFromEnv(env: NodeJS.ProcessEnv): NonNullable<ServerConfig['cluster']> {
  const heartbeatMs = wholeNumberFromEnv(env, 'CLUSTER_HEARTBEAT_MS', 100);
  return { ...(env.CLUSTER_INSTANCE_ID ? { instanceId: env.CLUSTER_INSTANCE_ID } : {}), ...(heartbeatMs === undefined ? {} : { heartbeatMs }) };
}

/** BOARD_DIR, or the board this checkout built (npm run build:board); none: no board page. */
function boardDirFromEnv(env: NodeJS.ProcessEnv): Pick<ServerConfig, 'boardDir'> {
  if (env.BOARD_DIR) return { boardDir: env.BOARD_DIR };
  const built = fileURLToPath(new URL('../dist/board', import.meta.url));
  return existsSync(join(built, 'index.html')) ? { boardDir: built } : {};
}

async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const config: ServerConfig = {
    host: env.HOST || '127.0.0.1',
    port: portFromEnv(env.PORT),
    database: databaseFromEnv(env),
    sip: {
      wsServer: requiredEnv(env, 'SIP_WS_SERVER'),
      domain: requiredEnv(env, 'SIP_DOMAIN'),
      secret: requiredEnv(env, 'SIP_SECRET'),
      ...(env.SIP_CREDENTIAL_TTL_MS ? { credentialTtlMs: credentialTtlFromEnv(env.SIP_CREDENTIAL_TTL_MS) } : {}),
    },
    seedLabAgents: env.SEED_LAB_AGENTS === '1',
    surveyTokens: surveyTokensFromEnv(env.SEATDESK_SURVEY_TOKENS),
    sessions: sessionLimitsFromEnv(env),
    loginThrottle: loginThrottleFromEnv(env),
    trustProxy: env.TRUST_PROXY?.trim() || undefined,
    cluster: clusterFromEnv(env),
    ...boardDirFromEnv(env),
    logger: true,
  };
  const server = await startServer(config);
  console.log(`SeatDesk server listening on ${server.url}`);

  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function addAgent(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [agentIdArg, name, ...flags] = args;
  const agentId = agentIdSchema.safeParse(agentIdArg);
  if (!agentId.success || !name || flags.some((flag) => flag !== '--supervisor')) {
    throw new Error('usage: add-agent <工号: 3-10 digits> <name> [--supervisor]   (password on stdin)');
  }
  // Only the first line: `echo secret | …` must not make the newline part of the password.
  const password = (await text(process.stdin)).split(/\r?\n/)[0] ?? '';
  if (password.length === 0) throw new Error('no password on stdin');

  const db = await connectDatabase(databaseFromEnv(env));
  try {
    await migrateToLatest(db);
    const role = flags.includes('--supervisor') ? 'supervisor' : 'agent';
    const created = await createAgent(db, systemClock, { agentId: agentId.data, name, password, role });
    if (!created) throw new Error(`agent ${agentId.data} already exists`);
    console.log(`created ${role} ${agentId.data} (${name})`);
  } finally {
    await db.destroy();
  }
}

async function addDepartment(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [extension, department, name = '', ...extra] = args;
  const entry = directoryEntrySchema.safeParse({ extension, department, name });
  if (!entry.success || extra.length > 0) {
    const why = entry.success ? 'too many arguments' : z.prettifyError(entry.error);
    throw new Error(`usage: add-department <extension: 2-20 of 0-9 * # +> <department> [name]\n${why}`);
  }

  const db = await connectDatabase(databaseFromEnv(env));
  try {
    await migrateToLatest(db);
    if (!(await addDirectoryEntry(db, entry.data))) throw new Error(`extension ${entry.data.extension} is already in the directory`);
    console.log(`added ${entry.data.extension}: ${entry.data.department}${entry.data.name ? ` (${entry.data.name})` : ''}`);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined || command === 'serve') return serve(process.env);
  if (command === 'add-agent') return addAgent(args, process.env);
  if (command === 'add-department') return addDepartment(args, process.env);
  throw new Error(`unknown command ${command}; use serve, add-agent or add-department`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
