import type { WebSocket } from 'ws';
import type { Transport, WireMessage } from '../../../src/rpc';

/** The browser shell's RPC carrier: one JSON WireMessage per WebSocket text frame. */
export function websocketTransport(socket: WebSocket): Transport {
  return {
    send(message: WireMessage) {
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const handler = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        let message: unknown;
        try {
          message = JSON.parse(data.toString('utf8'));
        } catch {
          return; // Not JSON: dropped like any malformed frame.
        }
        listener(message);
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
  };
}
