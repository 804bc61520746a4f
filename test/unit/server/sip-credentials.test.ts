import { describe, expect, it } from 'vitest';
import { mintSipCredentials } from '../../../server/sip-credentials';

describe('mintSipCredentials (Kamailio auth_ephemeral format)', () => {
  it('matches a vector computed independently with openssl', () => {
    // echo -n "1700000000:1001" | openssl dgst -sha1 -hmac lab-secret -binary | base64
    expect(mintSipCredentials('lab-secret', '1001', 1_700_000_000_000)).toEqual({
      username: '1700000000:1001',
      password: 'KTRida9EZgOjffVe4g5ZVJrt3s8=',
    });
  });

  it('puts the expiry in whole unix seconds, rounded down', () => {
    expect(mintSipCredentials('s', '1001', 1_700_000_000_999).username).toBe('1700000000:1001');
  });

  it('depends on the secret, the user and the expiry', () => {
    const base = mintSipCredentials('secret', '1001', 1_700_000_000_000).password;
    expect(mintSipCredentials('other', '1001', 1_700_000_000_000).password).not.toBe(base);
    expect(mintSipCredentials('secret', '1002', 1_700_000_000_000).password).not.toBe(base);
    expect(mintSipCredentials('secret', '1001', 1_700_000_001_000).password).not.toBe(base);
  });
});
