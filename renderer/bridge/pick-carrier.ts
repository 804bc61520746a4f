import type { Carrier } from './carrier';
import { electronCarrier } from './electron-carrier';
import { takeLaunchToken } from './launch-token';
import { rpcSocketUrl, webSocketCarrier, type WebSocketCarrierOptions } from './websocket-carrier';

/**
 * Electron's preload exposes `window.seatdeskBridge`; without it we are the browser shell's page,
 * which reaches main over a WebSocket on the host that served it, with the per-launch token.
 */
export function pickCarrier(webSocketOptions: WebSocketCarrierOptions = {}): Carrier {
  if (window.seatdeskBridge) return electronCarrier(window.seatdeskBridge);
  const token = takeLaunchToken({ location: window.location, history: window.history, sessionStorage: window.sessionStorage });
  return webSocketCarrier(rpcSocketUrl(window.location.host, token ?? ''), webSocketOptions);
}
