import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CentralClient } from '../../../main/sync/central-client';
import { aTicketPayload, serverTicket } from '../../support/ticket-fixtures';
import { CentralError, type CentralErrorCode } from '../../../main/sync/central-error';
import { toHandoverError } from '../../../main/sync/handover-accept-error';
import { anItem, LI, serverHandover, serverPromise, WANG, ZHAO } from '../desk/promise-fixtures';
import { defaultPolicy } from '../../../src/contract/policy';
import type { LoginResponse, SyncBatch } from '../../../src/contract/sync';
import { AGENT, T0 } from '../store/fixtures';
import { startCentralStub, STUB_TOKEN, type CentralStub } from './central-stub';

let stub: CentralStub;
let client: CentralClient;
beforeEach(async () => {
  stub = await startCentralStub();
  client = new CentralClient({ baseUrl: `${stub.url}/`, timeoutMs: 2_000 });
});
afterEach(() => stub.stop());

const loginReply: LoginResponse = {
  token: STUB_TOKEN,
  agent: { agentId: AGENT, name: '王小明' },
  policy: defaultPolicy,
  dispositions: [{ code: 'repair', label: { 'zh-CN': '报修', en: 'Repair' } }],
  directory: [],
  colleagues: [],
  sip: {
    wsServer: 'ws://127.0.0.1:5066',
    aor: `sip:${AGENT}@seatdesk.local`,
    authorizationUsername: `1800000000:${AGENT}`,
    authorizationPassword: 'c2VjcmV0',
    expiresAt: T0 + 3_600_000,
    displayName: '王小明',
  },
  serverTime: T0,
};

function aBatch(): SyncBatch {
  return {
    records: [
      { id: uuidv7(), agentId: AGENT, kind: 'stateChange', occurredAt: T0, payload: { from: 'ready', to: 'busy', busyReason: 'meal', call: null } },
    ],
  };
}

async function failure(promise: Promise<unknown>): Promise<CentralError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CentralError);
  return error as CentralError;
}

function replyWith(status: number, body: unknown): void {
  stub.intercept = () => ({ status, body });
}

