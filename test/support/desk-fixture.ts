import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SupervisorAction, SupervisorActionRequest } from '../../src/contract/actions';
import type { Alert } from '../../src/contract/alerts';
import type { SeatPresence } from '../../src/contract/board';
import type { AgentSession } from '../../src/contract/sessions';
import type { ServerEvent, ServerWrapUp } from '../../src/contract/sync';
import type { ServerSurveyResult } from '../../src/contract/survey';
import type { Handover } from '../../src/contract/handovers';
import type { PromiseRecord } from '../../src/contract/promises';
import type { Ticket } from '../../src/contract/tickets';
import { startLab, type Lab, type LabOptions } from '../../lab';
import { startBrowserShell, type BrowserShell } from '../../main/shell/web/browser-shell';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface DeskUnderTest {
  lab: Lab;
  shell: BrowserShell;
  dataDir: string;
  /** Starts the browser shell again on the same data directory (a desk restart). */
  restartDesk(): Promise<BrowserShell>;
  /** Another seat on the same lab: a browser shell with a data directory of its own; stopped with the rest. */
  anotherDesk(): Promise<BrowserShell>;
  stop(): Promise<void>;
}

/** A real lab and a real desk (browser shell) on top of it, each in its own temp directory. */
export async function startDeskUnderTest(options: LabOptions = {}): Promise<DeskUnderTest> {
  const lab = await startLab(options);
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-desk-'));
  const start = (dir = dataDir) => startBrowserShell({ dataDir: dir, serverUrl: lab.server.url, rendererDir: join(repoRoot, 'dist', 'renderer') });
  const others: Array<{ shell: BrowserShell; dataDir: string }> = [];
  const fixture: DeskUnderTest = {
    lab,
    shell: await start(),
    dataDir,
    async restartDesk() {
      await fixture.shell.close();
      fixture.shell = await start();
      return fixture.shell;
    },
    async anotherDesk() {
      const otherDir = mkdtempSync(join(tmpdir(), 'seatdesk-desk-'));
      const shell = await start(otherDir);
      others.push({ shell, dataDir: otherDir });
      return shell;
    },
    async stop() {
      for (const other of others.splice(0)) {
        await other.shell.close().catch(() => {});
        rmSync(other.dataDir, { recursive: true, force: true });
      }
      await fixture.shell.close().catch(() => {});
      await lab.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/**
 * Reads from the server the way the supervisor board does: with a supervisor's board session,
 * which never ends 9001's desk session. One per server, reused: logging in on every read (tests
 * poll these) would run into the server's login throttle.
 */
const supervisorTokens = new Map<string, Promise<string>>();

async function supervisorToken(serverUrl: string): Promise<string> {
  let token = supervisorTokens.get(serverUrl);
  if (!token) {
    token = (async () => {
      const login = await fetch(`${serverUrl}/v1/board/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agentId: '9001', password: 'pw9001' }),
      });
      if (!login.ok) throw new Error(`supervisor login failed: ${login.status}`);
      return ((await login.json()) as { token: string }).token;
    })();
    supervisorTokens.set(serverUrl, token);
    token.catch(() => supervisorTokens.delete(serverUrl));
  }
  return token;
}

async function readAsSupervisor<T>(serverUrl: string, path: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const token = await supervisorToken(serverUrl);
    const reply = await fetch(`${serverUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    // The session may have expired: log in again, once.
    if (reply.status === 401 && attempt === 1) {
      supervisorTokens.delete(serverUrl);
      continue;
    }
    if (!reply.ok) throw new Error(`GET ${path} failed: ${reply.status}`);
    return (await reply.json()) as T;
  }
}

export async function wrapUpsOnServer(serverUrl: string, agentId: string): Promise<ServerWrapUp[]> {
  return (await readAsSupervisor<{ wrapUps: ServerWrapUp[] }>(serverUrl, `/v1/agents/${agentId}/wrap-ups`)).wrapUps;
}

/** The board's ticket queue as the server has it (GET /v1/board/tickets, src/contract/tickets.ts). */
export async function boardTicketsOnServer(serverUrl: string, view: 'open' | 'day' = 'open'): Promise<Ticket[]> {
  return (await readAsSupervisor<{ tickets: Ticket[] }>(serverUrl, `/v1/board/tickets?view=${view}`)).tickets;
}

/** The agent's promises as the server has them (GET /v1/agents/:id/promises, src/contract/promises.ts). */
export async function promisesOnServer(serverUrl: string, agentId: string): Promise<PromiseRecord[]> {
  return (await readAsSupervisor<{ promises: PromiseRecord[] }>(serverUrl, `/v1/agents/${agentId}/promises?since=0`)).promises;
}

/** The handovers the agent gave or was given, as the server has them (src/contract/handovers.ts). */
export async function handoversOnServer(serverUrl: string, agentId: string): Promise<Handover[]> {
  return (await readAsSupervisor<{ handovers: Handover[] }>(serverUrl, `/v1/agents/${agentId}/handovers?since=0`)).handovers;
}

export async function eventsOnServer(serverUrl: string, agentId: string, kind: ServerEvent['kind']): Promise<ServerEvent[]> {
  return (await readAsSupervisor<{ events: ServerEvent[] }>(serverUrl, `/v1/agents/${agentId}/events?kind=${kind}`)).events;
}

export async function surveyResultsOnServer(serverUrl: string, agentId: string): Promise<ServerSurveyResult[]> {
  return (await readAsSupervisor<{ results: ServerSurveyResult[] }>(serverUrl, `/v1/agents/${agentId}/survey-results`)).results;
}

/** Supervisor 9001 acknowledges an alert on the board; returns who and when, as the server recorded it. */
export async function acknowledgeAlertOnServer(serverUrl: string, alertId: string): Promise<Alert> {
  const token = await supervisorToken(serverUrl);
  const reply = await fetch(`${serverUrl}/v1/board/alerts/${encodeURIComponent(alertId)}/ack`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!reply.ok) throw new Error(`acknowledging ${alertId} failed: ${reply.status}`);
  return ((await reply.json()) as { alert: Alert }).alert;
}

/** The agent's sessions as the server recorded them, newest first (who replaced whom, and when). */
export async function sessionsOnServer(serverUrl: string, agentId: string): Promise<AgentSession[]> {
  return (await readAsSupervisor<{ sessions: AgentSession[] }>(serverUrl, `/v1/agents/${agentId}/sessions`)).sessions;
}

/** Every seat as the supervisor board sees it now. */
export async function seatsOnServer(serverUrl: string): Promise<SeatPresence[]> {
  return (await readAsSupervisor<{ seats: SeatPresence[] }>(serverUrl, '/v1/board/seats')).seats;
}

/** The alerts of the center's today, as the board lists them. */
export async function alertsOnServer(serverUrl: string): Promise<Alert[]> {
  return (await readAsSupervisor<{ alerts: Alert[] }>(serverUrl, '/v1/board/alerts')).alerts;
}

/** Supervisor 9001 acts on a seat from the board (src/contract/actions.ts). */
export async function actOnSeat(serverUrl: string, agentId: string, action: SupervisorActionRequest): Promise<SupervisorAction> {
  const token = await supervisorToken(serverUrl);
  const reply = await fetch(`${serverUrl}/v1/board/agents/${agentId}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(action),
  });
  if (!reply.ok) throw new Error(`acting on ${agentId} failed: ${reply.status}`);
  return ((await reply.json()) as { action: SupervisorAction }).action;
}

/** The supervisor actions of the center's today, as the board lists them. */
export async function actionsOnServer(serverUrl: string): Promise<SupervisorAction[]> {
  return (await readAsSupervisor<{ actions: SupervisorAction[] }>(serverUrl, '/v1/board/actions')).actions;
}
