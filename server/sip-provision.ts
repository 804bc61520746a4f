import type { SipProvision } from '../src/contract';
import type { ServerContext } from './server-context';
import { mintSipCredentials } from './sip-credentials';

/** Where and how an agent's desk registers, with freshly minted short-lived credentials. */
export function provisionSip(sip: ServerContext['sip'], agent: { agentId: string; name: string }, now: number): SipProvision {
  const credentials = mintSipCredentials(sip.secret, agent.agentId, now + sip.credentialTtlMs);
  return {
    wsServer: sip.wsServer,
    aor: `sip:${agent.agentId}@${sip.domain}`,
    authorizationUsername: credentials.username,
    authorizationPassword: credentials.password,
    // The username carries whole seconds; report the instant Kamailio will actually use.
    expiresAt: Math.floor((now + sip.credentialTtlMs) / 1000) * 1000,
    displayName: agent.name,
  };
}
