import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpFaultProxy {
  /** host:port that forwards to the target while up. */
  port: number;
  url(protocol: string): string;
  /** Drops every open connection and refuses new ones, like a server that went away. */
  down(): void;
  up(): void;
  /**
   * The open connections stop carrying anything, either way, but stay open (no FIN, no RST): a
   * NAT entry or a Wi-Fi link that died. New connections work as before.
   */
  stall(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder that a test can cut: the way to make a real server "unreachable" and
 * bring it back without restarting it (its data and port stay as they were).
 */
export async function startTcpFaultProxy(targetPort: number): Promise<TcpFaultProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let isUp = true;
  const server: Server = createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    url: (protocol) => `${protocol}://127.0.0.1:${address.port}`,
    down() {
      isUp = false;
      for (const socket of sockets) socket.destroy();
    },
    up() {
      isUp = true;
    },
    stall() {
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
      pairs.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
