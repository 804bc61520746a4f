import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { defaultPolicy, policySchema, type Policy } from '../src/contract';
import { systemClock, type Clock } from '../src/domain/clock';
import { v7 as uuidv7 } from 'uuid';
import { soloBus, type ClusterBus } from './cluster/cluster-bus';
import { LiveEvents } from './cluster/live-events';
import { PostgresBus } from './cluster/postgres-bus';
import { BoardFeed } from './seats/board-feed';
import { serveBoardPage } from './http/board-page';
import { SeatBook } from './seats/seat-book';
import { connectDatabase, type DatabaseConfig } from './db/connect-database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { installErrorHandling } from './http/error-handling';
import { LiveHub } from './live-hub';
import { decoyPasswordHash } from './passwords';
import { registerActionRoutes } from './routes/action-routes';
import { registerAlertRoutes } from './routes/alert-routes';
import { registerReportRoutes } from './routes/report-routes';
import { registerCalendarRoutes } from './routes/calendar-routes';
import { registerPhraseRoutes } from './routes/phrase-routes';
import { registerAttendanceRoutes } from './routes/attendance-routes';
import { registerBoardRoutes } from './routes/board-routes';
import { registerEventRoutes } from './routes/event-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerLiveRoutes } from './routes/live-routes';
import { registerLoginFailureRoutes } from './routes/login-failure-routes';
import { registerLoginRoutes } from './routes/login-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerSurveyRoutes } from './routes/survey-routes';
import { registerSipCredentialRoutes } from './routes/sip-credential-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { registerWrapUpRoutes } from './routes/wrap-up-routes';
import { registerHistoryRoutes } from './routes/history-routes';
import { registerTicketRoutes } from './routes/ticket-routes';
import { registerHandoverRoutes } from './routes/handover-routes';
import { seedLabAgents, seedLabDirectory } from './seed';
import type { LoginThrottle, ServerContext } from './server-context';
import { SessionExpiry } from './session-expiry';
import { touchSessions, type SessionLimits } from './sessions';
import { SurveyTokens } from './survey-tokens';

export interface ServerConfig {
  /** Default 127.0.0.1: the server is reachable from elsewhere only when asked. */
  host?: string;
  /** Default 0 = a free port. */
  port?: number;
  database: DatabaseConfig;
  /** `secret` is shared with Kamailio's auth_ephemeral module. */
  sip: { wsServer: string; domain: string; secret: string; /** default 12 h */ credentialTtlMs?: number };
  /** Merged over `defaultPolicy`; the result must satisfy `policySchema`. */
  policy?: Partial<Policy>;
  clock?: Clock;
  /** Create the lab agents and the lab department directory of seed.ts if missing. */
  seedLabAgents?: boolean;
  logger?: boolean;
  /**
   * Bearer tokens the survey IVRs post results with (IT admin configures them; at least 16
   * characters). Only their SHA-256 is kept. None: nobody can post results.
   */
  surveyTokens?: string[];
  /** How often /v1/live pings each desk, so idle proxies keep the connection. Default 30 s. */
  livePingIntervalMs?: number;
  /** How long sessions live; each has a default (DEFAULT_SESSION_LIMITS). */
  sessions?: Partial<SessionLimits>;
  /** Limits on POST /v1/login; each has a default (DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: Partial<LoginThrottleConfig>;
  /**
   * The reverse proxies whose X-Forwarded-For gives the client address: comma-separated
   * addresses or CIDRs (Fastify's trustProxy). Default none. Behind a proxy, set it: otherwise
   * every client has the proxy's address and shares its per-address login limits.
   */
  trustProxy?: string;
  /** The built supervisor board (`npm run build:board`), served at /board/; none: no board page. */
  boardDir?: string;
  /**
   * Several instances on one PostgreSQL (behind a load balancer) hear each other through it
   * (cluster/postgres-bus.ts); with PGlite there is one instance and nothing to set.
   */
  cluster?: Partial<ClusterConfig>;
}

export interface ClusterConfig {
  /** This instance's name among the others (1-64 of 0-9 a-z -). Default: a new random id. */
  instanceId: string;
  /** How often an instance says it is alive; one silent for three of these counts as gone. Default 2 s. */
  heartbeatMs: number;
}