describe('CentralClient', () => {
  it('logs in without a token and returns the checked reply', async () => {
    stub.loginReply = loginReply;
    const request = { agentId: AGENT, password: 'pw', deviceId: 'desk-1' };
    await expect(client.login(request)).resolves.toEqual(loginReply);
    expect(stub.requests).toEqual([{ method: 'POST', path: '/v1/login', authorization: undefined, body: request }]);
  });

  it("asks the server's health check without a token, and takes only its protocol's answer for a yes", async () => {
    replyWith(200, { ok: true });
    await expect(client.health()).resolves.toBeUndefined();
    expect(stub.requests).toEqual([{ method: 'GET', path: '/healthz', authorization: undefined, body: null }]);
    replyWith(200, '<html>captive portal</html>');
    expect(await failure(client.health())).toMatchObject({ code: 'invalid-reply' });
    replyWith(503, { error: { code: 'unavailable', message: 'starting' } });
    expect(await failure(client.health())).toMatchObject({ code: 'server-error', status: 503 });
  });

  it('reports wrong credentials as bad-credentials', async () => {
    const error = await failure(client.login({ agentId: AGENT, password: 'wrong', deviceId: 'desk-1' }));
    expect(error).toMatchObject({ code: 'bad-credentials', status: 401 });
    expect(error.message).toMatch(/wrong employee number or password/);
  });

  it('syncs a batch with the bearer token and returns the acknowledgement', async () => {
    const batch = aBatch();
    const ack = await client.sync(STUB_TOKEN, batch);
    expect(ack.acknowledged).toEqual([batch.records[0]!.id]);
    expect(stub.requests[0]).toMatchObject({ path: '/v1/sync', authorization: `Bearer ${STUB_TOKEN}`, body: batch });
  });

  it('fetches the agent’s ticket changes since a time, checked against the contract', async () => {
    const answered = serverTicket(uuidv7(), AGENT, aTicketPayload(), T0, { status: 'answered', updatedAt: T0 + 9, reply: '已回复' });
    replyWith(200, { tickets: [answered] });
    await expect(client.tickets(STUB_TOKEN, AGENT, T0 + 0.5)).resolves.toEqual([answered]);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/agents/${AGENT}/tickets?since=${T0}`, authorization: `Bearer ${STUB_TOKEN}` });
    replyWith(200, { tickets: [{ ...answered, status: 'lost' }] });
    await expect(failure(client.tickets(STUB_TOKEN, AGENT, T0))).resolves.toBeInstanceOf(CentralError);
  });

  it('fetches wrap-ups and logs out', async () => {
    stub.wrapUps = [
      {
        id: uuidv7(), agentId: AGENT, occurredAt: T0, receivedAt: T0 + 5, callId: uuidv7(), disposition: 'repair',
        summary: 'ok', customerName: '', customerContact: '', resolved: true, promisedReplyAt: null,
      },
    ];
    await expect(client.wrapUps(STUB_TOKEN, AGENT)).resolves.toEqual(stub.wrapUps);
    await expect(client.logout(STUB_TOKEN)).resolves.toEqual({ serverTime: 1_790_000_000_000 });
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/agents/${AGENT}/wrap-ups`, 'POST /v1/logout']);
  });

  it.each<[number, unknown, CentralErrorCode]>([
    [401, { error: { code: 'session-ended', message: 'logged in on another desk' } }, 'session-ended'],
    [401, { error: { code: 'token-expired', message: 'expired' } }, 'unauthenticated'],
    [401, 'not json', 'unauthenticated'],
    [403, { error: { code: 'forbidden', message: "another agent's records" } }, 'forbidden'],
    [403, { error: { code: 'not-yours', message: 'no' } }, 'forbidden'],
    [400, { error: { code: 'invalid-request', message: 'bad batch' } }, 'invalid-request'],
    [413, { error: { code: 'too-large', message: 'body too large' } }, 'invalid-request'],
    [429, { error: { code: 'slow-down', message: 'later' } }, 'server-error'],
    [500, { error: { code: 'internal', message: 'db down' } }, 'server-error'],
    [502, '<html>bad gateway</html>', 'server-error'],
  ])('turns a %i reply (%j) into %s', async (status, body, code) => {
    replyWith(status, body);
    const error = await failure(client.sync(STUB_TOKEN, aBatch()));
    expect(error).toMatchObject({ code, status });
  });

  it('keeps how the session ended from a 401 session-ended, and nothing from one that is not the protocol', async () => {
    const session = { reason: 'admin', endedAt: T0, byDeviceId: null, byAgentId: '9001' };
    replyWith(401, { error: { code: 'session-ended', message: 'a supervisor ended it', session } });
    expect(await failure(client.sync(STUB_TOKEN, aBatch()))).toMatchObject({ code: 'session-ended', session });
    replyWith(401, { error: { code: 'session-ended', message: 'garbled', session: { ...session, reason: 'because' } } });
    expect(await failure(client.sync(STUB_TOKEN, aBatch()))).toMatchObject({ code: 'session-ended', session: null });
  });

  it.each<[string, unknown]>([
    ['a wrong type', { acknowledged: 'nope', serverTime: 1 }],
    ['a missing field', { acknowledged: [] }],
    ['ids that are not uuids', { acknowledged: ['x'], serverTime: 1 }],
    ['not JSON', 'OK'],
  ])('refuses a 200 sync reply with %s as invalid-reply', async (_, body) => {
    replyWith(200, body);
    const error = await failure(client.sync(STUB_TOKEN, aBatch()));
    expect(error).toMatchObject({ code: 'invalid-reply', status: 200 });
  });

  it('refuses a batch the protocol forbids without sending it', async () => {
    const error = await failure(client.sync(STUB_TOKEN, { records: [] }));
    expect(error.code).toBe('invalid-request');
    expect(stub.requests).toEqual([]);
  });

  it('reports a refused connection as unreachable', async () => {
    await stub.stop();
    const error = await failure(client.sync(STUB_TOKEN, aBatch()));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
    await stub.restart(); // for afterEach
  });

  it('reports a server that never answers as unreachable once the timeout passes', async () => {
    stub.intercept = () => 'hang';
    const quick = new CentralClient({ baseUrl: stub.url, timeoutMs: 150 });
    const started = performance.now();
    const error = await failure(quick.sync(STUB_TOKEN, aBatch()));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/no reply within 150 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports an unknown host as unreachable', async () => {
    const nowhere = new CentralClient({ baseUrl: 'http://seatdesk-central.invalid', timeoutMs: 2_000 });
    const error = await failure(nowhere.sync(STUB_TOKEN, aBatch()));
    expect(error.code).toBe('unreachable');
  });
});

