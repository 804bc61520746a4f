/**
 * The desk's transport rule: it talks to the central server (`http`) and the PBX (`ws`) over TLS,
 * except to this machine (the lab, a local proxy). Customer data and credentials never cross a
 * network in the clear.
 */
export type TransportKind = 'http' | 'ws';

/** Why the desk must not use `url` for `kind`, or null when it may. */
export function insecureTransportReason(url: string, kind: TransportKind): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
  if (parsed.protocol === `${kind}s:`) return null;
  if (parsed.protocol !== `${kind}:`) return `${url} is not a ${kind}s:// address`;
  if (isLoopback(parsed.hostname)) return null;
  return `${url} is not encrypted: use ${kind}s:// (${kind}:// is allowed only to this machine)`;
}

/** WHATWG URL has already canonicalised the host (127.1 and 0x7f.0.0.1 read 127.0.0.1; IPv6 in brackets). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
