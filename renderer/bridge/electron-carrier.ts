import type { Transport, WireMessage } from '../../src/rpc';
import type { Carrier } from './carrier';

/** What the Electron preload exposes on `window` (contextBridge): one validated IPC channel. */
export interface SeatdeskBridge {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

declare global {
  interface Window {
    seatdeskBridge?: SeatdeskBridge;
  }
}

/**
 * The preload's channel as a Transport. IPC lives as long as the window, so it never closes: a
 * renderer reload makes a new page (and a new RpcPeer) rather than a reconnect.
 */
export function createElectronTransport(bridge: SeatdeskBridge): Transport {
  return {
    send(message: WireMessage) {
      bridge.send(message);
    },
    onMessage(listener) {
      return bridge.onMessage(listener);
    },
    onClose() {
      return () => {};
    },
  };
}

export function electronCarrier(bridge: SeatdeskBridge): Carrier {
  // Nothing to tear down: a new RpcPeer simply detaches the old one's listener.
  return { kind: 'electron', connect: async () => ({ transport: createElectronTransport(bridge), close: () => {} }) };
}
