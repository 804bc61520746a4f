import { v7 as uuidv7 } from 'uuid';
import type { LoginResponse, SyncRecord } from '../../../src/contract';

/** A thin HTTP client speaking the desk protocol over real fetch, for the server tests. */
export interface HttpAnswer<Body = unknown> {
  status: number;
  body: Body;
  /** Only when asked for with `withHeaders`: the answer's headers. */
  headers?: Headers;
}

export async function request<Body = unknown>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { token?: string; json?: unknown; rawBody?: string; headers?: Record<string, string>; withHeaders?: boolean } = {},
): Promise<HttpAnswer<Body>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const hasBody = options.json !== undefined || options.rawBody !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as Body;
  return options.withHeaders ? { status: response.status, body, headers: response.headers } : { status: response.status, body };
}

export async function login(baseUrl: string, agentId: string, password = `pw${agentId}`, deviceId = 'desk-1'): Promise<LoginResponse> {
  const answer = await request<LoginResponse>(baseUrl, 'POST', '/v1/login', { json: { agentId, password, deviceId } });
  if (answer.status !== 200) throw new Error(`login ${agentId} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export function wrapUpRecord(agentId: string, occurredAt: number, overrides: Partial<Extract<SyncRecord, { kind: 'wrapUp' }>['payload']> = {}) {
  return {
    id: uuidv7(),
    agentId,
    kind: 'wrapUp',
    occurredAt,
    payload: {
      callId: uuidv7(),
      disposition: 'complaint',
      summary: '客户投诉宽带断线，已登记报修',
      customerName: '张三',
      customerContact: '138 1234 5678',
      resolved: false,
      promisedReplyAt: occurredAt + 2 * 60 * 60_000,
      ...overrides,
    },
  } satisfies SyncRecord;
}

type CallPayload = Extract<SyncRecord, { kind: 'call' }>['payload'];

export function callRecord(agentId: string, occurredAt: number, overrides: Partial<CallPayload> = {}): Extract<SyncRecord, { kind: 'call' }> {
  return {
    id: uuidv7(),
    agentId,
    kind: 'call',
    occurredAt,
    payload: {
      callId: uuidv7(),
      direction: 'inbound',
      remoteNumber: '13812345678',
      remoteDisplayName: '',
      offeredAt: occurredAt - 60_000,
      answeredAt: occurredAt - 55_000,
      endedAt: occurredAt,
      ringsAtAnswer: 2,
      endReason: 'remote-hangup',
      survey: 'transferred',
      surveySkipReason: null,
      transferredTo: null,
      transferKind: null,
      consultedWith: null,
      conference: false,
      ...overrides,
    },
  };
}

export function stateChangeRecord(agentId: string, occurredAt: number): SyncRecord {
  return { id: uuidv7(), agentId, kind: 'stateChange', occurredAt, payload: { from: 'ready', to: 'busy', busyReason: 'break', call: null } };
}

export function missedRingRecord(agentId: string, occurredAt: number): SyncRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'missedRing',
    occurredAt,
    payload: {
      callId: uuidv7(),
      remoteNumber: '13812345678',
      remoteDisplayName: '张三',
      offeredAt: occurredAt - 15_000,
      deadline: occurredAt,
      rings: 3,
      action: 'reject-and-pause',
    },
  };
}

export function declinedOfferRecord(agentId: string, occurredAt: number): SyncRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'declinedOffer',
    occurredAt,
    payload: { callId: uuidv7(), remoteNumber: '02112345678', remoteDisplayName: '', offeredAt: occurredAt, agentState: 'busy', sipStatus: 486 },
  };
}

export function busyOverLimitRecord(agentId: string, occurredAt: number): SyncRecord {
  const limitMs = 15 * 60_000;
  return {
    id: uuidv7(),
    agentId,
    kind: 'busyOverLimit',
    occurredAt,
    payload: { busySince: occurredAt - limitMs, busyReason: 'meal', limitMs, reachedAt: occurredAt },
  };
}

/** A login or logout at `serverTime`, as the desk records it after the server confirmed the time. */
export function attendanceRecord(agentId: string, event: 'login' | 'logout', serverTime: number, deskTime = serverTime): SyncRecord {
  return {
    id: uuidv7(),
    agentId,
    kind: 'attendance',
    occurredAt: deskTime,
    payload: { event, deskTime, serverTime, serverTimeSource: 'confirmed' },
  };
}

type TicketPayload = Extract<SyncRecord, { kind: 'ticket' }>['payload'];

/** An escalation ticket raised at `occurredAt` about a call a minute before. */
export function ticketRecord(agentId: string, occurredAt: number, overrides: Partial<TicketPayload> = {}): Extract<SyncRecord, { kind: 'ticket' }> {
  return {
    id: uuidv7(),
    agentId,
    kind: 'ticket',
    occurredAt,
    payload: {
      callId: uuidv7(),
      severity: 'urgent',
      content: '客户投诉宽带反复断线三天，要求主管回电',
      customerName: '张三',
      customerContact: '138 1234 5678',
      callAt: occurredAt - 60_000,
      remoteNumber: '13812345678',
      promisedReplyAt: occurredAt + 2 * 60 * 60_000,
      ...overrides,
    },
  };
}
