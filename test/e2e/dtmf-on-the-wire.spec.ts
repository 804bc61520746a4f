import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import { startDeskUnderTest, type DeskUnderTest } from '../support/desk-fixture';
import { callerHearsAgent, inCallWith } from '../support/e2e-desk-steps';
import {
  declaredSsrcs,
  rtpHeadersFromPcap,
  rtpTimestampAfter,
  startPacketCapture,
  telephoneEventPayloadTypes,
  telephoneEvents,
  type RtpHeader,
} from '../support/rtp-capture';

/**
 * DTMF on the wire: with the default policy (`dtmfMode: 'rfc4733'`) the desk's keypad sends RFC
 * 4733 telephone-events inside the call's RTP stream. Browsers do not expose received
 * telephone-events, so tcpdump captures the loopback interface (needs root, as on the lab machines
 * and CI) and the test reads the RTP headers.
 *
 * What it can and cannot see: the media is DTLS-SRTP, so payloads are encrypted. Which digit an
 * event carries (and its end bit) is NOT checked; the clear-text headers show that three presses
 * make three events from the desk's SSRC with a telephone-event payload type, each a run of
 * packets sharing one RTP timestamp that starts with a marker bit, in order, with the call's audio
 * (same SSRC) before and after them. A capture of the same call without presses finds no event,
 * so the check tells the two apart.
 *
 * Seen here (Chromium at /usr/bin/chromium, Opus call, desk SDP offering telephone-event 110/48000
 * and 126/8000): Chromium sends on 126 (8 kHz) inside the 48 kHz stream; each key press is one
 * event of 3 back-to-back packets, all three with the marker bit, replacing one 20 ms audio frame;
 * events 11,520-28,800 timestamp units (240-600 ms) apart over runs; the control capture had 0
 * events in about 50 audio packets. Three marked copies at once look like WebRTC sending only the end packet
 * (the 100 ms tone is 800 units at 8 kHz, already passed by the first 960-unit frame); the E bit
 * itself is encrypted, so that reading is not asserted. See onsip/SIP.js#968: some receivers do
 * not take such end-only events as DTMF.
 */
let desk: DeskUnderTest;
let captureDir: string;

test.beforeAll(async () => {
  desk = await startDeskUnderTest();
  captureDir = mkdtempSync(join(tmpdir(), 'seatdesk-rtp-'));
});
test.afterAll(async () => {
  await desk?.stop();
  if (captureDir) rmSync(captureDir, { recursive: true, force: true });
});

// Not in softphone.spec.ts: every spec starts its own lab, and 1004 is this spec's agent.
const agentId = '1004';
const customerNumber = '13812340004';

/** Captures loopback UDP while `act` runs and for `settleMs` after it (packets in flight). */
async function captureWhile(name: string, act: () => Promise<void>, settleMs: number): Promise<RtpHeader[]> {
  const file = join(captureDir, `${name}.pcap`);
  const capture = await startPacketCapture(file);
  try {
    await act();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    await capture.stop();
  }
  await test.info().attach(`${name}.pcap`, { path: file, contentType: 'application/vnd.tcpdump.pcap' });
  return rtpHeadersFromPcap(readFileSync(file));
}

test('keypad presses go out as RFC 4733 telephone-events in the call’s RTP stream', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, agentId, customerNumber);
  // Audio must flow from the desk before the captures, or "audio around the events" means nothing.
  await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);

  const sdp = await caller.evaluate(() => window.labCaller.remoteSdp());
  expect(sdp, 'the caller page has the desk’s SDP').not.toBeNull();
  await test.info().attach('desk.sdp', { body: sdp!, contentType: 'application/sdp' });
  const eventTypes = telephoneEventPayloadTypes(sdp!);
  expect(eventTypes.length, 'the desk’s SDP maps telephone-event').toBeGreaterThan(0);

  const quiet = await captureWhile('no-presses', async () => {}, 1_500);
  const pressed = await captureWhile(
    'presses-1-2-hash',
    async () => {
      await agent.getByTestId('keypad').click();
      for (const key of ['1', '2', 'hash']) await agent.getByTestId(`dtmf-${key}`).click();
      // Shown once main took each tone; the media then plays them out one after another.
      await expect(agent.getByTestId('dtmf-sent')).toHaveAttribute('data-tones', '12#');
    },
    1_500,
  );

  // The desk's sending SSRC, as its SDP declares it; failing that, whoever sent telephone-events.
  const declared = declaredSsrcs(sdp!);
  const deskSsrcs = declared.length > 0 ? declared : [...new Set(pressed.filter((packet) => eventTypes.includes(packet.payloadType)).map((packet) => packet.ssrc))];
  const fromDesk = (packets: RtpHeader[]) => packets.filter((packet) => deskSsrcs.includes(packet.ssrc));
  const isAudio = (packet: RtpHeader) => !eventTypes.includes(packet.payloadType);

  // The control: the same call and the same reading, without presses, finds audio and no event.
  const quietFromDesk = fromDesk(quiet);
  expect(quietFromDesk.filter(isAudio).length, 'audio from the desk while nothing is pressed').toBeGreaterThan(0);
  expect(telephoneEvents(quietFromDesk, eventTypes)).toHaveLength(0);

  const stream = fromDesk(pressed);
  const events = telephoneEvents(stream, eventTypes);
  const figures = {
    telephoneEventTypes: eventTypes,
    deskSsrcs,
    usedPayloadTypes: [...new Set(events.flatMap((event) => event.packets.map((packet) => packet.payloadType)))],
    packetsPerEvent: events.map((event) => event.packets.length),
    markedPacketsPerEvent: events.map((event) => event.packets.filter((packet) => packet.marker).length),
    timestampSteps: events.slice(1).map((event, index) => (event.timestamp - events[index]!.timestamp) >>> 0),
    controlPacketsFromDesk: quietFromDesk.length,
  };
  test.info().annotations.push({ type: 'rfc4733 on the wire', description: JSON.stringify(figures) });

  expect(events, 'one telephone-event per key press').toHaveLength(3);
  for (const event of events) expect(event.packets[0]?.marker, `event at ${event.timestamp} starts with the marker bit`).toBe(true);
  for (const [index, event] of events.slice(1).entries()) expect(rtpTimestampAfter(event.timestamp, events[index]!.timestamp), 'events in key-press order').toBe(true);

  // The events sit inside the call's audio stream: audio packets of the same SSRC before and after.
  const firstEvent = stream.indexOf(events[0]!.packets[0]!);
  const lastEvent = stream.lastIndexOf(events.at(-1)!.packets.at(-1)!);
  expect(stream.slice(0, firstEvent).filter(isAudio).length, 'audio before the first event').toBeGreaterThan(0);
  expect(stream.slice(lastEvent + 1).filter(isAudio).length, 'audio after the last event').toBeGreaterThan(0);
});
