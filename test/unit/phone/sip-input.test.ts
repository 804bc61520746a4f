import fc from 'fast-check';
import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { callPayloadSchema } from '../../../src/contract/sync';
import { displayNameForSip, displayNameFromSip, plainText, remotePartyFromSip, SIP_TEXT_CAPS, userPartFromSip } from '../../../main/phone/sip-input';

/** Strings of any code points, controls, quotes, backslashes, CJK and emoji well represented. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '\r', '\n', '\t', '\u0000', '\u0007', '\u007f', '\u0085', '\u202e', '\u2028', '\ud800', ' ', '张', '三', '😀', '👨‍👩‍👧', 'a', '<', '>'),
    // Any code point, lone surrogates included; and printable ASCII.
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 2_500,
});

const UNPRINTABLE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** What SIP.js makes of a From header carrying this display name as a quoted-string. */
function parsedDisplayName(quotedContent: string): string | undefined {
  const header = Grammar.nameAddrHeaderParse(`"${quotedContent}" <sip:13812345678@seatdesk.lab>;tag=x`);
  return header?.displayName;
}

describe('the SIP text caps', () => {
  it('are what the call record allows', () => {
    expect(SIP_TEXT_CAPS).toEqual({ displayName: 128, userPart: 64 });
    expect(callPayloadSchema.shape.remoteDisplayName.maxLength).toBe(SIP_TEXT_CAPS.displayName);
  });
});

describe('displayNameFromSip', () => {
  it('unescapes a quoted-string as SIP.js hands it over (RFC 3261 quoted-pair)', () => {
    expect(displayNameFromSip(parsedDisplayName('王\\"老板\\" \\\\ 客服'))).toBe('王"老板" \\ 客服');
    expect(displayNameFromSip('\\a\\b')).toBe('ab');
  });

  it('keeps CJK and emoji, and makes controls, line breaks and bidi overrides plain', () => {
    expect(displayNameFromSip('张三 😀 👨‍👩‍👧')).toBe('张三 😀 👨‍👩‍👧');
    expect(displayNameFromSip('evil\r\nX-Injected: 1')).toBe('evil X-Injected: 1');
    expect(displayNameFromSip('a\\\u0001b\u0000c\u007f')).toBe('abc');
    expect(displayNameFromSip('\u202eKCAB\u202c 客服')).toBe('KCAB 客服');
    expect(displayNameFromSip(undefined)).toBe('');
  });

  it('caps a long name to what the record allows, never splitting an emoji', () => {
    expect(displayNameFromSip('x'.repeat(2_000))).toBe('x'.repeat(128));
    expect(displayNameFromSip(`${'x'.repeat(127)}😀`)).toBe('x'.repeat(127));
    expect(displayNameFromSip('😀'.repeat(100))).toBe('😀'.repeat(64));
  });

  it('always gives a name a call record takes: within the cap, no controls, no lone surrogates', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const name = displayNameFromSip(raw);
        expect(name.length).toBeLessThanOrEqual(SIP_TEXT_CAPS.displayName);
        expect(name).not.toMatch(UNPRINTABLE);
        expect(name).toBe(name.trim());
        expect(callPayloadSchema.shape.remoteDisplayName.safeParse(name).success).toBe(true);
      }),
    );
  });
});

describe('plainText', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(hostileText, fc.integer({ min: 0, max: 200 }), (text, cap) => plainText(plainText(text, cap), cap) === plainText(text, cap)));
  });
});

describe('userPartFromSip', () => {
  it('caps a long user part and drops controls', () => {
    expect(userPartFromSip('1'.repeat(500))).toBe('1'.repeat(64));
    expect(userPartFromSip('138\u0000\r\n1234')).toBe('138 1234');
    expect(remotePartyFromSip({ displayName: '\\"李四\\"', uri: { user: '13900000001' } })).toEqual({ remoteNumber: '13900000001', remoteDisplayName: '"李四"' });
  });
});

describe('displayNameForSip', () => {
  it('makes a name with quotes and backslashes a quoted-string SIP.js parses back to the same text', () => {
    expect(displayNameForSip('王"老板" \\ 客服')).toBe('王\\"老板\\" \\\\ 客服');
    fc.assert(
      fc.property(hostileText, (text) => {
        const parsed = parsedDisplayName(displayNameForSip(text));
        expect(parsed).toBeDefined();
        expect(displayNameFromSip(parsed)).toBe(plainText(text, SIP_TEXT_CAPS.displayName));
      }),
    );
  });
});
