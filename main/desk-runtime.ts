import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskSnapshot } from '../src/contract/desk';
import { defaultPolicy } from '../src/contract/policy';
import { systemClock, type Clock } from '../src/domain/clock';
import { DeskError } from '../src/rpc';
import type { DeskConfig } from './desk-config';
import { Desk } from './desk/desk';
import type { PromiseReminder } from './desk/promise-reminders';
import { DeskRecords } from './desk/desk-records';
import { HistorySearch } from './desk/history-search';
import { RendererLink } from './desk/renderer-link';
import { openDeskLog, type DeskLog } from './log/desk-log';
import { Softphone } from './phone/softphone';
import type { WebSocketConstructor } from './phone/sip-websocket-transport';
import { makePrivate } from './private-folder';
import { openDeskStore } from './store/desk-store';
import { retentionCutoff, startCallRetention } from './store/retention';
import { CentralClient } from './sync/central-client';
import { CentralError } from './sync/central-error';
import { toHandoverError } from './sync/handover-accept-error';
import { WebSocket } from 'ws';
import { LiveChannel } from './sync/live-channel';
import { OutboxPump } from './sync/outbox-pump';
import { ServerProbe } from './sync/server-probe';

/** How long a history search waits for the server's calls before showing this desk's alone. */
const HISTORY_SERVER_TIMEOUT_MS = 3_000;
/** How often the login screen's word on the server is checked again, while nobody is logged in. */
const SERVER_PROBE_INTERVAL_MS = 10_000;

/** How far back a (re)connecting desk looks for acknowledgements of its alerts: a busy period is shorter. */
const ALERT_CATCH_UP_MS = 24 * 60 * 60_000;

export interface DeskRuntimeOptions extends DeskConfig {
  webSocket: WebSocketConstructor;
  clock?: Clock;
  /**
   * A shell hook when an offer rings the agent (the rules' ring: never for one declined 486);
   * the Electron shell shows an OS notification when the window is hidden.
   */
  onIncomingCall?(caller: string): void;
  /**
   * A shell hook when a first-contact promise is soon due or due (the agent also gets the
   * `promise-soon` / `promise-due` notice): the Electron shell shows an OS notification.
   */
  onPromiseReminder?(reminder: PromiseReminder & { dueLabel: string }): void;
  /** A shell hook on every snapshot (the Electron shell's tray shows the agent's state). */
  onSnapshot?(snapshot: DeskSnapshot): void;
  /** Where the desk logs what failed and went on without (default: the desk log). */
  reportFault?(where: string, error: unknown): void;
}

export interface DeskRuntime {
  desk: Desk;
  link: RendererLink;
  /** The desk log (log/desk-log.ts): the shells log into it what nothing caught. */
  log: DeskLog;
  close(): Promise<void>;
}

/**
 * The main process, composed: local store, central-server client and outbox pump, softphone
 * factory, the desk, and the link to the renderer. Both shells start exactly this.
 */
