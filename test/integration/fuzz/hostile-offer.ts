import fc from 'fast-check';
import type { SipHeader } from '../../support/raw-sip-udp';

/**
 * One generated case of the SIP fuzz suite: an offer to an agent's desk as a hostile or merely
 * unusual caller would make it, and what the caller and the agent then do, in whatever order.
 * Everything the desk reads from SIP is in here: display name, user part, headers, body.
 */
export interface HostileOffer {
  /** UDP: raw SIP text (anything goes); ws: SIP.js, the stack of the caller page and of other desks. */
  transport: 'udp' | 'ws';
  fromUser: string;
  displayName: string;
  /**
   * How the display name is written: `quoted` escapes `"` and `\` (RFC 3261 quoted-string),
   * `unescaped` puts it between quotes as it is, `token` without quotes, `absent` leaves it out.
   */
  nameForm: 'quoted' | 'unescaped' | 'token' | 'absent';
  /** Extra header lines after the usual ones. */
  headers: SipHeader[];
  body: OfferBody;
  /** When the caller ACKs a 2xx: at once, only after its next request, never, or twice. */
  ack: 'auto' | 'late' | 'never' | 'twice';
  /** What happens after the offer went out, in order; the harness then ends whatever is left. */
  script: Step[];
}

export type OfferBody =
  /** A valid plain-RTP audio offer. */
  | { kind: 'sdp' }
  /** No body: the desk must make the offer in its 2xx (RFC 3261 delayed offer). */
  | { kind: 'none' }
  | { kind: 'text'; contentType: string; text: string };

export type Step =
  | { actor: 'caller'; action: 'cancel' | 'bye' | 'info' | 'update' }
  | { actor: 'caller'; action: 'reinvite'; body: OfferBody }
  | { actor: 'agent'; action: 'answer' | 'reject' | 'hangup' | 'hold' | 'resume' };

/** A short comment the failure report shows instead of kilobytes of generated text. */
export function describeOffer(offer: HostileOffer): string {
  const name = offer.displayName.length > 60 ? `${JSON.stringify(offer.displayName.slice(0, 60))}… (${offer.displayName.length} chars)` : JSON.stringify(offer.displayName);
  const steps = offer.script.map((step) => `${step.actor}:${step.action}`).join(' → ');
  return `${offer.transport} from ${offer.fromUser.slice(0, 40)}${offer.fromUser.length > 40 ? '…' : ''} name ${offer.nameForm} ${name}, ${offer.headers.length} extra headers, body ${offer.body.kind}, ack ${offer.ack}: ${steps}`;
}

// Any domain will do in headers the desk only reads.
const DOMAIN = 'seatdesk.lab';

// Pieces that break naive parsers and renderers: quotes and escapes, SIP separators, line breaks
// and other controls, bidirectional overrides, a lone surrogate, CJK, emoji (with joiners and flags).
const awkward = fc.constantFrom('"', '\\', '\\"', '""', "'", '<', '>', ';', ',', ':', '@', '=', '%22', '%0D%0A', ' ', '   ', '\t');
const control = fc.constantFrom('\r', '\n', '\r\n', '\r\n ', '\0', '\u0007', '\u007f', '\u0085', '\u2028', '\u202e', '\u200f', '\ufeff', '\ud800');
const human = fc.constantFrom('张三', '李四', '王小明', '客户', '投诉', '😀', '👩‍👩‍👧', '🇨🇳', 'Zoë', 'Ω', 'Müller');
// Line breaks and NUL rarely reach a desk (the PBX refuses or drops the request): rarer here.
const piece = fc.oneof(
  { weight: 12, arbitrary: awkward },
  { weight: 1, arbitrary: control },
  { weight: 9, arbitrary: human },
  { weight: 9, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
  { weight: 12, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
);

/** Text of 0-2,000 characters built from those pieces: short mostly, sometimes very long. */
export const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 100, max: 2_000 }))
      .map(([pieces, length]) => pieces.join('').repeat(Math.ceil(length / Math.max(1, pieces.join('').length))).slice(0, length)),
  },
);

