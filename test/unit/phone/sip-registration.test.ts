import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { RegistrationState } from '../../../src/contract/desk';
import { ManualClock } from '../../../src/domain/clock';
import { Softphone } from '../../../main/phone/softphone';
import type { WebSocketConstructor } from '../../../main/phone/sip-websocket-transport';

/**
 * A desk whose session ended leaves the PBX for good while a call may still run on its
 * connection: no REGISTER after it, not even when the connection drops and comes back (a stale
 * registration would take the seat back from the desk that logged in since). The PBX is a
 * WebSocket server on 127.0.0.1 that accepts every REGISTER and writes down what it got.
 */
const servers: WebSocketServer[] = [];
const phones: Softphone[] = [];
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const headerLines = (message: string, names: RegExp) => message.split('\r\n').filter((line) => names.test(line));

/** 200 OK to a REGISTER, with its dialog headers and the binding it asked for. */
function registered(request: string): string {
  const dialog = headerLines(request, /^(via|from|call-id|cseq):/i);
  const to = headerLines(request, /^to:/i).map((line) => `${line};tag=pbx`);
  const contact = headerLines(request, /^(contact|expires):/i);
  return ['SIP/2.0 200 OK', ...dialog, ...to, ...contact, 'Content-Length: 0', '', ''].join('\r\n');
}

/** An OPTIONS the phone answers: its answer comes after anything the phone sent before it on the connection. */
function options(seq: number): string {
  return [
    'OPTIONS sip:1001@seatdesk.lab SIP/2.0',
    `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-barrier-${seq}`,
    'Max-Forwards: 70',
    'From: <sip:pbx@seatdesk.lab>;tag=pbx',
    'To: <sip:1001@seatdesk.lab>',
    `Call-ID: barrier-${seq}`,
    `CSeq: ${seq} OPTIONS`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

async function fakePbx() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const registers: string[] = [];
  const answered: string[] = [];
  const sockets: ServerSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      const message = String(data);
      if (message.startsWith('REGISTER ')) {
        registers.push(headerLines(message, /^(contact|expires):/i).join(' '));
        socket.send(registered(message));
      } else if (message.startsWith('SIP/2.0 ')) answered.push(headerLines(message, /^call-id:/i).join(''));
    });
  });
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`, registers, answered, sockets };
}

describe('the softphone of an ended session', () => {
  it('unregisters, and registers no more: not after a reconnect, not with new credentials', async () => {
    const pbx = await fakePbx();
    const clock = new ManualClock();
    const states: RegistrationState[] = [];
    const sip = { wsServer: pbx.url, aor: 'sip:1001@seatdesk.lab', authorizationUsername: '9999999999:1001', authorizationPassword: 'x', expiresAt: clock.now() + 3_600_000, displayName: '王小明' };
    const phone = new Softphone({
      sip,
      webSocket: WebSocket as unknown as WebSocketConstructor,
      media: () => {
        throw new Error('no media in this test');
      },
      clock,
      random: () => 0.5,
      events: { registration: (state) => states.push(state), incoming: () => {}, replaced: () => {}, established: () => {}, ended: () => {} },
    });
    phones.push(phone);
    await phone.start();
    await vi.waitFor(() => expect(states.at(-1)).toBe('registered'));
    expect(pbx.registers).toHaveLength(1);

    await phone.unregister();
    expect(pbx.registers).toHaveLength(2);
    expect(pbx.registers[1]).toMatch(/expires=0|Expires: 0/i);
    expect(states.at(-1)).toBe('unregistered');

    // The connection drops (a call on it would want it back): it comes back, without a REGISTER.
    pbx.sockets[0]!.terminate();
    await vi.waitFor(() => expect(clock.pendingTimers).toBeGreaterThan(0));
    clock.advance(2_000);
    await vi.waitFor(() => expect(pbx.sockets).toHaveLength(2));
    await phone.renewCredentials({ ...sip, authorizationPassword: 'y' });
    pbx.sockets[1]!.send(options(1));
    await vi.waitFor(() => expect(pbx.answered).toEqual(['Call-ID: barrier-1']));
    expect(pbx.registers).toHaveLength(2);
    expect(states.at(-1)).toBe('unregistered');
  });
});
