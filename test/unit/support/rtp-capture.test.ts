import { describe, expect, it } from 'vitest';
import {
  declaredSsrcs,
  rtpHeader,
  rtpHeadersFromPcap,
  rtpTimestampAfter,
  telephoneEventPayloadTypes,
  telephoneEvents,
  udpPayloadsFromPcap,
  type RtpHeader,
} from '../../support/rtp-capture';

// Hand-built captures, byte by byte, the way tcpdump writes them on Linux loopback.

function rtp(header: Partial<RtpHeader> & { payloadType: number }): Uint8Array {
  const bytes = new Uint8Array(12 + 4); // + a stand-in for the encrypted payload
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x80; // version 2, no padding, no extension, no CSRC
  bytes[1] = (header.marker ? 0x80 : 0) | header.payloadType;
  view.setUint16(2, header.sequenceNumber ?? 0);
  view.setUint32(4, header.timestamp ?? 0);
  view.setUint32(8, header.ssrc ?? 0);
  return bytes;
}

function udp(payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + payload.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 40000);
  view.setUint16(2, 40002);
  view.setUint16(4, bytes.byteLength);
  bytes.set(payload, 8);
  return bytes;
}

function ipv4(segment: Uint8Array, protocol = 17): Uint8Array {
  const bytes = new Uint8Array(20 + segment.byteLength);
  bytes[0] = 0x45;
  new DataView(bytes.buffer).setUint16(2, bytes.byteLength);
  bytes[8] = 64;
  bytes[9] = protocol;
  bytes.set([127, 0, 0, 1, 127, 0, 0, 1], 12);
  bytes.set(segment, 20);
  return bytes;
}

function ipv6(segment: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(40 + segment.byteLength);
  bytes[0] = 0x60;
  new DataView(bytes.buffer).setUint16(4, segment.byteLength);
  bytes[6] = 17;
  bytes[7] = 64;
  bytes[23] = 1; // ::1
  bytes[39] = 1;
  bytes.set(segment, 40);
  return bytes;
}

function ethernet(packet: Uint8Array, etherType: number): Uint8Array {
  const bytes = new Uint8Array(14 + packet.byteLength); // zeroed MACs, as on lo
  new DataView(bytes.buffer).setUint16(12, etherType);
  bytes.set(packet, 14);
  return bytes;
}

function pcap(frames: Uint8Array[], { littleEndian = true, linkType = 1 } = {}): Uint8Array {
  const size = 24 + frames.reduce((sum, frame) => sum + 16 + frame.byteLength, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2c3d4, littleEndian);
  view.setUint16(4, 2, littleEndian);
  view.setUint16(6, 4, littleEndian);
  view.setUint32(16, 262144, littleEndian);
  view.setUint32(20, linkType, littleEndian);
  let offset = 24;
  for (const [index, frame] of frames.entries()) {
    view.setUint32(offset, 1_700_000_000 + index, littleEndian);
    view.setUint32(offset + 8, frame.byteLength, littleEndian);
    view.setUint32(offset + 12, frame.byteLength, littleEndian);
    bytes.set(frame, offset + 16);
    offset += 16 + frame.byteLength;
  }
  return bytes;
}

const overIpv4 = (payload: Uint8Array) => ethernet(ipv4(udp(payload)), 0x0800);