describe('CentralClient: promises and handovers', () => {
  it('fetches promise and handover changes since a time, checked against the contract', async () => {
    const promise = serverPromise(uuidv7(), { callId: uuidv7(), dueAt: T0 + 60_000, updatedAt: T0 + 9 });
    replyWith(200, { promises: [promise] });
    await expect(client.promises(STUB_TOKEN, AGENT, T0 + 0.5)).resolves.toEqual([promise]);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/agents/${AGENT}/promises?since=${T0}`, authorization: `Bearer ${STUB_TOKEN}` });
    replyWith(200, { promises: [{ ...promise, status: 'broken' }] });
    await expect(failure(client.promises(STUB_TOKEN, AGENT, T0))).resolves.toMatchObject({ code: 'invalid-reply' });

    const handover = serverHandover(uuidv7(), { from: LI, to: 'nextShift', items: [anItem('promise', promise.id)], handedAt: T0, updatedAt: T0 + 3 });
    replyWith(200, { handovers: [handover] });
    await expect(client.handovers(STUB_TOKEN, AGENT, -5)).resolves.toEqual([handover]);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/agents/${AGENT}/handovers?since=0` });
  });

  it('accepts a handover, and keeps the server’s refusal code and body for the desk’s codes', async () => {
    const handoverId = uuidv7();
    const handover = serverHandover(handoverId, { from: LI, to: WANG, items: [anItem('ticket', uuidv7())], handedAt: T0, updatedAt: T0 + 5, accepted: { by: WANG, at: T0 + 5 } });
    replyWith(200, { handover, promises: [], tickets: [] });
    await expect(client.acceptHandover(STUB_TOKEN, handoverId)).resolves.toEqual({ handover, promises: [], tickets: [] });
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/handovers/${handoverId}/accept`, body: {} });

    const refused = async (status: number, body: unknown) => {
      replyWith(status, body);
      return toHandoverError(await failure(client.acceptHandover(STUB_TOKEN, handoverId)));
    };
    expect(await refused(409, { error: { code: 'handover-accepted', message: 'first', acceptedBy: ZHAO } })).toMatchObject({ name: 'DeskError', code: 'handover-accepted', params: { by: '赵敏' } });
    expect(await refused(403, { error: { code: 'not-addressee', message: 'not yours' } })).toMatchObject({ code: 'not-addressee' });
    expect(await refused(404, { error: { code: 'unknown-handover', message: 'none' } })).toMatchObject({ code: 'unknown-handover' });
    expect(await refused(503, { error: { code: 'unavailable', message: 'later' } })).toMatchObject({ code: 'server-unreachable' });
    // The session's refusal goes on as it is: the desk ends the session by it.
    expect(await refused(401, { error: { code: 'unauthenticated', message: 'no session' } })).toBeInstanceOf(CentralError);
    stub.intercept = null;
    await stub.stop();
    expect(toHandoverError(await failure(client.acceptHandover(STUB_TOKEN, handoverId)))).toMatchObject({ code: 'server-unreachable' });
    await stub.restart();
  });
});
