import { createHmac } from 'node:crypto';

/**
 * Short-lived SIP credentials in the format of Kamailio's `auth_ephemeral` module: Kamailio checks
 * them with the shared secret alone, so no SIP password is stored anywhere and a stolen one expires.
 *
 *   username = "<expiry, unix seconds>:<user>"
 *   password = base64(HMAC-SHA1(secret, username))
 *
 * `expiresAtMs` is rounded down to whole seconds, the unit Kamailio reads.
 */
export function mintSipCredentials(secret: string, user: string, expiresAtMs: number): { username: string; password: string } {
  const username = `${Math.floor(expiresAtMs / 1000)}:${user}`;
  const password = createHmac('sha1', secret).update(username).digest('base64');
  return { username, password };
}
