import { createHash, randomBytes } from 'node:crypto';

/** A Digest challenge from a WWW-Authenticate or Proxy-Authenticate header. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  qop?: string[];
}

/** The challenge in a WWW-/Proxy-Authenticate value; undefined when it is not a Digest one. */
export function parseDigestChallenge(value: string | undefined): DigestChallenge | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(value ?? '');
  if (!match) return undefined;
  const params = new Map<string, string>();
  for (const [, key = '', quoted, token] of (match[1] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|([^,\s]+))/g)) {
    params.set(key.toLowerCase(), quoted ?? token ?? '');
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined) return undefined;
  const opaque = params.get('opaque');
  const qop = params.get('qop');
  return { realm, nonce, ...(opaque !== undefined ? { opaque } : {}), ...(qop !== undefined ? { qop: qop.split(',').map((q) => q.trim()) } : {}) };
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
