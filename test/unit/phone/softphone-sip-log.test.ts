import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { systemClock } from '../../../src/domain/clock';
import { Softphone } from '../../../main/phone/softphone';
import type { WebSocketConstructor } from '../../../main/phone/sip-websocket-transport';

/**
 * SIP.js's own error log can quote SIP messages (customer numbers, names): the softphone hands it
 * to the desk's fault report (the desk log, which scrubs them), never to stderr. The PBX here is a
 * WebSocket server on 127.0.0.1 that answers REGISTER with a 200 SIP.js refuses (it lists
 * somebody else's contact).
 */
const servers: WebSocketServer[] = [];
const phones: Softphone[] = [];
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  vi.restoreAllMocks();
});

/** A 200 OK to `request` with its dialog headers and a binding of another desk. */
function okForSomebodyElse(request: string): string {
  const headers = request.split('\r\n').filter((line) => /^(via|from|to|call-id|cseq):/i.test(line));
  const tagged = headers.map((line) => (/^to:/i.test(line) && !/;tag=/i.test(line) ? `${line};tag=pbx` : line));
  return ['SIP/2.0 200 OK', ...tagged, 'Contact: <sip:another-desk@127.0.0.1;transport=ws>;expires=300', 'Content-Length: 0', '', ''].join('\r\n');
}

describe('the softphone and SIP.js error logs', () => {
  it('reports its errors, and only those, to the desk and prints nothing to stderr', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => socket.on('message', (data) => socket.send(okForSomebodyElse(String(data)))));
    const stderr = vi.spyOn(console, 'error');
    const faults: Array<{ where: string; error: unknown }> = [];
    const phone = new Softphone({
      sip: {
        wsServer: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
        aor: 'sip:1001@seatdesk.lab',
        authorizationUsername: '9999999999:1001',
        authorizationPassword: 'x',
        expiresAt: Date.now() + 3_600_000,
        displayName: '王小明',
      },
      webSocket: WebSocket as unknown as WebSocketConstructor,
      media: () => {
        throw new Error('no media in this test');
      },
      clock: systemClock,
      events: { registration: () => {}, incoming: () => {}, replaced: () => {}, established: () => {}, ended: () => {} },
      reportFault: (where, error) => faults.push({ where, error }),
    });
    phones.push(phone);
    await phone.start();

    await vi.waitFor(() => expect(faults).toContainEqual({ where: 'sip sip.Registerer', error: new Error('No Contact header pointing to us, dropping response') }));
    expect(stderr).not.toHaveBeenCalled();
    // SIP.js's debug lines (its configuration, each transaction's states) are not faults.
    expect(faults.map(({ error }) => (error as Error).message)).toEqual(['No Contact header pointing to us, dropping response']);
  });
});