describe('reading RTP headers out of a pcap file', () => {
  it('finds the UDP payloads over IPv4 and IPv6, in capture order, in either byte order', () => {
    const frames = [overIpv4(new Uint8Array([1, 2, 3])), ethernet(ipv6(udp(new Uint8Array([4, 5]))), 0x86dd)];
    const expected = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    expect(udpPayloadsFromPcap(pcap(frames))).toEqual(expected);
    expect(udpPayloadsFromPcap(pcap(frames, { littleEndian: false }))).toEqual(expected);
  });

  it('skips what is not UDP, and reads Linux cooked captures (-i any)', () => {
    const tcp = ethernet(ipv4(udp(new Uint8Array([9])), 6), 0x0800);
    const arp = ethernet(new Uint8Array(28), 0x0806);
    expect(udpPayloadsFromPcap(pcap([tcp, arp, overIpv4(new Uint8Array([7]))]))).toEqual([new Uint8Array([7])]);

    const cooked = new Uint8Array(16 + 20 + 9);
    new DataView(cooked.buffer).setUint16(14, 0x0800);
    cooked.set(ipv4(udp(new Uint8Array([8]))), 16);
    expect(udpPayloadsFromPcap(pcap([cooked], { linkType: 113 }))).toEqual([new Uint8Array([8])]);
  });

  it('refuses what it cannot read rather than finding nothing', () => {
    expect(() => udpPayloadsFromPcap(new Uint8Array(24))).toThrow(/not a classic pcap/);
    expect(() => udpPayloadsFromPcap(pcap([], { linkType: 228 }))).toThrow(/link type 228/);
  });

  it('reads the clear-text RTP header fields', () => {
    const headers = rtpHeadersFromPcap(pcap([overIpv4(rtp({ marker: true, payloadType: 110, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef }))]));
    expect(headers).toEqual([{ marker: true, payloadType: 110, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef }]);
  });

  it('tells RTP from RTCP, STUN, DTLS and SIP on the same port (RFC 7983)', () => {
    const rtcpSenderReport = rtp({ payloadType: 0 });
    rtcpSenderReport[1] = 200;
    const stun = new Uint8Array(20); // binding request: type 0x0001
    stun[1] = 1;
    const dtls = new Uint8Array(13);
    dtls[0] = 22; // handshake
    const sip = new TextEncoder().encode('INVITE sip:1004@lab SIP/2.0\r\n');
    for (const datagram of [rtcpSenderReport, stun, dtls, sip]) expect(rtpHeader(datagram)).toBeNull();
    expect(rtpHeader(rtp({ payloadType: 111 }))?.payloadType).toBe(111);
    expect(rtpHeader(rtp({ payloadType: 111, marker: true }))?.marker).toBe(true);
  });
});

describe('the SDP facts a capture is read with', () => {
  const sdp = [
    'v=0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:110 telephone-event/48000',
    'a=rtpmap:126 telephone-event/8000',
    'a=ssrc:2864129482 cname:abc',
    'a=ssrc:2864129482 msid:- track',
    '',
  ].join('\r\n');

  it('finds the telephone-event payload types and the sender SSRCs', () => {
    expect(telephoneEventPayloadTypes(sdp)).toEqual([110, 126]);
    expect(declaredSsrcs(sdp)).toEqual([2864129482]);
    expect(declaredSsrcs('v=0\r\n')).toEqual([]);
  });
});

describe('RFC 4733 events', () => {
  const ssrc = 1;
  const audio = (sequenceNumber: number, timestamp: number): RtpHeader => ({ marker: false, payloadType: 111, sequenceNumber, timestamp, ssrc });
  const tone = (sequenceNumber: number, timestamp: number, marker = false): RtpHeader => ({ marker, payloadType: 110, sequenceNumber, timestamp, ssrc });

  it('groups telephone-event packets by timestamp, in the order the events began', () => {
    const packets = [audio(1, 0), tone(2, 960, true), tone(3, 960), tone(4, 960), audio(5, 5760), tone(6, 8000, true), tone(7, 8000), audio(8, 9000)];
    const events = telephoneEvents(packets, [110, 126]);
    expect(events.map((event) => event.timestamp)).toEqual([960, 8000]);
    expect(events.map((event) => event.packets.map((packet) => packet.sequenceNumber))).toEqual([[2, 3, 4], [6, 7]]);
  });

  it('finds no event in plain audio', () => {
    expect(telephoneEvents([audio(1, 0), audio(2, 960), audio(3, 1920)], [110, 126])).toEqual([]);
  });

  it('orders RTP timestamps across the 32-bit wrap', () => {
    expect(rtpTimestampAfter(10, 5)).toBe(true);
    expect(rtpTimestampAfter(5, 10)).toBe(false);
    expect(rtpTimestampAfter(5, 5)).toBe(false);
    expect(rtpTimestampAfter(100, 0xffffff00)).toBe(true);
  });
});
