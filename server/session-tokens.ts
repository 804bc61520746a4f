import { createHash, randomBytes } from 'node:crypto';

/** A fresh bearer token: 256 random bits. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The token's database key. A plain SHA-256 suffices (no salt, no stretching): the token is
 * random and long, so there is nothing to brute-force, and the lookup must be exact.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
