import { Registerer, RegistererState, UserAgent, type Core, type UserAgentDelegate } from 'sip.js';
import { WebSocket } from 'ws';
import { SipWebSocketTransport, type SipWebSocketTransportOptions, type WebSocketConstructor } from '../../main/phone/sip-websocket-transport';
import { mintSipCredentials } from '../../server/sip-credentials';
import { signallingOnlySdpHandlerFactory } from './signalling-only-sdp-handler';

export interface RegisteredUserAgentOptions {
  wsUrl: string;
  domain: string;
  /** The extension: the AOR is sip:<user>@<domain>. */
  user: string;
  displayName: string;
  /** Kamailio's auth_ephemeral secret; credentials are minted from it for `user`. */
  secret: string;
  credentialsExpireAtMs: number;
  delegate: UserAgentDelegate;
}

export interface RegisteredUserAgent {
  userAgent: UserAgent;
  /** Unregisters and stops; never throws. */
  stop(): Promise<void>;
}

/**
 * A SIP.js user agent in Node, registered with the lab's Kamailio: the desk's own WebSocket
 * transport over `ws` (injected, no globals patched) and signalling-only media.
 */
export async function startRegisteredUserAgent(options: RegisteredUserAgentOptions): Promise<RegisteredUserAgent> {
  const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
  if (!uri) throw new Error(`not a SIP user/domain: ${options.user}@${options.domain}`);
  const credentials = mintSipCredentials(options.secret, options.user, options.credentialsExpireAtMs);
  const transportOptions: SipWebSocketTransportOptions = { server: options.wsUrl, webSocket: WebSocket as unknown as WebSocketConstructor };
  const userAgent = new UserAgent({
    uri,
    displayName: options.displayName,
    authorizationUsername: credentials.username,
    authorizationPassword: credentials.password,
    transportConstructor: SipWebSocketTransport,
    transportOptions,
    sessionDescriptionHandlerFactory: signallingOnlySdpHandlerFactory,
    delegate: options.delegate,
    logBuiltinEnabled: false,
    logLevel: 'error',
  });
  const registerer = new Registerer(userAgent);
  const stop = async () => {
    if (registerer.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    await userAgent.stop().catch(() => undefined);
  };
  try {
    await userAgent.start();
    await register(registerer, options.user);
  } catch (error) {
    await stop();
    throw error;
  }
  return { userAgent, stop };
}

function register(registerer: Registerer, user: string): Promise<void> {
  return new Promise((resolve, reject) => {
    registerer
      .register({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response: Core.IncomingResponse) =>
            reject(new Error(`REGISTER of ${user} rejected: ${response.message.statusCode ?? 0} ${response.message.reasonPhrase ?? ''}`)),
        },
      })
      .catch(reject);
  });
}
