import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { DESK_SERVICE, type DeskSnapshot } from '../../../src/contract/desk';
import { DESK_WINDOW_IN_USE } from '../../../src/contract/desk-window';
import { RpcPeer } from '../../../src/rpc';
import { startBrowserShell, type BrowserShell } from '../../../main/shell/web/browser-shell';
import { websocketTransport } from '../../../main/shell/web/websocket-carrier';
import { repoRoot } from '../../support/desk-fixture';

/**
 * One window drives the browser shell's desk at a time: a second connection with the right token
 * and origin is refused while the first is attached, and gets in once the first has closed.
 * Real shell (desk runtime, web host), real WebSocket clients.
 */
let shell: BrowserShell;
let dataDir: string;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-window-test-'));
  // No login happens here, so no central server is needed.
  shell = await startBrowserShell({ dataDir, serverUrl: 'http://127.0.0.1:9', rendererDir: join(repoRoot, 'dist', 'renderer') });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await shell.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Window {
  socket: WebSocket;
  peer: RpcPeer;
  closed: Promise<{ code: number; reason: string }>;
}

/** A renderer's connection as the page makes it: `/rpc?token=…` from the shell's own origin. */
async function openWindow(): Promise<Window> {
  const url = new URL(shell.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(token)}`, { origin: url.origin });
  sockets.push(socket);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, peer: new RpcPeer(websocketTransport(socket)), closed };
}

const snapshotOf = (window: Window) => window.peer.call(DESK_SERVICE, 'getSnapshot', null) as Promise<DeskSnapshot>;

describe('the browser shell serves one desk window at a time', () => {
  it('refuses a second window, with the reason, while the first is attached, and keeps the first', async () => {
    const first = await openWindow();
    expect((await snapshotOf(first)).state).toBe('offline');

    const second = await openWindow();
    await expect(snapshotOf(second)).rejects.toThrow();
    expect(await second.closed).toEqual({ code: DESK_WINDOW_IN_USE.code, reason: DESK_WINDOW_IN_USE.reason });

    // The first window still drives the desk: the second took nothing over.
    expect((await snapshotOf(first)).state).toBe('offline');
    expect(shell.runtime.link.attached).toBe(true);
    expect(first.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('lets the next window in once the attached one has closed (a reload)', async () => {
    const first = await openWindow();
    await snapshotOf(first);
    first.socket.close(1001, 'reload');
    await first.closed;
    // The shell hears the close on its side of the socket, in its own time.
    await vi.waitFor(() => expect(shell.runtime.link.attached).toBe(false));

    const reloaded = await openWindow();
    expect((await snapshotOf(reloaded)).state).toBe('offline');
    expect(reloaded.socket.readyState).toBe(WebSocket.OPEN);
  });
});
