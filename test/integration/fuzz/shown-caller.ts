import type { CallView } from '../../../src/contract/desk';
import type { HostileOffer } from './hostile-offer';

/** What the call records hold (src/contract/sync.ts): the agent is shown at most this. */
const NAME_CAP = 128;
const NUMBER_CAP = 64;

/**
 * Nothing a desk may show: controls, lone surrogates, line and paragraph separators, and the
 * bidirectional controls that make a name read as another. (Joiners stay: emoji are made of them.)
 */
const UNSHOWABLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Text that needs no normalising: printable, single ASCII spaces between words. Whatever a PBX
 * may legally send of it (a quoted-string with escapes, a token, UTF-8) the agent must see as is.
 */
function isPlain(text: string): boolean {
  return !UNSHOWABLE.test(text) && !/\s\s|^\s|\s$|[^\S ]/u.test(text);
}

/**
 * How the ringing call names the caller, checked against the offer: always safe to show (capped,
 * nothing unshowable), and for a display name or number that needed no normalising, exactly it
 * (cut, where too long, at what the records hold). Returns what is wrong, or null.
 */
export function wrongCallerShown(offer: HostileOffer, call: CallView): string | null {
  const name = call.remoteDisplayName;
  const number = call.remoteNumber;
  if (name.length > NAME_CAP || UNSHOWABLE.test(name)) return `the display name is shown unsafe: ${JSON.stringify(name)}`;
  if (number.length > NUMBER_CAP || UNSHOWABLE.test(number)) return `the number is shown unsafe: ${JSON.stringify(number)}`;

  const legalName = offer.nameForm === 'quoted' || offer.nameForm === 'token' ? offer.displayName : offer.nameForm === 'absent' ? '' : null;
  if (legalName !== null && isPlain(legalName) && !fits(legalName, name, NAME_CAP)) {
    return `the display name ${JSON.stringify(legalName)} is shown as ${JSON.stringify(name)}`;
  }
  if (/^\+?\d+$/.test(offer.fromUser) && !fits(offer.fromUser, number, NUMBER_CAP)) {
    return `the number ${offer.fromUser} is shown as ${JSON.stringify(number)}`;
  }
  return null;
}

/** `shown` is `sent`, or where `sent` is longer than `cap`, its start (cut between code points, trailing space dropped). */
function fits(sent: string, shown: string, cap: number): boolean {
  if (sent.length <= cap) return shown === sent;
  // At most two units short: an emoji that would not fit, then a space before it.
  return shown.length <= cap && shown.length >= cap - 2 && sent.startsWith(shown);
}
