import { existsSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { Clock } from '../../../src/domain/clock';
import type { DeskConfig } from '../../desk-config';
import type { WebSocketConstructor } from '../../phone/sip-websocket-transport';
import { startDeskRuntime, type DeskRuntime } from '../../desk-runtime';
import { startWebHost } from './web-host';

export interface BrowserShellOptions extends DeskConfig {
  rendererDir: string;
  port?: number;
  clock?: Clock;
}

export interface BrowserShell {
  /** The page to open, token included: for windows opened in-process (tests); see launch-page.ts. */
  url: string;
  runtime: DeskRuntime;
  close(): Promise<void>;
}

/**
 * The browser shell: the same main-process desk as Electron's, in plain Node, serving the renderer
 * on 127.0.0.1. Used where no Electron binary is installed, and by the end-to-end tests.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  if (!existsSync(options.rendererDir)) {
    throw new Error(`the renderer is not built (${options.rendererDir}): run \`npm run build\` first`);
  }
  const runtime = await startDeskRuntime({
    dataDir: options.dataDir,
    serverUrl: options.serverUrl,
    // Plain Node 20 has no global WebSocket: SIP.js gets the `ws` package, injected. Its typings
    // overload the constructor, but it implements the WHATWG surface SipWebSocketTransport uses.
    webSocket: WebSocket as unknown as WebSocketConstructor,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const host = await startWebHost({
    rendererDir: options.rendererDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    onRenderer: (peer) => runtime.link.attach(peer),
  });
  return {
    url: host.url,
    runtime,
    close: async () => {
      await runtime.close();
      await host.close();
    },
  };
}
