import * as z from 'zod';
import {
  apiErrorSchema,
  attendanceReportSchema,
  logoutResponseSchema,
  loginResponseSchema,
  serverWrapUpSchema,
  sipCredentialsResponseSchema,
  syncAckSchema,
  syncBatchSchema,
  type AttendanceReport,
  type LoginRequest,
  type LoginResponse,
  type ServerWrapUp,
  type SipProvision,
  type SyncAck,
  type SyncBatch,
} from '../../src/contract/sync';
import { sessionEndedErrorSchema } from '../../src/contract/sessions';
import { surveyResultsResponseSchema, type ServerSurveyResult } from '../../src/contract/survey';
import { supervisorActionListSchema, supervisorActionResponseSchema, type ActionOutcomeRequest, type SupervisorAction } from '../../src/contract/actions';
import { alertListSchema, type Alert } from '../../src/contract/alerts';
import { historyPageSchema, historySearchParams, type HistoryPage, type HistoryQuery } from '../../src/contract/history';
import { phraseBookSchema, type PhraseBook } from '../../src/contract/phrases';
import { ticketListSchema, type Ticket } from '../../src/contract/tickets';
import { promiseListSchema, type PromiseRecord } from '../../src/contract/promises';
import { handoverAcceptResponseSchema, handoverListSchema, type Handover, type HandoverAcceptResponse } from '../../src/contract/handovers';
import { insecureTransportReason } from '../secure-transport';
import { CentralError, type CentralErrorCode } from './central-error';

export interface CentralClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request, including reading the reply. */
  timeoutMs?: number;
}

const wrapUpsReplySchema = z.object({ wrapUps: z.array(serverWrapUpSchema) });
const healthReplySchema = z.object({ ok: z.literal(true) });

/** Error codes the server may name that the desk reacts to as such (whatever the status). */
const knownServerCodes = new Set<CentralErrorCode>([
  'bad-credentials',
  'session-ended',
  'unauthenticated',
  'forbidden',
  'invalid-request',
]);

/**
 * The desk's HTTP client for the central server (protocol in src/contract/sync.ts). Every reply is
 * checked against the contract before anything uses it; every failure is a CentralError.
 */
export class CentralClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: CentralClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Resolves when the server answers its health check; a CentralError otherwise. */
  async health(): Promise<void> {
    await this.request('GET', '/healthz', null, null, healthReplySchema);
  }

  async login(request: LoginRequest): Promise<LoginResponse> {
    const reply = await this.request('POST', '/v1/login', null, request, loginResponseSchema);
    requireSecurePbx(reply.sip);
    return reply;
  }

  logout(token: string): Promise<{ serverTime: number }> {
    return this.request('POST', '/v1/logout', token, {}, logoutResponseSchema);
  }

  /** Fresh SIP credentials for the session's agent. */
  async sipCredentials(token: string): Promise<SipProvision> {
    const { sip } = await this.request('POST', '/v1/sip-credentials', token, {}, sipCredentialsResponseSchema);
    requireSecurePbx(sip);
    return sip;
  }

  /** Sends records; resolves with the ids the server now holds. Refuses a batch the contract forbids. */
  async sync(token: string, batch: SyncBatch): Promise<SyncAck> {
    const valid = syncBatchSchema.safeParse(batch);
    if (!valid.success) throw new CentralError('invalid-request', `not a valid sync batch: ${valid.error.message}`);
    return this.request('POST', '/v1/sync', token, valid.data, syncAckSchema);
  }

  async wrapUps(token: string, agentId: string): Promise<ServerWrapUp[]> {
    const reply = await this.request('GET', `/v1/agents/${encodeURIComponent(agentId)}/wrap-ups`, token, null, wrapUpsReplySchema);
    return reply.wrapUps;
  }

  /** Survey results for the agent's calls that the server received after `since` (its clock), oldest first. */
  async surveyResults(token: string, agentId: string, since: number): Promise<ServerSurveyResult[]> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/survey-results?since=${Math.max(0, Math.floor(since))}`;
    return (await this.request('GET', path, token, null, surveyResultsResponseSchema)).results;
  }

  /** The agent's alerts the server raised after `since` (its clock), oldest first: to catch up on acknowledgements. */
  async alerts(token: string, agentId: string, since: number): Promise<Alert[]> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/alerts?since=${Math.max(0, Math.floor(since))}`;
    return (await this.request('GET', path, token, null, alertListSchema)).alerts;
  }

  /** The supervisor actions on the agent's seat its desk has not reported on, oldest first. */
  async pendingActions(token: string, agentId: string): Promise<SupervisorAction[]> {
    return (await this.request('GET', `/v1/agents/${encodeURIComponent(agentId)}/actions`, token, null, supervisorActionListSchema)).actions;
  }

  /** How the desk took a supervisor's action. */
  async reportActionOutcome(token: string, agentId: string, actionId: string, outcome: ActionOutcomeRequest): Promise<void> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/actions/${encodeURIComponent(actionId)}/outcome`;
    await this.request('POST', path, token, outcome, supervisorActionResponseSchema);
  }

  /** The agent's escalation tickets raised or changed at or after `since` (server clock), oldest change first. */
  async tickets(token: string, agentId: string, since: number): Promise<Ticket[]> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/tickets?since=${Math.max(0, Math.floor(since))}`;
    return (await this.request('GET', path, token, null, ticketListSchema)).tickets;
  }

  /** The promises the agent owns or owned, changed at or after `since` (server clock), oldest change first. */
  async promises(token: string, agentId: string, since: number): Promise<PromiseRecord[]> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/promises?since=${Math.max(0, Math.floor(since))}`;
    return (await this.request('GET', path, token, null, promiseListSchema)).promises;
  }

  /** Handovers the agent gave, to the agent, or pending to the next shift, changed at or after `since` (server clock), oldest change first. */
  async handovers(token: string, agentId: string, since: number): Promise<Handover[]> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/handovers?since=${Math.max(0, Math.floor(since))}`;
    return (await this.request('GET', path, token, null, handoverListSchema)).handovers;
  }

  /**
   * Accepts a handover for the session's agent. The server's refusals keep its code in
   * `CentralError.serverCode` (`unknown-handover`, `not-addressee`, `handover-accepted`).
   */
  acceptHandover(token: string, handoverId: string): Promise<HandoverAcceptResponse> {
    return this.request('POST', `/v1/handovers/${encodeURIComponent(handoverId)}/accept`, token, {}, handoverAcceptResponseSchema);
  }

  /** The standard phrases as they stand (the dispositions that come with them are the login's too). */
  phrases(token: string): Promise<PhraseBook> {
    return this.request('GET', '/v1/phrases', token, null, phraseBookSchema);
  }

  /** A page of the agent's call history as the server has it (every seat's calls). */
  history(token: string, agentId: string, query: HistoryQuery): Promise<HistoryPage> {
    const path = `/v1/agents/${encodeURIComponent(agentId)}/history?${new URLSearchParams(historySearchParams(query)).toString()}`;
    return this.request('GET', path, token, null, historyPageSchema);
  }

  /** The live channel's address: the server's origin with ws(s) for http(s). */
  liveUrl(): string {
    return `${this.baseUrl.replace(/^http/i, 'ws')}/v1/live`;
  }

  /** The agent's attendance for a range of the center's calendar days (default: today). */
  attendance(token: string, agentId: string, range: { from?: string; to?: string } = {}): Promise<AttendanceReport> {
    const query = new URLSearchParams(Object.entries(range).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return this.request('GET', `/v1/agents/${encodeURIComponent(agentId)}/attendance${suffix}`, token, null, attendanceReportSchema);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    token: string | null,
    body: unknown,
    replySchema: z.ZodType<T>,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== null) headers['content-type'] = 'application/json';
    if (token !== null) headers.authorization = `Bearer ${token}`;

    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      // One signal for the whole exchange, so a server that stalls mid-reply also times out.
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === null ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      throw new CentralError('unreachable', `${method} ${path}: ${describeNetworkError(error, this.timeoutMs)}`, null, {
        cause: error,
      });
    }

    const json = parseJson(text);
    if (status < 200 || status > 299) throw errorFromReply(method, path, status, json, retryAfter);

    const reply = replySchema.safeParse(json);
    if (!reply.success) {
      throw new CentralError('invalid-reply', `${method} ${path}: the reply does not match the protocol: ${reply.error.message}`, status);
    }
    return reply.data;
  }
}

