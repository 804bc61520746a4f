import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from 'sip.js';
import { WebSocket, WebSocketServer } from 'ws';
import { SipWebSocketTransport, type WebSocketConstructor } from '../../../main/phone/sip-websocket-transport';

/**
 * The desk's SIP WebSocket against a real WebSocket server on 127.0.0.1: a message SIP.js fails
 * on must not escape into the socket's event emitter (the process would end there).
 */
const servers: WebSocketServer[] = [];
const transports: SipWebSocketTransport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) await transport.dispose();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('SipWebSocketTransport', () => {
  it('reports a message SIP.js failed on, stays connected and hands over the next one', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send('the one SIP.js chokes on');
      socket.send('the next one');
    });
    const faults: Array<{ where: string; error: unknown }> = [];
    const transport = new SipWebSocketTransport(new Core.LoggerFactory().getLogger('test'), {
      server: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
      webSocket: WebSocket as unknown as WebSocketConstructor,
      reportFault: (where, error) => faults.push({ where, error }),
    });
    transports.push(transport);
    const handed: string[] = [];
    transport.onMessage = (message) => {
      handed.push(message);
      if (message === 'the one SIP.js chokes on') throw new TypeError('cannot read properties of undefined');
    };

    await transport.connect();
    await vi.waitFor(() => expect(handed).toEqual(['the one SIP.js chokes on', 'the next one']));
    expect(faults).toMatchObject([{ where: 'sip message', error: { name: 'TypeError' } }]);
    expect(transport.isConnected()).toBe(true);
  });

  it('rejects a connect the WebSocket refuses to start with that WebSocket\'s reason', async () => {
    // ws refuses a URL with a fragment in its constructor, before any connection.
    const transport = new SipWebSocketTransport(new Core.LoggerFactory().getLogger('test'), {
      server: 'ws://127.0.0.1:9/#fragment',
      webSocket: WebSocket as unknown as WebSocketConstructor,
    });
    transports.push(transport);

    await expect(transport.connect()).rejects.toThrow(/fragment/);
    expect(transport.isConnected()).toBe(false);
  });
});
