import { describe, expect, it } from 'vitest';
import { hashSessionToken, newSessionToken } from '../../../server/session-tokens';

describe('session tokens', () => {
  it('are long, random and URL-safe', () => {
    const tokens = new Set(Array.from({ length: 100 }, newSessionToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('are stored as a stable hash that is not the token', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toBe(hashSessionToken(token));
    expect(hashSessionToken(token)).not.toBe(token);
    expect(hashSessionToken(token)).not.toBe(hashSessionToken(newSessionToken()));
  });
});
