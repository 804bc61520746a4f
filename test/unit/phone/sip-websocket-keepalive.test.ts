import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from 'sip.js';
import { WebSocket, WebSocketServer } from 'ws';
import { SipWebSocketTransport, type WebSocketConstructor } from '../../../main/phone/sip-websocket-transport';

/**
 * RFC 5626 keepalive on the desk's SIP WebSocket, against a real WebSocket server on 127.0.0.1
 * (Kamailio answers a double CRLF with a single CRLF the same way; checked in the lab): a server
 * that answers keeps the connection; one that went silent without closing is given up on.
 */
const servers: WebSocketServer[] = [];
const transports: SipWebSocketTransport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) await transport.dispose();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function pbx(answerKeepAlives: () => boolean): Promise<{ url: string; pings: () => number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  let pings = 0;
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      if (String(data) !== '\r\n\r\n') return;
      pings++;
      if (answerKeepAlives()) socket.send('\r\n');
    });
  });
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`, pings: () => pings };
}

function transportTo(url: string, keepAliveIntervalMs: number) {
  const logger = new Core.LoggerFactory().getLogger('test');
  const transport = new SipWebSocketTransport(logger, {
    server: url,
    webSocket: WebSocket as unknown as WebSocketConstructor,
    keepAliveIntervalMs,
    keepAliveTimeoutMs: 100,
  });
  transports.push(transport);
  const disconnects: Array<Error | undefined> = [];
  const messages: string[] = [];
  transport.onDisconnect = (error) => disconnects.push(error);
  transport.onMessage = (message) => messages.push(message);
  return { transport, disconnects, messages };
}

describe('SIP WebSocket keepalive', () => {
  it('pings with a double CRLF and stays connected while the server answers; the answers are not SIP messages', async () => {
    const server = await pbx(() => true);
    const { transport, disconnects, messages } = transportTo(server.url, 150);
    await transport.connect();
    await vi.waitFor(() => expect(server.pings()).toBeGreaterThanOrEqual(4), { timeout: 3_000 });
    expect(transport.isConnected()).toBe(true);
    expect(disconnects).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('gives up on a connection whose server went silent without closing it, and says why', async () => {
    let answering = true;
    const server = await pbx(() => answering);
    const { transport, disconnects } = transportTo(server.url, 150);
    await transport.connect();
    await vi.waitFor(() => expect(server.pings()).toBeGreaterThanOrEqual(2), { timeout: 3_000 });
    answering = false;
    await vi.waitFor(() => expect(disconnects).toHaveLength(1), { timeout: 3_000 });
    expect(disconnects[0]?.message).toMatch(/no answer .* to a keepalive within 100 ms/);
    expect(transport.isConnected()).toBe(false);
  });

  it('sends no keepalive when it is off', async () => {
    const server = await pbx(() => true);
    const { transport } = transportTo(server.url, 0);
    await transport.connect();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.pings()).toBe(0);
  });
});
