import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, type Policy } from '../src/contract/policy';
import { startServer, type RunningServer } from '../server/app';
import { listDirectory } from '../server/directory';
import { startCallerHost, type RunningCallerHost } from './caller-host';
import { httpSurveyReporter } from './endpoints/http-survey-reporter';
import { startLabEndpoints, type LabEndpoints } from './endpoints/lab-endpoints';
import { startKamailio, type RunningKamailio } from './kamailio/kamailio-process';

export interface LabOptions {
  /** Policy values over the defaults, e.g. a fast ring cycle for demos and tests. */
  policy?: Partial<Policy>;
  /** PGlite data directory; default in memory (a fresh center each run). */
  dataDir?: string;
  /** A PostgreSQL database instead of the embedded PGlite (`dataDir` is then not used). */
  databaseUrl?: string;
  serverPort?: number;
  callerPort?: number;
  /** Serve the caller simulator page (needs `npm run build`); default true. */
  callerPage?: boolean;
}

export interface Lab {
  kamailio: RunningKamailio;
  server: RunningServer;
  /** The departments of the directory and the survey IVR, as SIP endpoints that record arrivals. */
  endpoints: LabEndpoints;
  /** Without the caller page (`callerPage: false`), asking for a caller URL throws. */
  callers: RunningCallerHost;
  /** The auth_ephemeral secret, so lab tools (and tests) can mint SIP credentials for callers. */
  secret: string;
  stop(): Promise<void>;
}

const noCallerPage: RunningCallerHost = {
  url: '',
  callerUrl: () => {
    throw new Error('this lab was started without the caller page');
  },
  close: async () => {},
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const boardDir = join(repoRoot, 'dist', 'board');

/** A ring cycle of 1 s and short limits: minutes of policy in seconds, for demos and tests. */
export const fastPolicy: Partial<Policy> = {
  ringCycleMs: 1_000,
  ringToneMs: 400,
  busyWarnAtMs: 2_000,
  busyLimitMs: 3_000,
  wrapUpLimitMs: 10_000,
};

/**
 * A real local call center: Kamailio (SIP over WebSocket and UDP), the central server on embedded
 * PGlite with the lab agents 1001-1010 (passwords pw1001-pw1010), the department extensions and
 * the survey IVR as answering endpoints, and the caller simulator page.
 * Everything listens on 127.0.0.1 on ports chosen per run; `stop` ends it all.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  // auth_ephemeral's shared secret: new each run, known only to Kamailio, the server and the lab.
  const secret = randomBytes(24).toString('base64url');
  // The survey IVR's service token for reporting ratings to the server, likewise per run.
  const surveyToken = randomBytes(24).toString('base64url');
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const kamailio = await startKamailio({ secret });
    stops.push(() => kamailio.stop());
    const server = await startServer({
      ...(options.serverPort !== undefined ? { port: options.serverPort } : {}),
      database: options.databaseUrl ? { kind: 'postgres', url: options.databaseUrl } : { kind: 'pglite', ...(options.dataDir ? { dataDir: options.dataDir } : {}) },
      sip: { wsServer: kamailio.wsUrl, domain: kamailio.domain, secret },
      ...(options.policy ? { policy: options.policy } : {}),
      seedLabAgents: true,
      surveyTokens: [surveyToken],
      // The supervisor board, once built (npm run build:board, part of the set-up).
      ...(existsSync(join(boardDir, 'index.html')) ? { boardDir } : {}),
    });
    stops.push(() => server.close());
    const endpoints = await startLabEndpoints({
      wsUrl: kamailio.wsUrl,
      domain: kamailio.domain,
      secret,
      directory: await listDirectory(server.db),
      surveyExtension: options.policy?.surveyExtension ?? defaultPolicy.surveyExtension,
      reportSurvey: httpSurveyReporter(server.url, surveyToken),
    });
    stops.push(() => endpoints.stop());
    if (options.callerPage === false) return { kamailio, server, endpoints, callers: noCallerPage, secret, stop: stopAll };
    const callers = await startCallerHost({
      pageDir: join(repoRoot, 'dist', 'caller'),
      wsServer: kamailio.wsUrl,
      domain: kamailio.domain,
      secret,
      ...(options.callerPort !== undefined ? { port: options.callerPort } : {}),
    });
    stops.push(() => callers.close());
    return { kamailio, server, endpoints, callers, secret, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