/** Token-safe text (RFC 3261 display-name as *(token LWS)), for the unquoted form. */
const tokenText = fc.stringMatching(/^[A-Za-z0-9.!%*_+`'~-]{1,20}( [A-Za-z0-9.!%*_+`'~-]{1,20}){0,3}$/);

/**
 * A user part the PBX authenticates: phone numbers mostly, some very long, some with URI escapes,
 * and now and then an unescaped `#` (a dial string), which the desk's SIP stack cannot parse: it
 * never answers that offer, and the caller waits for the PBX's 408 (5 s).
 */
const udpUser = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^1[3-9]\d{9}$/) },
  { weight: 4, arbitrary: fc.integer({ min: 20, max: 300 }).map((length) => '8'.repeat(length)) },
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9+*._~!'()&=$,;?/-]{1,24}$/) },
  { weight: 2, arbitrary: fc.constantFrom('%22quoted%22', 'line%0D%0Abreak', 'nul%00x', '%E5%BC%A0%E4%B8%89', 'anonymous', '+8613800138000') },
  { weight: 1, arbitrary: fc.constantFrom('*86#', '10086#1') },
);
/** SIP.js must parse the caller's own URI: plain characters only. */
const wsUser = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^1[3-9]\d{9}$/) },
  { weight: 2, arbitrary: fc.integer({ min: 20, max: 300 }).map((length) => '6'.repeat(length)) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/) },
);

const headerValue = hostileText.map((text) => text.replace(/[\r\n]/g, ' '));
/** RFC 3261 quoted-string: `"` and `\` escaped. */
export const escapeQuoted = (text: string) => text.replace(/["\\]/g, (character) => `\\${character}`);
const quotedName = (text: string) => `"${escapeQuoted(text)}"`;

/** Headers the desk may read or trip over. Singleton headers the PBX itself refuses to relay when duplicated (From, To, Call-ID, CSeq, Max-Forwards) are not here: those never reach a desk. */
const extraHeader: fc.Arbitrary<SipHeader> = fc.oneof(
  fc
    .tuple(fc.constantFrom('P-Asserted-Identity', 'Remote-Party-ID', 'Diversion', 'Referred-By'), hostileText, udpUser)
    .map(([name, text, user]): SipHeader => [name, `${quotedName(text)} <sip:${user}@${DOMAIN}>`]),
  fc.tuple(fc.constantFrom('Subject', 'User-Agent', 'Organization', 'X-Customer-Name', 'x-lower-case'), headerValue).map(([name, value]): SipHeader => [name, value]),
  fc.constantFrom<SipHeader>(
    ['Require', '100rel'],
    ['Require', 'no-such-extension'],
    ['Supported', 'replaces, timer, 100rel'],
    ['Session-Expires', '1'],
    ['Session-Expires', '90;refresher=uac'],
    ['Alert-Info', '<http://127.0.0.1:9/ring>;info=alert-autoanswer'],
    ['Call-Info', '<sip:127.0.0.1>;answer-after=0'],
    ['Priority', 'emergency'],
    ['Replaces', 'no-such-call@127.0.0.1;to-tag=a;from-tag=b'],
    ['Content-Encoding', 'gzip'],
    ['Accept', 'text/html'],
    ['Allow', ''],
    ['Contact', '<sip:someone-else@127.0.0.1:9>'],
    ['Expires', '-1'],
    ['Expires', '4294967296'],
  ),
  headerValue.map((value): SipHeader => ['X-Injected', `${value}\r\nX-Evil: 1`]),
  fc.integer({ min: 500, max: 8_000 }).map((length): SipHeader => ['X-Long', 'y'.repeat(length)]),
);

const validSdp = 'v=0\r\no=- 20518 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40600 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n';

/** SDP that is wrong in the ways real offers are: no audio, no codecs, cut short, binary, huge. */
const malformedSdp = fc.oneof(
  hostileText,
  fc.constant(validSdp.replace('m=audio 40600 RTP/AVP 0 101', 'm=video 40600 RTP/AVP 96')),
  fc.constant(validSdp.replace('m=audio 40600', 'm=audio 0')),
  fc.constant(validSdp.replace(/\r\n/g, '\n')),
  fc.constant(validSdp.slice(0, 40)),
  fc.constant('v=0\r\nm=audio 40600 RTP/AVP 96\r\n'),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => `${validSdp}a=x-junk:${'z'.repeat(length)}\r\n`),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

const offerBody: fc.Arbitrary<OfferBody> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<OfferBody>({ kind: 'sdp' }) },
  { weight: 1, arbitrary: fc.constant<OfferBody>({ kind: 'none' }) },
  { weight: 2, arbitrary: malformedSdp.map((text): OfferBody => ({ kind: 'text', contentType: 'application/sdp', text })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('text/plain', 'multipart/mixed;boundary=x', 'application/sdp;charset=utf-16', 'APPLICATION/SDP', 'application/json'), fc.constantFrom(validSdp, '{"sdp":1}', ''))
      .map(([contentType, text]): OfferBody => ({ kind: 'text', contentType, text })),
  },
);

