import { spawn } from 'node:child_process';

/**
 * RTP as seen on the wire, for tests that must prove what a peer sends (browsers do not expose
 * received RFC 4733 events). `tcpdump` captures the loopback interface into a pcap file; the
 * small parser below reads it back. Media is DTLS-SRTP, so only RTP headers can be read: the
 * payloads (audio, and which digit a telephone-event carries) stay encrypted.
 */

// ---- capturing ------------------------------------------------------------------------------

export interface PacketCapture {
  /** Stops tcpdump (SIGINT, so it flushes the file) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `tcpdump -i <iface> -U -w <file> udp` and resolves once it reports it is listening, so
 * nothing sent afterwards is missed. Needs root (or CAP_NET_RAW); tcpdump's own message says why
 * when it cannot capture.
 */
export function startPacketCapture(file: string, iface = 'lo', listenTimeoutMs = 10_000): Promise<PacketCapture> {
  // -U: write each packet at once; -Z root: keep root, so tcpdump can write into our 0700 temp dir.
  const tcpdump = spawn('tcpdump', ['-i', iface, '-U', '-Z', 'root', '-w', file, 'udp'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<void>((resolve) => tcpdump.once('exit', () => resolve()));
  const capture: PacketCapture = {
    async stop() {
      if (tcpdump.exitCode === null && tcpdump.signalCode === null) tcpdump.kill('SIGINT');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let listening = false;
    const fail = (why: string) => {
      if (listening) return;
      clearTimeout(timer);
      tcpdump.kill('SIGKILL');
      reject(new Error(`tcpdump did not start capturing on ${iface}: ${why}\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no "listening on" within ${listenTimeoutMs} ms`), listenTimeoutMs);
    tcpdump.stderr.setEncoding('utf8');
    tcpdump.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (!listening && stderr.includes(`listening on ${iface}`)) {
        listening = true;
        clearTimeout(timer);
        resolve(capture);
      }
    });
    tcpdump.once('error', (error) => fail(error.message));
    tcpdump.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
  });
}

// ---- pcap -> UDP payloads -------------------------------------------------------------------

const LINKTYPE_ETHERNET = 1; // what `-i lo` gives on Linux (zeroed MAC addresses)
const LINKTYPE_LINUX_SLL = 113; // what `-i any` gives
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const IP_PROTOCOL_UDP = 17;

/** The UDP payloads of a classic pcap file (not pcapng), in capture order. IPv4 and IPv6. */
export function udpPayloadsFromPcap(pcap: Uint8Array): Uint8Array[] {
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  if (pcap.byteLength < 24) throw new Error('not a pcap file: shorter than its header');
  const magic = view.getUint32(0, true);
  // Either byte order; microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps alike.
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!littleEndian && magic !== 0xd4c3b2a1 && magic !== 0x4d3cb2a1) throw new Error(`not a classic pcap file (magic 0x${magic.toString(16)})`);
  const linkType = view.getUint32(20, littleEndian) & 0xffff;
  if (linkType !== LINKTYPE_ETHERNET && linkType !== LINKTYPE_LINUX_SLL) throw new Error(`unsupported pcap link type ${linkType}`);

  const payloads: Uint8Array[] = [];
  for (let offset = 24; offset + 16 <= pcap.byteLength; ) {
    const capturedLength = view.getUint32(offset + 8, littleEndian);
    const frame = pcap.subarray(offset + 16, offset + 16 + capturedLength);
    offset += 16 + capturedLength;
    const payload = udpPayloadOfFrame(frame, linkType);
    if (payload) payloads.push(payload);
  }
  return payloads;
}

function udpPayloadOfFrame(frame: Uint8Array, linkType: number): Uint8Array | null {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const linkHeaderLength = linkType === LINKTYPE_ETHERNET ? 14 : 16;
  if (frame.byteLength < linkHeaderLength) return null;
  const etherType = view.getUint16(linkHeaderLength - 2);
  const ip = frame.subarray(linkHeaderLength);
  if (etherType === ETHERTYPE_IPV4) return udpPayloadOfIpv4(ip);
  if (etherType === ETHERTYPE_IPV6) return udpPayloadOfIpv6(ip);
  return null;
}

function udpPayloadOfIpv4(ip: Uint8Array): Uint8Array | null {
  if (ip.byteLength < 20 || ip[0]! >> 4 !== 4 || ip[9] !== IP_PROTOCOL_UDP) return null;
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  // A later fragment carries no UDP header; RTP is far below the MTU and never fragments.
  if ((view.getUint16(6) & 0x1fff) !== 0) return null;
  return udpPayload(ip.subarray((ip[0]! & 0x0f) * 4));
}

/** Only UDP directly after the fixed header: loopback media never carries extension headers. */
function udpPayloadOfIpv6(ip: Uint8Array): Uint8Array | null {
  if (ip.byteLength < 40 || ip[0]! >> 4 !== 6 || ip[6] !== IP_PROTOCOL_UDP) return null;
  return udpPayload(ip.subarray(40));
}

function udpPayload(udp: Uint8Array): Uint8Array | null {
  if (udp.byteLength < 8) return null;
  const length = new DataView(udp.buffer, udp.byteOffset, udp.byteLength).getUint16(4);
  return udp.subarray(8, Math.min(length, udp.byteLength));
}

// ---- UDP payload -> RTP header --------------------------------------------------------------

export interface RtpHeader {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/**
 * The RTP header of a datagram, or null for anything else sharing the ICE 5-tuple (RFC 7983):
 * STUN (first byte 0–3), DTLS (20–63), RTCP (payload type 200–204, i.e. 72–76 without the marker
 * bit; RFC 5761 reserves 64–95), and non-media UDP such as SIP.
 */
export function rtpHeader(datagram: Uint8Array): RtpHeader | null {
  if (datagram.byteLength < 12) return null;
  const first = datagram[0]!;
  const second = datagram[1]!;
  if (first < 128 || first > 191) return null;
  const payloadType = second & 0x7f;
  if (payloadType >= 64 && payloadType <= 95) return null;
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  return { marker: (second & 0x80) !== 0, payloadType, sequenceNumber: view.getUint16(2), timestamp: view.getUint32(4), ssrc: view.getUint32(8) };
}

/** Every RTP header in a pcap file, in capture order. */
export function rtpHeadersFromPcap(pcap: Uint8Array): RtpHeader[] {
  return udpPayloadsFromPcap(pcap)
    .map(rtpHeader)
    .filter((header) => header !== null);
}

// ---- SDP ------------------------------------------------------------------------------------

/** The payload types mapped to `telephone-event/<rate>` (Chromium offers one per clock rate). */
export function telephoneEventPayloadTypes(sdp: string): number[] {
  return [...sdp.matchAll(/^a=rtpmap:(\d+) telephone-event\/\d+/gim)].map((match) => Number(match[1]));
}

/** The SSRCs an SDP declares (`a=ssrc:<ssrc> …`): what its author sends from. */
export function declaredSsrcs(sdp: string): number[] {
  return [...new Set([...sdp.matchAll(/^a=ssrc:(\d+) /gm)].map((match) => Number(match[1])))];
}

// ---- RFC 4733 events ------------------------------------------------------------------------

/** One RFC 4733 event: every packet of it carries the timestamp of the event's start. */
export interface TelephoneEvent {
  timestamp: number;
  /** In capture order: the first one should carry the marker bit, the end is sent three times. */
  packets: RtpHeader[];
}

/** Groups the telephone-event packets of `packets` by RTP timestamp, in order of first sight. */
export function telephoneEvents(packets: readonly RtpHeader[], telephoneEventTypes: readonly number[]): TelephoneEvent[] {
  const events = new Map<number, TelephoneEvent>();
  for (const packet of packets) {
    if (!telephoneEventTypes.includes(packet.payloadType)) continue;
    const event = events.get(packet.timestamp) ?? { timestamp: packet.timestamp, packets: [] };
    event.packets.push(packet);
    events.set(packet.timestamp, event);
  }
  return [...events.values()];
}

/** Whether RTP timestamp `later` comes after `earlier`, allowing for the 32-bit wrap (RFC 1982). */
export function rtpTimestampAfter(later: number, earlier: number): boolean {
  const distance = (later - earlier) >>> 0;
  return distance !== 0 && distance < 2 ** 31;
}
