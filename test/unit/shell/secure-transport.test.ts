import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deskConfigFromEnv, externalLinkPolicy } from '../../../main/desk-config';
import { insecureTransportReason } from '../../../main/secure-transport';
import { CentralClient } from '../../../main/sync/central-client';
import { CentralError } from '../../../main/sync/central-error';
import { defaultPolicy } from '../../../src/contract/policy';
import type { LoginResponse } from '../../../src/contract/sync';
import { startCentralStub, STUB_TOKEN, type CentralStub } from '../sync/central-stub';

describe('the transport rule: TLS to anything but this machine', () => {
  it.each([
    ['https://seatdesk.example.com', 'http'],
    ['wss://pbx.example.com:8443', 'ws'],
    ['http://127.0.0.1:8790', 'http'],
    ['http://localhost:8790', 'http'],
    ['ws://127.0.0.1:5066', 'ws'],
    ['ws://[::1]:5066', 'ws'],
    // WHATWG URL reads these as 127.0.0.1.
    ['http://127.1:8790', 'http'],
    ['http://0x7f.0.0.1/', 'http'],
  ] as const)('allows %s for %s', (url, kind) => {
    expect(insecureTransportReason(url, kind)).toBeNull();
  });

  it.each([
    ['http://seatdesk.example.com', 'http', /not encrypted: use https:\/\//],
    ['ws://pbx.example.com:5066', 'ws', /not encrypted: use wss:\/\//],
    ['http://192.168.1.10:8790', 'http', /not encrypted/],
    ['http://127.0.0.1.example.com/', 'http', /not encrypted/],
    ['ws://localhost.evil.example/', 'ws', /not encrypted/],
    ['https://pbx.example.com', 'ws', /not a wss:\/\/ address/],
    ['ftp://seatdesk.example.com', 'http', /not a https:\/\/ address/],
    ['not a url', 'http', /not a URL/],
  ] as const)('refuses %s for %s', (url, kind, reason) => {
    expect(insecureTransportReason(url, kind)).toMatch(reason);
  });
});

describe('the central server URL (desk config)', () => {
  it('refuses plain http to another machine with a clear error', () => {
    expect(() => deskConfigFromEnv('/data', { SEATDESK_SERVER_URL: 'http://seatdesk.example.com' })).toThrow(
      'SEATDESK_SERVER_URL: http://seatdesk.example.com is not encrypted: use https:// (http:// is allowed only to this machine)',
    );
  });

  it('takes https anywhere and http on this machine', () => {
    expect(deskConfigFromEnv('/data', { SEATDESK_SERVER_URL: 'https://seatdesk.example.com' }).serverUrl).toBe('https://seatdesk.example.com');
    expect(deskConfigFromEnv('/data', {}).serverUrl).toBe('http://127.0.0.1:8790');
  });
});

describe('links the desk may open in the system browser', () => {
  it('opens nothing unless configured, and then only https on the listed origins', () => {
    expect(externalLinkPolicy({})('https://kb.example.com/article/1')).toBe(false);
    const allowed = externalLinkPolicy({ SEATDESK_EXTERNAL_LINKS: 'https://kb.example.com, https://help.example.com:8443/' });
    expect(allowed('https://kb.example.com/article/1')).toBe(true);
    expect(allowed('https://help.example.com:8443/x')).toBe(true);
    expect(allowed('http://kb.example.com/article/1')).toBe(false);
    expect(allowed('https://kb.example.com.evil.example/')).toBe(false);
    expect(allowed('https://help.example.com/x')).toBe(false);
    expect(allowed('file:///etc/passwd')).toBe(false);
    expect(allowed('javascript:alert(1)')).toBe(false);
  });

  it('refuses a configured origin that is not https', () => {
    expect(() => externalLinkPolicy({ SEATDESK_EXTERNAL_LINKS: 'http://kb.example.com' })).toThrow('http://kb.example.com is not an https:// origin');
  });
});

describe('the PBX address the server provisions', () => {
  let stub: CentralStub;
  let client: CentralClient;
  beforeEach(async () => {
    stub = await startCentralStub();
    client = new CentralClient({ baseUrl: stub.url, timeoutMs: 2_000 });
  });
  afterEach(() => stub.stop());

  const loginReplyWithPbx = (wsServer: string): LoginResponse => ({
    token: STUB_TOKEN,
    agent: { agentId: '1001', name: '王小明' },
    policy: defaultPolicy,
    dispositions: [],
    directory: [],
    colleagues: [],
    sip: {
      wsServer,
      aor: 'sip:1001@pbx.example.com',
      authorizationUsername: '1800000000:1001',
      authorizationPassword: 'c2VjcmV0',
      expiresAt: 1_800_000_000_000,
      displayName: '王小明',
    },
    serverTime: 1_700_000_000_000,
  });
  const login = () => client.login({ agentId: '1001', password: 'pw', deviceId: 'desk-1' });

  it('refuses a login whose PBX is plain ws:// to another machine', async () => {
    stub.loginReply = loginReplyWithPbx('ws://pbx.example.com:5066');
    const error = await login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CentralError);
    expect(error).toMatchObject({ code: 'insecure-transport', message: expect.stringContaining('ws://pbx.example.com:5066 is not encrypted: use wss://') });
  });

  it('refuses renewed SIP credentials that point at plain ws:// elsewhere', async () => {
    stub.intercept = (request, proceed) =>
      request.path === '/v1/sip-credentials' ? { status: 200, body: { sip: loginReplyWithPbx('ws://pbx.example.com:5066').sip } } : proceed();
    await expect(client.sipCredentials(STUB_TOKEN)).rejects.toMatchObject({ code: 'insecure-transport' });
  });

  it('accepts wss:// anywhere and ws:// on this machine', async () => {
    stub.loginReply = loginReplyWithPbx('wss://pbx.example.com:8443');
    await expect(login()).resolves.toMatchObject({ sip: { wsServer: 'wss://pbx.example.com:8443' } });
    stub.loginReply = loginReplyWithPbx('ws://127.0.0.1:5066');
    await expect(login()).resolves.toMatchObject({ sip: { wsServer: 'ws://127.0.0.1:5066' } });
  });
});