export function bodyText(body: OfferBody): { contentType: string; text: string } | null {
  if (body.kind === 'none') return null;
  if (body.kind === 'sdp') return { contentType: 'application/sdp', text: validSdp };
  return body;
}

const agentStep = fc.constantFrom<Step>(
  { actor: 'agent', action: 'answer' },
  { actor: 'agent', action: 'reject' },
  { actor: 'agent', action: 'hangup' },
  { actor: 'agent', action: 'hold' },
  { actor: 'agent', action: 'resume' },
);
const callerStep = fc.oneof(
  fc.constantFrom<Step>({ actor: 'caller', action: 'cancel' }, { actor: 'caller', action: 'bye' }, { actor: 'caller', action: 'info' }, { actor: 'caller', action: 'update' }),
  offerBody.map((body): Step => ({ actor: 'caller', action: 'reinvite', body })),
);

/** The usual lives of a call, and any order at all of the same steps. */
const script = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Step[]>(
      [{ actor: 'caller', action: 'cancel' }],
      [{ actor: 'agent', action: 'reject' }],
      [{ actor: 'agent', action: 'answer' }, { actor: 'caller', action: 'bye' }],
      [{ actor: 'agent', action: 'answer' }, { actor: 'agent', action: 'hangup' }],
      [{ actor: 'agent', action: 'answer' }, { actor: 'agent', action: 'hold' }, { actor: 'agent', action: 'resume' }, { actor: 'caller', action: 'bye' }],
    ),
  },
  { weight: 4, arbitrary: fc.array(fc.oneof(agentStep, callerStep), { minLength: 1, maxLength: 5 }) },
);

const common = {
  displayName: hostileText,
  headers: fc.array(extraHeader, { maxLength: 4 }),
  body: offerBody,
  script,
};

export const udpOffer: fc.Arbitrary<HostileOffer> = fc.record({
  transport: fc.constant('udp' as const),
  fromUser: udpUser,
  nameForm: fc.constantFrom('quoted', 'quoted', 'quoted', 'unescaped', 'token', 'absent'),
  ack: fc.constantFrom('auto', 'auto', 'auto', 'late', 'never', 'twice'),
  ...common,
});

/**
 * SIP.js writes the request: it always quotes a display name as it is, and ACKs by itself. An
 * unescaped `"` breaks its From header; the PBX answers 400 with that From in it, which SIP.js
 * cannot read back, so the caller would only time out: raw quotes go over UDP, where they are read.
 */
export const wsOffer: fc.Arbitrary<HostileOffer> = fc.record({
  transport: fc.constant('ws' as const),
  fromUser: wsUser,
  nameForm: fc.constantFrom('quoted', 'quoted', 'quoted', 'absent'),
  ack: fc.constant('auto' as const),
  ...common,
});

/** Either transport; token display names need token text. */
export const hostileOffer: fc.Arbitrary<HostileOffer> = fc
  .oneof(udpOffer, wsOffer)
  .chain((offer) => (offer.nameForm === 'token' ? tokenText.map((displayName) => ({ ...offer, displayName })) : fc.constant(offer)));

/** The From header value for the offer's name form (the tag is added by the caller). */
export function fromNameAddr(offer: HostileOffer, domain: string): string {
  const uri = `<sip:${offer.fromUser}@${domain}>`;
  switch (offer.nameForm) {
    case 'quoted':
      return `${quotedName(offer.displayName)} ${uri}`;
    case 'unescaped':
      return `"${offer.displayName}" ${uri}`;
    case 'token':
      return `${offer.displayName} ${uri}`;
    case 'absent':
      return uri;
  }
}
