import type { Transport, WireMessage } from './wire';

/**
 * Two connected in-memory transports. Messages go through a JSON round trip and a microtask, so
 * whatever works here also survives a real carrier (no shared objects, no synchronous re-entry).
 */
export function createMemoryTransportPair(): [Transport, Transport, () => void] {
  const ends = [makeEnd(), makeEnd()] as const;
  const [a, b] = ends;
  a.peer = b;
  b.peer = a;
  const close = () => {
    for (const end of ends) end.close();
  };
  return [a.transport, b.transport, close];
}

interface End {
  peer: End | undefined;
  deliver(json: string): void;
  close(): void;
  transport: Transport;
}

function makeEnd(): End {
  const messageListeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;
  const end: End = {
    peer: undefined,
    deliver(json: string) {
      if (closed) return;
      queueMicrotask(() => {
        if (closed) return;
        const message: unknown = JSON.parse(json);
        for (const listener of messageListeners) listener(message);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      for (const listener of closeListeners) listener();
    },
    transport: {
      send(message: WireMessage) {
        if (closed) throw new Error('transport closed');
        end.peer?.deliver(JSON.stringify(message));
      },
      onMessage(listener: (message: unknown) => void) {
        messageListeners.add(listener);
        return () => messageListeners.delete(listener);
      },
      onClose(listener: () => void) {
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
    } satisfies Transport,
  };
  return end;
}