export async function startDeskRuntime(options: DeskRuntimeOptions): Promise<DeskRuntime> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = openDeskStore(join(options.dataDir, 'desk.sqlite'));
  const log = await openDeskLog(options.dataDir);
  const reportFault = options.reportFault ?? ((where: string, error: unknown) => log.logger.error({ err: error, where }, `${where}: failed; the desk goes on`));
  // At every start, not only on creation, and after the files this start made: a folder copied
  // in, restored or loosened by hand is closed again.
  makePrivate(options.dataDir);
  const retentionDays = () => store.settings.get('policy')?.callRetentionDays ?? defaultPolicy.callRetentionDays;
  const retention = startCallRetention({
    db: store.db,
    clock,
    retentionDays,
    onPurged: (result) => log.logger.info(result, 'retention: purged synced calls past the retention'),
    onError: (error) => log.logger.error({ err: error }, 'retention: the purge failed; it runs again in a day'),
  });
  const records = new DeskRecords(store);
  const central = new CentralClient({ baseUrl: options.serverUrl });
  let session: { agentId: string; token: string } | null = null;

  // Late-bound: the desk and the pump report to each other.
  let desk: Desk | undefined;
  const pump = new OutboxPump({
    outbox: store.outbox,
    client: central,
    clock,
    getToken: () => session?.token ?? null,
    getAgentId: () => session?.agentId ?? null,
    onChange: (status) => desk?.syncStatus(status),
  });

  // The server's push channel (survey results, alerts, supervisor actions) lives as long as the agent's session.
  let live: LiveChannel | null = null;
  const catchUpSurveyResults = async (token: string, agentId: string) => {
    // Page by page until an empty one: a short page does not mean the end (the server never
    // splits one millisecond's results across pages).
    // Nothing older than the retention: those results would only be purged again.
    let since = Math.max(records.newestSurveyReceivedAt(agentId), retentionCutoff(clock.now(), retentionDays()));
    for (;;) {
      const missed = await central.surveyResults(token, agentId, since);
      const newest = Math.max(since, ...missed.map((result) => result.receivedAt));
      if (missed.length === 0 || newest === since || live === null) return;
      for (const result of missed) desk?.surveyResult(result, false);
      since = newest;
    }
  };
  const catchUpTickets = async (token: string, agentId: string) => {
    // The server answers changes at or after `since`: the newest held comes again, and an answer
    // with nothing newer is the end (however the server pages).
    let since = records.newestTicketUpdate(agentId);
    for (;;) {
      const changed = await central.tickets(token, agentId, since);
      for (const ticket of changed) desk?.ticketChanged(ticket);
      const newest = Math.max(since, ...changed.map((ticket) => ticket.updatedAt));
      if (changed.length === 0 || newest === since || live === null) return;
      since = newest;
    }
  };
  const catchUpPromises = async (token: string, agentId: string) => {
    // Like tickets: changes at or after `since`, until nothing newer comes.
    let since = records.newestPromiseUpdate(agentId);
    for (;;) {
      const changed = await central.promises(token, agentId, since);
      for (const promise of changed) desk?.promiseChanged(promise);
      const newest = Math.max(since, ...changed.map((promise) => promise.updatedAt));
      if (changed.length === 0 || newest === since || live === null) return;
      since = newest;
    }
  };
  const catchUpHandovers = async (token: string, agentId: string) => {
    let since = records.newestHandoverUpdate(agentId);
    for (;;) {
      const changed = await central.handovers(token, agentId, since);
      for (const handover of changed) desk?.handoverChanged(handover, false);
      const newest = Math.max(since, ...changed.map((handover) => handover.updatedAt));
      if (changed.length === 0 || newest === since || live === null) return;
      since = newest;
    }
  };
  /** One catch-up that fails (a server without the route yet) must not keep the others from running. */
  const orLog = (what: string) => (error: unknown) => log.logger.warn({ err: error }, `live: the ${what} catch-up failed; the next reconnect tries again`);
  const startLive = (token: string, agentId: string) => {
    live?.stop();
    live = new LiveChannel({
      url: central.liveUrl(),
      token,
      clock,
      connect: (url, headers) => new WebSocket(url, { headers }),
      catchUp: async () => {
        await catchUpSurveyResults(token, agentId);
        // A supervisor may have acknowledged an over-limit report, or acted on the seat, while the desk was away.
        for (const alert of await central.alerts(token, agentId, clock.now() - ALERT_CATCH_UP_MS)) desk?.alert(alert);
        for (const action of await central.pendingActions(token, agentId)) desk?.supervisorAction(action);
        // A supervisor may have changed the standard phrases meanwhile.
        desk?.phrasesChanged(await central.phrases(token));
        // A supervisor may have assigned, answered or closed a ticket meanwhile.
        await catchUpTickets(token, agentId).catch(orLog('tickets'));
        // Promises kept or handed over elsewhere, handovers given to this agent or the next shift meanwhile.
        await catchUpPromises(token, agentId).catch(orLog('promises'));
        await catchUpHandovers(token, agentId).catch(orLog('handovers'));
      },
      onSurveyResult: (result) => desk?.surveyResult(result, true),
      onAlert: (alert) => desk?.alert(alert),
      onAction: (action) => desk?.supervisorAction(action),
      onPhrasesChanged: (book) => desk?.phrasesChanged(book),
      onTicket: (ticket) => desk?.ticketChanged(ticket),
      onPromise: (promise) => desk?.promiseChanged(promise),
      onHandover: (handover) => desk?.handoverChanged(handover, true),
      // Another login of this 工号, a supervisor, expiry: the desk leaves the PBX and shows why.
      onSessionEnded: (ended) => desk?.sessionEnded(ended),
      onRefused: (ended) => desk?.sessionEnded(ended),
      onInvalidMessage: (reason) => log.logger.warn({ reason }, 'live: dropped a frame that is not the protocol'),
    });
    live.start();
  };

  const serverProbe = new ServerProbe({
    clock,
    check: () => central.health(),
    wanted: () => desk?.wantsServerProbe ?? false,
    report: (reachable) => desk?.serverProbed(reachable),
    intervalMs: SERVER_PROBE_INTERVAL_MS,
  });
  let link: RendererLink | undefined;
  desk = new Desk({
    clock,
    records,
    login: async (id, password) => {
      try {
        return await central.login({ agentId: id, password, deviceId: records.deviceId() });
      } catch (error) {
        throw toDeskError(error);
      }
    },
    logout: (sessionToken) => central.logout(sessionToken),
    renewSip: (sessionToken) => central.sipCredentials(sessionToken),
    sessionEndOf: (error) => {
      if (!(error instanceof CentralError) || (error.code !== 'session-ended' && error.code !== 'unauthenticated')) return null;
      return error.session ?? 'refused';
    },
    attendanceToday: async (sessionToken, agentId) => (await central.attendance(sessionToken, agentId)).days.at(-1) ?? null,
    reportActionOutcome: (sessionToken, agentId, actionId, outcome) => central.reportActionOutcome(sessionToken, agentId, actionId, outcome),
    acceptHandover: async (sessionToken, handoverId) => {
      try {
        return await central.acceptHandover(sessionToken, handoverId);
      } catch (error) {
        throw toHandoverError(error);
      }
    },
    createPhone: (login, events) =>
      new Softphone({
        sip: login.sip,
        webSocket: options.webSocket,
        media: () => link!.mediaEngine(),
        clock,
        keepAliveMs: login.policy.sipKeepAliveMs,
        reportFault,
        events,
      }),
    sync: {
      start: (token, agentId) => {
        session = { token, agentId };
        pump.start();
        startLive(token, agentId);
      },
      stop: async () => {
        live?.stop();
        live = null;
        // Let a request in flight finish and store its acks, or those records go out again later.
        await pump.stop();
        session = null;
      },
      kick: () => pump.kick(),
      drain: (timeoutMs) => pump.flush(timeoutMs),
    },
    onSnapshot: (snapshot) => {
      link?.pushSnapshot(snapshot);
      options.onSnapshot?.(snapshot);
    },
    onNotice: (notice) => link?.pushNotice(notice),
    onRing: (call) => options.onIncomingCall?.(call.remoteDisplayName || call.remoteNumber),
    // The login screen is up: ask the server whether it answers, once the reply to the window is
    // out (the first request loads Node's HTTP client, ~25 ms, which the window's start need not wait for).
    onShown: () => setImmediate(() => serverProbe.start()),
    onPromiseReminder: (reminder) => options.onPromiseReminder?.(reminder),
    reportFault,
    history: new HistorySearch({
      sources: { local: (agentId, query) => store.history.search(agentId, query), server: (token, agentId, query) => central.history(token, agentId, query) },
      clock,
      serverTimeoutMs: HISTORY_SERVER_TIMEOUT_MS,
      reportFault,
    }),
  });
  link = new RendererLink(desk);

  return {
    desk,
    link,
    log,
    close: async () => {
      serverProbe.stop();
      await desk.shutdown();
      live?.stop();
      retention.stop();
      await pump.stop();
      store.close();
      await log.close();
    },
  };
}

/** The central server's failures, in the codes the login form shows. */
function toDeskError(error: unknown): DeskError {
  if (error instanceof CentralError) {
    switch (error.code) {
      case 'bad-credentials':
        return new DeskError('bad-credentials', 'wrong employee number or password');
      case 'unreachable':
        return new DeskError('server-unreachable', `the central server cannot be reached: ${error.message}`);
      case 'insecure-transport':
        return new DeskError('insecure-transport', error.message);
      case 'too-many-attempts':
        // Whole minutes, rounded up: "try again in 15 minutes" (at least 1).
        return new DeskError('too-many-attempts', 'too many login attempts: wait before trying again', {
          minutes: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 60_000)),
        });
      default:
        return new DeskError('server-error', `the central server refused the login: ${error.message}`);
    }
  }
  return new DeskError('server-error', error instanceof Error ? error.message : String(error));
}

