import { DESK_WINDOW_IN_USE } from '../../src/contract/desk-window';
import type { Transport, WireMessage } from '../../src/rpc';
import type { Carrier, CarrierConnection } from './carrier';

/** `ws://<host>/rpc?token=…`: the browser shell's endpoint on 127.0.0.1. */
export function rpcSocketUrl(host: string, token: string): string {
  return `ws://${host}/rpc?token=${encodeURIComponent(token)}`;
}

/** One WireMessage per JSON text frame. Frames that are not JSON are dropped, like bad wire messages. */
export function createWebSocketTransport(socket: WebSocket): Transport {
  return {
    send(message: WireMessage) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the desk socket is not open');
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const onMessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        let message: unknown;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        listener(message);
      };
      socket.addEventListener('message', onMessage);
      return () => socket.removeEventListener('message', onMessage);
    },
    onClose(listener) {
      if (socket.readyState === WebSocket.CLOSED) {
        queueMicrotask(listener);
        return () => {};
      }
      const onClose = () => listener();
      socket.addEventListener('close', onClose);
      return () => socket.removeEventListener('close', onClose);
    },
  };
}

export interface WebSocketCarrierOptions {
  /** The shell closed a connection because another window drives the desk (DESK_WINDOW_IN_USE). */
  onWindowInUse?(): void;
}

/** Opens a new socket per connection attempt; an attempt fails if the socket closes before opening. */
export function webSocketCarrier(url: string, options: WebSocketCarrierOptions = {}): Carrier {
  return {
    kind: 'websocket',
    connect: () =>
      new Promise<CarrierConnection>((resolve, reject) => {
        const socket = new WebSocket(url);
        // The shell accepts, then closes at once: the reason only travels in the close frame.
        socket.addEventListener('close', (event) => {
          if (event.code === DESK_WINDOW_IN_USE.code) options.onWindowInUse?.();
        });
        const onOpen = () => {
          socket.removeEventListener('close', onFailed);
          resolve({ transport: createWebSocketTransport(socket), close: () => socket.close() });
        };
        const onFailed = () => {
          socket.removeEventListener('open', onOpen);
          reject(new Error('the desk socket closed before it opened'));
        };
        socket.addEventListener('open', onOpen, { once: true });
        // `error` is always followed by `close`, so waiting for close alone covers both.
        socket.addEventListener('close', onFailed, { once: true });
      }),
  };
}
