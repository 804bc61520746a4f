import * as z from 'zod';

/** The caller page's `./config.json`, written by the lab next to the built page. */
export const callerConfigSchema = z.object({
  /** ws://127.0.0.1:<port> of the lab's Kamailio. */
  wsServer: z.string().regex(/^wss?:\/\//, 'wsServer must be a ws:// or wss:// URL'),
  domain: z.string().min(1),
  /** The caller's own number (the From user); Kamailio only accepts the user the credentials were minted for. */
  user: z.string().min(1),
  displayName: z.string(),
  /** auth_ephemeral credentials: `<expiry>:<user>` and its HMAC. */
  authorizationUsername: z.string().min(1),
  authorizationPassword: z.string().min(1),
});

export type CallerConfig = z.infer<typeof callerConfigSchema>;

export async function loadCallerConfig(url = './config.json'): Promise<CallerConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  const parsed = callerConfigSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`invalid ${url}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
