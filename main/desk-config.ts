import { insecureTransportReason } from './secure-transport';

/** Where a desk keeps its data and which central server it talks to. The PBX comes from that server. */
export interface DeskConfig {
  dataDir: string;
  serverUrl: string;
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8790';

/**
 * `SEATDESK_DATA_DIR` and `SEATDESK_SERVER_URL` override the defaults (README: "point it at a real
 * server"). The server must be https://, or http:// on this machine (secure-transport.ts).
 */
export function deskConfigFromEnv(defaultDataDir: string, env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const serverUrl = env.SEATDESK_SERVER_URL ?? DEFAULT_SERVER_URL;
  const insecure = insecureTransportReason(serverUrl, 'http');
  if (insecure) throw new Error(`SEATDESK_SERVER_URL: ${insecure}`);
  return { dataDir: env.SEATDESK_DATA_DIR ?? defaultDataDir, serverUrl };
}

/**
 * Which links the desk may hand to the system browser (Electron's shell.openExternal): only
 * https:// pages on the origins listed in `SEATDESK_EXTERNAL_LINKS` (comma-separated, e.g. the
 * center's knowledge base). None by default.
 */
export function externalLinkPolicy(env: NodeJS.ProcessEnv = process.env): (url: string) => boolean {
  const origins = new Set(
    (env.SEATDESK_EXTERNAL_LINKS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .map((entry) => {
        const url = URL.canParse(entry) ? new URL(entry) : null;
        if (url?.protocol !== 'https:') throw new Error(`SEATDESK_EXTERNAL_LINKS: ${entry} is not an https:// origin`);
        return url.origin;
      }),
  );
  return (url) => {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    return parsed?.protocol === 'https:' && origins.has(parsed.origin);
  };
}