export interface LoginThrottleConfig {
  /** Login requests per client address per minute, counted before anything else: a flood guard. */
  attemptsPerAddressPerMinute: number;
  /** Failed logins of one 工号 within `failureWindowMs` (since its last good one) before it is refused. */
  failuresPerAgent: number;
  /** Failed logins from one address within `failureWindowMs`, whatever 工号, before it is refused. */
  failuresPerAddress: number;
  failureWindowMs: number;
}

/**
 * Room for a center whose desks share one address (NAT) at the start of a shift; five typos lock
 * a 工号 for at most 15 minutes; one address can try at most 50 wrong passwords per 15 minutes.
 */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = {
  attemptsPerAddressPerMinute: 120,
  failuresPerAgent: 5,
  failuresPerAddress: 50,
  failureWindowMs: 15 * 60_000,
};

export interface RunningServer {
  url: string;
  port: number;
  db: Kysely<Database>;
  close(): Promise<void>;
}

const DEFAULT_CREDENTIAL_TTL_MS = 12 * 60 * 60_000;
/** Enough for a 200-record batch of ordinary wrap-ups, or one with a 1 MB summary. */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Below the usual 60 s idle timeout of proxies and load balancers. */
const DEFAULT_LIVE_PING_INTERVAL_MS = 30_000;
const DEFAULT_CLUSTER_HEARTBEAT_MS = 2_000;
const CLUSTER_RECONNECT = { baseMs: 200, maxMs: 5_000 };
/** How long close() lets desks answer the close frame of /v1/live. */
const LIVE_CLOSE_GRACE_MS = 1_000;