/** The PBX address comes from the server: refused here, before a phone could dial it in the clear. */
function requireSecurePbx(sip: SipProvision): void {
  const insecure = insecureTransportReason(sip.wsServer, 'ws');
  if (insecure) throw new CentralError('insecure-transport', `the server provisioned a PBX address the desk may not use: ${insecure}`);
}

function errorFromReply(method: string, path: string, status: number, json: unknown, retryAfter: string | null): CentralError {
  const parsed = apiErrorSchema.safeParse(json);
  const serverCode = parsed.success ? parsed.data.error.code : null;
  const message = `${method} ${path}: ${status}${parsed.success ? ` ${parsed.data.error.code}: ${parsed.data.error.message}` : ''}`;
  // The login throttle is about this agent, not an overloaded server: the agent must wait, and see how long.
  if (status === 429 && serverCode === 'too-many-attempts') {
    return new CentralError('too-many-attempts', message, status, { retryAfterMs: retryAfterMs(retryAfter) });
  }
  // Overloaded or slow (429, 408) is a server condition that passes, like a 5xx: retry later.
  if (status >= 500 || status === 429 || status === 408) return new CentralError('server-error', message, status);
  const said = { serverCode, body: json };
  if (serverCode !== null && knownServerCodes.has(serverCode as CentralErrorCode)) {
    // A 401 session-ended says how the session ended; the desk shows it on the login screen.
    const ended = sessionEndedErrorSchema.safeParse(json);
    return new CentralError(serverCode as CentralErrorCode, message, status, ended.success ? { ...said, session: ended.data.error.session } : said);
  }
  if (status === 401) return new CentralError('unauthenticated', message, status, said);
  if (status === 403) return new CentralError('forbidden', message, status, said);
  if (status >= 400) return new CentralError('invalid-request', message, status, said);
  // 1xx/3xx: fetch follows redirects, so anything left is not the protocol.
  return new CentralError('invalid-reply', message, status);
}

/** Retry-After in delay-seconds (RFC 9110 10.2.3), as the server sends it; null when absent or not a number. */
function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1_000;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no reply within ${timeoutMs} ms`;
  }
  // Node's fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, …) as cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  if (cause) return `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}`;
  return error instanceof Error ? error.message : String(error);
}
