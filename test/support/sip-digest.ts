import { createHash, randomBytes } from 'node:crypto';

/** A Digest challenge as SIP.js's parser returns it from WWW-/Proxy-Authenticate. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm?: string;
  qop?: string[];
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * The Authorization / Proxy-Authorization value answering `challenge` (RFC 2617, MD5, qop "auth"
 * when offered): what a client sends with auth_ephemeral credentials (server/sip-credentials.ts).
 */
export function digestAuthorization(params: {
  challenge: DigestChallenge;
  method: string;
  uri: string;
  username: string;
  password: string;
}): string {
  const { challenge, method, uri, username, password } = params;
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const fields = [`username="${username}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
  if (challenge.qop?.includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${challenge.nonce}:${ha2}`)}"`);
  }
  if (challenge.opaque !== undefined) fields.push(`opaque="${challenge.opaque}"`);
  return `Digest ${fields.join(', ')}`;
}