/**
 * A desk at its seat is seen at least every live ping (30 s), so 30 minutes idle means the desk
 * is gone (switched off, asleep, cut off), and its token should stop working. 14 hours covers
 * the longest shift (12 h, with handover) and overtime, and makes every agent type the password
 * at least once a day.
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 14 * 60 * 60_000 };

function sessionLimitsOf(config: Partial<SessionLimits> | undefined, livePingIntervalMs: number): SessionLimits {
  const limits = { ...DEFAULT_SESSION_LIMITS, ...config };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`sessions.${name} must be a whole number of ms, got ${value}`);
  }
  // Two pings without an answer make a desk gone anyway; an idle limit below that ends live desks.
  if (limits.idleMs <= 2 * livePingIntervalMs) {
    throw new RangeError(`sessions.idleMs (${limits.idleMs}) must be more than two live ping intervals (${livePingIntervalMs} ms each)`);
  }
  return limits;
}

function loginThrottleOf(config: Partial<LoginThrottleConfig> | undefined): LoginThrottle {
  const limits = { ...DEFAULT_LOGIN_THROTTLE, ...config };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`loginThrottle.${name} must be a whole number of at least 1, got ${value}`);
  }
  return {
    attemptsPerAddressPerMinute: limits.attemptsPerAddressPerMinute,
    failures: { perAgent: limits.failuresPerAgent, perAddress: limits.failuresPerAddress, windowMs: limits.failureWindowMs },
  };
}

/** Opens (and migrates) the database, then serves the protocols of src/contract/sync.ts and survey.ts. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const policy = policySchema.parse({ ...defaultPolicy, ...config.policy });
  const clock = config.clock ?? systemClock;
  // Checked before the database opens: a bad limit, token list or ping interval fails the start at once.
  const loginThrottle = loginThrottleOf(config.loginThrottle);
  const livePingIntervalMs = config.livePingIntervalMs ?? DEFAULT_LIVE_PING_INTERVAL_MS;
  const sessionLimits = sessionLimitsOf(config.sessions, livePingIntervalMs);
  const surveyTokens = new SurveyTokens(config.surveyTokens ?? []);
  // First: everything below may log, some of it (the cluster bus) before the server listens.
  const app = Fastify({ logger: config.logger ?? false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy ?? false });
  installErrorHandling(app);
  const liveHub = new LiveHub({
    pingIntervalMs: livePingIntervalMs,
    closeGraceMs: LIVE_CLOSE_GRACE_MS,
    // Pings start with the first desk, after the server listens: db and app exist by then.
    onAlive: (tokenHashes) => {
      touchSessions(db, tokenHashes, clock.now(), sessionLimits).catch((error: unknown) => app.log.error({ err: error }, 'renewing live sessions failed'));
    },
    // Sockets open and sessions end only once the server listens: the board feed exists by then.
    onDeskLink: (listener, open) => events.deskLink(listener, open),
    onSessionEnded: (ended) => board.sessionEnded(ended),
  });
  const instanceId = config.cluster?.instanceId ?? uuidv7();
  if (!/^[0-9a-z-]{1,64}$/.test(instanceId)) throw new RangeError(`cluster.instanceId must be 1-64 of 0-9 a-z -, got ${JSON.stringify(instanceId)}`);
  const events = new LiveEvents({
    instanceId,
    hub: liveHub,
    clock,
    heartbeatMs: config.cluster?.heartbeatMs ?? DEFAULT_CLUSTER_HEARTBEAT_MS,
    onError: (error, what) => app.log.warn({ err: error }, what),
    onNote: (what) => app.log.info(what),
  });
  const db = await connectDatabase(config.database);
  let board: BoardFeed;
  let bus: ClusterBus | undefined;
  try {
    await migrateToLatest(db);
    if (config.seedLabAgents) {
      await seedLabAgents(db, clock);
      await seedLabDirectory(db);
    }
    // Listening before the seats are read: nothing another instance does in between is missed.
    bus =
      config.database.kind === 'postgres'
        ? await PostgresBus.start({ url: config.database.url, instanceId, handlers: events.handlers, leaderRetryMs: 1_000, reconnect: CLUSTER_RECONNECT })
        : soloBus(instanceId);
    const leaderBus = bus;
    const { book: seats, recordIds } = await SeatBook.load(db, policy.shift.utcOffsetMinutes, clock.now());
    board = new BoardFeed({
      seats,
      hub: liveHub,
      instanceId,
      isLeader: () => leaderBus.isLeader(),
      announceAlert: (alert) => events.alertChanged(alert),
      clock,
      db,
      policy,
      onError: (error) => app.log.error({ err: error }, 'raising an alert failed'),
    });
    events.start(bus, board, recordIds);
    // Made now, so the first login with an unknown 工号 is not slower than a wrong password.
    await decoyPasswordHash();
  } catch (error) {
    await bus?.close();
    await db.destroy();
    throw error;
  }
  const clusterBus = bus;

  const sessionExpiry = new SessionExpiry({
    db,
    clock,
    limits: sessionLimits,
    onExpired: (ended) => {
      for (const session of ended) events.sessionEnded(session);
    },
    onError: (error) => app.log.error({ err: error }, 'ending expired sessions failed'),
  });
  const context: ServerContext = {
    db,
    clock,
    policy,
    sip: { ...config.sip, credentialTtlMs: config.sip.credentialTtlMs ?? DEFAULT_CREDENTIAL_TTL_MS },
    surveyTokens,
    liveHub,
    loginThrottle,
    sessionLimits,
    sessionExpiry,
    board,
    events,
  };
  registerHealthRoutes(app);
  registerSipCredentialRoutes(app, context);
  registerSyncRoutes(app, context);
  registerWrapUpRoutes(app, context);
  registerHistoryRoutes(app, context);
  registerEventRoutes(app, context);
  registerAttendanceRoutes(app, context);
  registerSurveyRoutes(app, context);
  registerLoginFailureRoutes(app, context);
  registerSessionRoutes(app, context);

  const host = config.host ?? '127.0.0.1';
  try {
    await registerLoginRoutes(app, context);
    await registerLiveRoutes(app, context);
    registerBoardRoutes(app, context);
    registerAlertRoutes(app, context);
    registerActionRoutes(app, context);
    registerReportRoutes(app, context);
    registerCalendarRoutes(app, context);
    registerPhraseRoutes(app, context);
    registerTicketRoutes(app, context);
    registerHandoverRoutes(app, context);
    if (config.boardDir) await serveBoardPage(app, config.boardDir);
    await app.listen({ host, port: config.port ?? 0 });
    sessionExpiry.start();
  } catch (error) {
    // The start error is the one to report.
    await app.close().catch(() => undefined);
    await events.close();
    await clusterBus.close();
    await db.destroy();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    db,
    close: () => {
      // Stop taking requests and let running ones finish before the database goes away.
      closing ??= app
        .close()
        .then(() => sessionExpiry.stop())
        .then(() => board.close())
        .then(() => events.close())
        .then(() => clusterBus.close())
        .then(() => db.destroy());
      return closing;
    },
  };
}
