/** Where a desk keeps its data and which central server it talks to. The PBX comes from that server. */
export interface DeskConfig {
  dataDir: string;
  serverUrl: string;
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8790';

/** `SEATDESK_DATA_DIR` and `SEATDESK_SERVER_URL` override the defaults (README: "point it at a real server"). */
export function deskConfigFromEnv(defaultDataDir: string, env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const serverUrl = env.SEATDESK_SERVER_URL ?? DEFAULT_SERVER_URL;
  const parsed = new URL(serverUrl);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`SEATDESK_SERVER_URL must be http(s): ${serverUrl}`);
  return { dataDir: env.SEATDESK_DATA_DIR ?? defaultDataDir, serverUrl };
}
