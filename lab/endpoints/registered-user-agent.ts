import { Registerer, RegistererState, SIPExtension, UserAgent, type Core, type SessionDescriptionHandlerFactory, type UserAgentDelegate } from 'sip.js';
import { WebSocket } from 'ws';
import { SipWebSocketTransport, type SipWebSocketTransportOptions, type WebSocketConstructor } from '../../main/phone/sip-websocket-transport';

export interface RegisteredUserAgentOptions {
  wsUrl: string;
  domain: string;
  /** The AOR is sip:<user>@<domain>. */
  user: string;
  displayName?: string;
  /** auth_ephemeral credentials (see server/sip-credentials.ts). */
  credentials: { username: string; password: string };
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  delegate?: UserAgentDelegate;
  /** Register before resolving; default true. */
  register?: boolean;
}

export interface RegisteredUserAgent {
  userAgent: UserAgent;
  registerer: Registerer;
  /** Unregisters (if registered) and stops; never throws. */
  stop(): Promise<void>;
}

/** A REGISTER that ended with a final non-2xx response. */
export class SipRegistrationError extends Error {
  constructor(
    readonly statusCode: number,
    reasonPhrase: string,
  ) {
    super(`REGISTER rejected: ${statusCode} ${reasonPhrase}`);
    this.name = 'SipRegistrationError';
  }
}

/**
 * A SIP.js user agent in Node, connected to the lab's Kamailio with the desk's own WebSocket
 * transport over `ws` (injected, no globals patched) and, unless `register: false`, registered.
 * Lab endpoints and the Node test callers are both made with it.
 */
export async function startRegisteredUserAgent(options: RegisteredUserAgentOptions): Promise<RegisteredUserAgent> {
  const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
  if (!uri) throw new Error(`not a SIP user/domain: ${options.user}@${options.domain}`);
  const transportOptions: SipWebSocketTransportOptions = { server: options.wsUrl, webSocket: WebSocket as unknown as WebSocketConstructor };
  const userAgent = new UserAgent({
    uri,
    ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
    authorizationUsername: options.credentials.username,
    authorizationPassword: options.credentials.password,
    transportConstructor: SipWebSocketTransport,
    transportOptions,
    sessionDescriptionHandlerFactory: options.sessionDescriptionHandlerFactory,
    ...(options.delegate ? { delegate: options.delegate } : {}),
    // An attended transfer ends with the customer's INVITE replacing the consult call (RFC 3891).
    sipExtensionReplaces: SIPExtension.Supported,
    logBuiltinEnabled: false,
    logLevel: 'error',
  });
  const registerer = new Registerer(userAgent);
  const stop = async () => {
    // The transport may already be gone; stopping still releases everything.
    if (registerer.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    await userAgent.stop().catch(() => undefined);
  };
  try {
    await userAgent.start();
    if (options.register ?? true) await register(registerer);
  } catch (error) {
    await stop();
    throw error;
  }
  return { userAgent, registerer, stop };
}

/** Sends REGISTER and resolves on 2xx; rejects with SipRegistrationError on a final failure. */
function register(registerer: Registerer): Promise<void> {
  return new Promise((resolve, reject) => {
    registerer
      .register({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response: Core.IncomingResponse) => reject(new SipRegistrationError(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '')),
        },
      })
      .catch(reject);
  });
}
