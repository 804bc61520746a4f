import { Invitation, Inviter, SessionState, UserAgent, type Core } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type RunningKamailio } from '../../../lab/kamailio/kamailio-process';
import { mintSipCredentials } from '../../../server/sip-credentials';
import { createNodeUserAgent, sessionReaches, SipRegistrationError, type NodeUserAgent } from '../../support/sip-node';

const SECRET = 'lab-test-secret-5f2c9a';
const ONE_HOUR_MS = 3_600_000;

let kamailio: RunningKamailio;
const started: NodeUserAgent[] = [];

async function agent(user: string, extra: Partial<Parameters<typeof createNodeUserAgent>[0]> = {}): Promise<NodeUserAgent> {
  const ua = await createNodeUserAgent({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user, secret: SECRET, ...extra });
  started.push(ua);
  return ua;
}


/** Sends an INVITE and resolves with the final status code (2xx or not). */
function finalStatusOfInvite(inviter: Inviter): Promise<number> {
  return new Promise((resolve, reject) => {
    inviter
      .invite({
        requestDelegate: {
          onAccept: (response: Core.IncomingResponse) => resolve(response.message.statusCode ?? 0),
          onReject: (response: Core.IncomingResponse) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject);
  });
}

/** Signal 0 probes without killing; a negative pid probes Kamailio's whole process group (its children). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function targetUri(user: string) {
  const uri = UserAgent.makeURI(`sip:${user}@${kamailio.domain}`);
  if (!uri) throw new Error(`bad target ${user}`);
  return uri;
}

beforeAll(async () => {
  kamailio = await startKamailio({ secret: SECRET });
});

afterAll(async () => {
  await Promise.all(started.map((ua) => ua.stop()));
  const pid = kamailio?.pid;
  await kamailio?.stop();
  if (pid !== undefined) {
    expect(processIsAlive(pid)).toBe(false);
    expect(processIsAlive(-pid)).toBe(false);
  }
});

describe('lab Kamailio with SIP.js agents in Node', () => {
  it('connects a call from 1002 to 1001 and tears it down when the caller hangs up', async () => {
    let offered: (invitation: Invitation) => void = () => {};
    const incoming = new Promise<Invitation>((resolve) => (offered = resolve));
    await agent('1001', { delegate: { onInvite: (invitation) => offered(invitation) } });
    const caller = await agent('1002', { displayName: 'Caller Two' });

    const inviter = new Inviter(caller.userAgent, targetUri('1001'));
    const callerEstablished = sessionReaches(inviter, SessionState.Established);
    await inviter.invite();

    const invitation = await incoming;
    expect(invitation.remoteIdentity.uri.user).toBe('1002');
    expect(invitation.remoteIdentity.displayName).toBe('Caller Two');

    const calleeEstablished = sessionReaches(invitation, SessionState.Established);
    await invitation.accept();
    await Promise.all([callerEstablished, calleeEstablished]);

    const callerTerminated = sessionReaches(inviter, SessionState.Terminated);
    const calleeTerminated = sessionReaches(invitation, SessionState.Terminated);
    await inviter.bye();
    await Promise.all([callerTerminated, calleeTerminated]);
    expect(invitation.state).toBe(SessionState.Terminated);
  });

  it('relays a SIP message over WebSocket as large as one over UDP (a 40 KB header), keeping the caller connected', async () => {
    let offered: (invitation: Invitation) => void = () => {};
    const incoming = new Promise<Invitation>((resolve) => (offered = resolve));
    const caller = await agent('1006');
    await agent('1005', { delegate: { onInvite: (invitation) => offered(invitation) } });
    const long = 'y'.repeat(40_000);
    const inviter = new Inviter(caller.userAgent, targetUri('1005'), { extraHeaders: [`X-Long: ${long}`] });
    void inviter.invite().catch(() => undefined);
    const invitation = await Promise.race([
      incoming,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the INVITE never reached 1005: the PBX dropped the caller')), 10_000)),
    ]);
    expect(invitation.request.getHeader('X-Long')).toBe(long);
    // The caller's connection survived its message: the call goes on as usual.
    await invitation.reject({ statusCode: 486 });
    await sessionReaches(inviter, SessionState.Terminated);
  });

  it('rejects REGISTER with credentials minted from the wrong secret (401)', async () => {
    const credentials = mintSipCredentials('not-the-lab-secret', '1003', Date.now() + ONE_HOUR_MS);
    await expect(agent('1003', { credentials })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('rejects REGISTER with expired credentials (401)', async () => {
    const credentials = mintSipCredentials(SECRET, '1004', Date.now() - 60_000);
    const attempt = agent('1004', { credentials });
    await expect(attempt).rejects.toBeInstanceOf(SipRegistrationError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 401 });
  });

  it('refuses 1001’s credentials presented as 1002, for REGISTER and for INVITE (403)', async () => {
    const credentials = mintSipCredentials(SECRET, '1001', Date.now() + ONE_HOUR_MS);
    await expect(agent('1002', { credentials })).rejects.toMatchObject({ statusCode: 403 });

    const impostor = await agent('1002', { credentials, register: false });
    expect(await finalStatusOfInvite(new Inviter(impostor.userAgent, targetUri('1001')))).toBe(403);
  });

  it('fails a call to a user who is not registered', async () => {
    const caller = await agent('1005');
    const status = await finalStatusOfInvite(new Inviter(caller.userAgent, targetUri('1999')));
    expect([404, 480]).toContain(status);
  });

  it('refuses a secret or domain that would break the config, before starting anything', async () => {
    await expect(startKamailio({ secret: 'short"; loadmodule "exec.so' })).rejects.toThrow(/secret must be/);
    await expect(startKamailio({ secret: SECRET, domain: '127.0.0.1' })).rejects.toThrow(/domain must be a host name/);
  });
});
