import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { runCli, type ServerProcess } from '../support/server-process';

/**
 * The desk as an agent starts it: `dist/web/desk.mjs` (the browser shell's bundled main process,
 * as `npm run desk:web` and `npm start` run it) in a process of its own, here without its Chromium window (the bench opens the launch page in its own Chromium), and
 * with the Node inspector on a port of its own so the bench can read its heap after a collection.
 */
export interface DeskProcess {
  process: ServerProcess;
  /** The launch page (file://) that forwards a window to the desk with its token. */
  launchPage: string;
  /** Resident set size of the desk's main process, MiB (/proc/<pid>/status VmRSS). */
  rssMiB(): number;
  /** Collects garbage in the main process, then its JS heap in use, MiB (inspector: HeapProfiler.collectGarbage, Runtime.getHeapUsage). */
  heapMiB(): Promise<number>;
  /** SIGTERM (the desk logs out and closes), then waits for the exit. */
  stop(): Promise<void>;
}

export interface DeskProcessOptions {
  /** With the Node inspector (for heapMiB). */
  inspect?: boolean;
  /** A module loaded into the desk's process before it starts (`node --import`), and its environment. */
  preload?: { path: string; env: Record<string, string> };
}

export async function startDeskProcess(serverUrl: string, dataDir: string, options: DeskProcessOptions = {}): Promise<DeskProcess> {
  const nodeArgs = [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(options.preload ? ['--import', 'tsx', '--import', pathToFileURL(options.preload.path).href] : [])];
  const desk = runCli('dist/web/desk.mjs', [], { SEATDESK_SERVER_URL: serverUrl, SEATDESK_DATA_DIR: dataDir, SEATDESK_NO_BROWSER: '1', ...options.preload?.env }, nodeArgs);
  try {
    const launchPage = await logged(desk, /Open the desk[^:]*: (file:\S+)/);
    const inspector = options.inspect ? await logged(desk, /Debugger listening on (ws:\/\/\S+)/) : null;
    const pid = desk.child.pid as number;
    return {
      process: desk,
      launchPage,
      rssMiB: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
      heapMiB: async () => {
        if (!inspector) throw new Error('started without the inspector');
        const used = await inspect(inspector);
        return used / 2 ** 20;
      },
      stop: async () => {
        if (desk.child.exitCode === null) desk.child.kill('SIGTERM');
        await desk.exited;
      },
    };
  } catch (error) {
    desk.child.kill('SIGKILL');
    throw error;
  }
}

/** The first match of `pattern` in the process's output; fails when it exits first or says nothing within 60 s. */
export async function logged(desk: ServerProcess, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(desk.log());
    if (match?.[1]) return match[1];
    if (desk.child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 2));
  }
  throw new Error(`the desk did not say ${pattern}:\n${desk.log()}`);
}

/** One inspector session: collect garbage, then the heap in use (bytes). */
function inspect(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const send = (id: number, method: string) => socket.send(JSON.stringify({ id, method }));
    socket.on('open', () => send(1, 'HeapProfiler.collectGarbage'));
    socket.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: { usedSize?: number } };
      if (reply.id === 1) send(2, 'Runtime.getHeapUsage');
      if (reply.id === 2) {
        socket.close();
        resolve(reply.result?.usedSize ?? Number.NaN);
      }
    });
    socket.on('error', reject);
  });
}
