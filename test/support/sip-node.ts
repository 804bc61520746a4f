import { Registerer, RegistererState, UserAgent, type Core, type UserAgentDelegate } from 'sip.js';
import { systemClock, type Clock } from '../../src/domain/clock';
import { mintSipCredentials } from '../../server/sip-credentials';
import { WebSocket } from 'ws';
import { SipWebSocketTransport, type SipWebSocketTransportOptions, type WebSocketConstructor } from '../../main/phone/sip-websocket-transport';
import { createStaticSdpHandlerFactory, type StaticSdpSessionDescriptionHandler } from './static-sdp-session-description-handler';

export { createStaticSdpHandlerFactory, StaticSdpSessionDescriptionHandler } from './static-sdp-session-description-handler';

export interface NodeUserAgentOptions {
  wsUrl: string;
  domain: string;
  /** The SIP user (an agent's 工号 or a caller number): the AOR is sip:<user>@<domain>. */
  user: string;
  /** The auth_ephemeral secret Kamailio was started with. */
  secret: string;
  displayName?: string;
  /** Expiry of the minted credentials; default one hour from now. */
  credentialsExpireAtMs?: number;
  /** Use these instead of minting (to present someone else's or broken credentials). */
  credentials?: { username: string; password: string };
  /** Register before resolving; default true. */
  register?: boolean;
  delegate?: UserAgentDelegate;
  clock?: Clock;
}

export interface NodeUserAgent {
  userAgent: UserAgent;
  registerer: Registerer;
  /** Every StaticSdpSessionDescriptionHandler this agent's sessions used, in creation order. */
  mediaHandlers: StaticSdpSessionDescriptionHandler[];
  /** Unregisters (if registered) and stops the user agent; never throws. */
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

const ONE_HOUR_MS = 3_600_000;

/**
 * A SIP.js user agent running in Node, connected to Kamailio over `ws` (injected as the transport,
 * no globals patched) and, unless `register: false`, registered with auth_ephemeral credentials.
 * Media is the static-SDP stand-in: signalling is real, RTP is not.
 */
export async function createNodeUserAgent(options: NodeUserAgentOptions): Promise<NodeUserAgent> {
  const clock = options.clock ?? systemClock;
  const credentials =
    options.credentials ?? mintSipCredentials(options.secret, options.user, options.credentialsExpireAtMs ?? clock.now() + ONE_HOUR_MS);
  const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
  if (!uri) throw new Error(`not a SIP user/domain: ${options.user}@${options.domain}`);

  const sessionDescriptionHandlerFactory = createStaticSdpHandlerFactory();
  // The desk's own transport, so the tests exercise the code the desk ships.
  const transportOptions: SipWebSocketTransportOptions = { server: options.wsUrl, webSocket: WebSocket as unknown as WebSocketConstructor };
  const userAgent = new UserAgent({
    uri,
    displayName: options.displayName,
    authorizationUsername: credentials.username,
    authorizationPassword: credentials.password,
    transportConstructor: SipWebSocketTransport,
    transportOptions,
    sessionDescriptionHandlerFactory,
    delegate: options.delegate,
    logBuiltinEnabled: false,
    logLevel: 'error',
  });
  await userAgent.start();
  const registerer = new Registerer(userAgent);

  const stop = async () => {
    try {
      if (registerer.state === RegistererState.Registered) await registerer.unregister();
    } catch {
      // The transport may already be gone; stopping still releases everything.
    }
    await userAgent.stop().catch(() => undefined);
  };

  if (options.register ?? true) {
    try {
      await register(registerer);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { userAgent, registerer, mediaHandlers: sessionDescriptionHandlerFactory.created, stop };
}

/** Sends REGISTER and resolves on 2xx; rejects with SipRegistrationError on a final failure. */
function register(registerer: Registerer): Promise<void> {
  return new Promise((resolve, reject) => {
    registerer
      .register({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response: Core.IncomingResponse) => {
            const { statusCode, reasonPhrase } = response.message;
            reject(new SipRegistrationError(statusCode ?? 0, reasonPhrase ?? ''));
          },
        },
      })
      .catch(reject);
  });
}
