import { callPayloadSchema, declinedOfferPayloadSchema, missedRingPayloadSchema } from '../../src/contract/sync';

/**
 * Where values read from SIP enter the desk. A caller (or any PBX) chooses its display name and
 * user part freely, and both end up in call records, notices and the agent's screen: so they are
 * made plain text here, once, to what every record that carries them allows. Nothing deeper in
 * the desk trusts SIP input.
 */

/** The strictest cap of the records that carry a field (zod's `.max` of each). */
function capOf(field: 'remoteNumber' | 'remoteDisplayName'): number {
  const caps = [callPayloadSchema, missedRingPayloadSchema, declinedOfferPayloadSchema].map((schema) => schema.shape[field].maxLength);
  return Math.min(...caps.map((cap) => cap ?? Infinity));
}

export const SIP_TEXT_CAPS = { displayName: capOf('remoteDisplayName'), userPart: capOf('remoteNumber') } as const;

/** Whitespace of any kind (tabs, line breaks, line separators…): one plain space for a run. */
const WHITESPACE = /\s+/gu;
/**
 * Control characters (C0, DEL, C1), lone surrogates, and the bidirectional controls that make
 * text display in another order than it reads (a name could pass for a different one).
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Plain text of at most `cap` UTF-16 units (what zod's `.max` counts), cut between code points so
 * no emoji is split: whitespace runs become one space, unprintable characters go, ends trimmed.
 * Idempotent.
 */
export function plainText(text: string, cap: number): string {
  const plain = text.replace(WHITESPACE, ' ').replace(UNPRINTABLE, '').replace(WHITESPACE, ' ').trim();
  if (plain.length <= cap) return plain;
  let cut = '';
  for (const codePoint of plain) {
    if (cut.length + codePoint.length > cap) break;
    cut += codePoint;
  }
  return cut.trimEnd();
}

/**
 * A display name as SIP.js hands it over: the inside of a quoted-string (SIP.js strips the quotes
 * but leaves the escapes) or a token. RFC 3261 25.1: `\` escapes the character after it. A token
 * cannot contain `\`, so unescaping is right for both.
 */
export function displayNameFromSip(raw: string | undefined): string {
  return plainText((raw ?? '').replace(/\\([\s\S])/g, '$1'), SIP_TEXT_CAPS.displayName);
}

/** The user part of a SIP URI (the caller's number, as SIP.js decoded it). */
export function userPartFromSip(raw: string | undefined): string {
  return plainText(raw ?? '', SIP_TEXT_CAPS.userPart);
}

/** The other party of a call, from the identity (From or To header) SIP.js parsed. */
export function remotePartyFromSip(identity: { displayName?: string | undefined; uri: { user?: string | undefined } }): { remoteNumber: string; remoteDisplayName: string } {
  return { remoteNumber: userPartFromSip(identity.uri.user), remoteDisplayName: displayNameFromSip(identity.displayName) };
}

/**
 * The other way: a display name of ours made fit for SIP.js, which puts it between double quotes
 * as it is. Plain text with `"` and `\` escaped is a valid quoted-string; unescaped, a `"` breaks
 * the From header and the PBX drops the request without an answer.
 */
export function displayNameForSip(text: string): string {
  return plainText(text, SIP_TEXT_CAPS.displayName).replace(/["\\]/g, (character) => `\\${character}`);
}
