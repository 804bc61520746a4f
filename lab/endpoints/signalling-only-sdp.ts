import { randomBytes } from 'node:crypto';

/**
 * SDP for an endpoint that takes part in the signalling but sends and receives no media. A
 * browser (WebRTC) only accepts an answer with ICE credentials, a DTLS fingerprint and rtcp-mux, so
 * a WebRTC offer gets an answer that looks like one; its ICE checks then simply never succeed.
 * Plain RTP offers (Node user agents, sipp) get a plain RTP answer.
 */

/** The audio port written in the SDP; nothing listens on it. */
const AUDIO_PORT = 49_170;

export interface SdpOrigin {
  sessionId: string;
  version: number;
}

/** ICE and DTLS identity of one endpoint session: fixed for its lifetime, as ICE restarts need. */
export interface FakeTransportIdentity {
  iceUfrag: string;
  icePwd: string;
  fingerprint: string;
}

export function newFakeTransportIdentity(): FakeTransportIdentity {
  const hex = [...randomBytes(32)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase());
  return {
    iceUfrag: randomBytes(6).toString('base64url'),
    icePwd: randomBytes(18).toString('base64url'),
    fingerprint: `sha-256 ${hex.join(':')}`,
  };
}

/** Our offer, for a call this endpoint places (plain RTP, PCMU and telephone-event). */
export function signallingOnlyOffer(origin: SdpOrigin): string {
  return lines([
    ...sessionHeader(origin),
    `m=audio ${AUDIO_PORT} RTP/AVP 0 101`,
    'c=IN IP4 127.0.0.1',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-15',
    'a=sendrecv',
  ]);
}

/** An answer to `offer`'s first audio stream: its codec (PCMU when offered), its telephone-event, the mirrored direction. */
export function signallingOnlyAnswer(offer: string, origin: SdpOrigin, identity: FakeTransportIdentity): string {
  const media = /^m=audio \d+ (\S+) ([\d ]+)$/m.exec(offer);
  if (!media?.[1] || !media[2]) throw new Error('the offer has no audio stream');
  const [profile, payloadList] = [media[1], media[2]];
  const offered = payloadList.trim().split(/\s+/);
  const rtpmaps = new Map([...offer.matchAll(/^a=rtpmap:(\d+) (.+)$/gm)].map((match) => [match[1] ?? '', match[2]?.trim() ?? '']));
  const telephoneEvent = offered.find((pt) => /^telephone-event\/8000$/i.test(rtpmaps.get(pt) ?? ''));
  const audio = offered.find((pt) => pt === '0') ?? offered.find((pt) => pt !== telephoneEvent);
  if (audio === undefined) throw new Error('the offer has no audio codec');
  const payloads = telephoneEvent === undefined ? [audio] : [audio, telephoneEvent];
  const codecLines = payloads.flatMap((pt) => {
    const rtpmap = rtpmaps.get(pt) ?? (pt === '0' ? 'PCMU/8000' : undefined);
    return [...(rtpmap ? [`a=rtpmap:${pt} ${rtpmap}`] : []), ...(pt === telephoneEvent ? [`a=fmtp:${pt} 0-15`] : [])];
  });
  const direction = answerDirection(offer);

  if (!profile.includes('SAVPF')) {
    return lines([...sessionHeader(origin), `m=audio ${AUDIO_PORT} ${profile} ${payloads.join(' ')}`, 'c=IN IP4 127.0.0.1', ...codecLines, `a=${direction}`]);
  }
  const mid = /^a=mid:(\S+)$/m.exec(offer)?.[1];
  const bundled = mid !== undefined && /^a=group:BUNDLE /m.test(offer);
  return lines([
    ...sessionHeader(origin),
    ...(bundled ? [`a=group:BUNDLE ${mid}`] : []),
    `m=audio ${AUDIO_PORT} ${profile} ${payloads.join(' ')}`,
    'c=IN IP4 127.0.0.1',
    `a=ice-ufrag:${identity.iceUfrag}`,
    `a=ice-pwd:${identity.icePwd}`,
    `a=fingerprint:${identity.fingerprint}`,
    // The answerer may pick its DTLS role; "active" means the offerer waits for us (forever).
    'a=setup:active',
    ...(mid !== undefined ? [`a=mid:${mid}`] : []),
    `a=${direction}`,
    'a=rtcp-mux',
    ...codecLines,
    `a=candidate:1 1 udp 2113937151 127.0.0.1 ${AUDIO_PORT} typ host`,
    'a=end-of-candidates',
  ]);
}

function answerDirection(offer: string): string {
  const direction = /^a=(sendrecv|sendonly|recvonly|inactive)$/m.exec(offer)?.[1] ?? 'sendrecv';
  return { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' }[direction] ?? 'sendrecv';
}

function sessionHeader(origin: SdpOrigin): string[] {
  return ['v=0', `o=- ${origin.sessionId} ${origin.version} IN IP4 127.0.0.1`, 's=-', 't=0 0'];
}

function lines(sdp: string[]): string {
  return `${sdp.join('\r\n')}\r\n`;
}
