import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
// window.labCaller, the caller page's scripting API
import type {} from '../../lab/caller/lab-caller-api';
import type { DeskUnderTest } from '../support/desk-fixture';
import { callerHearsAgent, inCallWith, logIn, useDeskForSpec } from '../support/e2e-desk-steps';
import {
  declaredSsrcs,
  rtpHeadersFromPcap,
  rtpTimestampAfter,
  startPacketCapture,
  telephoneEventPayloadTypes,
  telephoneEvents,
  type RtpHeader,
  type TelephoneEvent,
} from '../support/rtp-capture';

/**
 * DTMF on the wire: with the default policy (`dtmfMode: 'rfc4733'`) the desk's keypad sends RFC
 * 4733 telephone-events inside the call's RTP stream. Browsers do not expose received
 * telephone-events, so tcpdump captures the loopback interface (needs root, as on the lab machines
 * and CI) and the test reads the RTP headers.
 *
 * What it can and cannot see: the media is DTLS-SRTP, so payloads are encrypted. Which digit an
 * event carries (and its end bit) is not on the wire in clear; the headers show that each press
 * makes one event from the desk's SSRC with a telephone-event payload type, each a run of packets
 * sharing one RTP timestamp that starts with a marker bit, in order, with the call's audio (same
 * SSRC) before and after them. A capture of the same call without presses finds no event, so the
 * check tells the two apart. The digits themselves are read from the desk's RTCDTMFSender (which
 * tone it starts playing) and, for SIP INFO, from what the lab's department 8001 received.
 *
 * Keys pressed faster than the tones play (100 ms tone + 70 ms gap) must queue, not replace each
 * other: `insertDTMF` replaces the tones still waiting, and a press-by-press desk once lost them
 * (3 presses made 2 events, 10 made 4).
 *
 * Seen here (Chromium at /usr/bin/chromium, Opus call, desk SDP offering telephone-event 110/48000
 * and 126/8000): Chromium sends on 126 (8 kHz) inside the 48 kHz stream; each key press is one
 * event of 3 back-to-back packets, all three with the marker bit, replacing one 20 ms audio frame;
 * queued tones start 11,520 timestamp units (240 ms) apart, presses waited for one by one
 * 11,520-28,800 (240-600 ms); the control capture had 0 events in about 50 audio packets. Three
 * marked copies at once look like WebRTC sending only the end packet (the 100 ms tone is 800
 * units at 8 kHz, already passed by the first 960-unit frame); the E bit itself is encrypted, so
 * that reading is not asserted. See onsip/SIP.js#968: some receivers do not take such end-only
 * events as DTMF.
 */
let desk: DeskUnderTest;
useDeskForSpec((started) => (desk = started));

let captureDir: string;
test.beforeAll(() => {
  captureDir = mkdtempSync(join(tmpdir(), 'seatdesk-rtp-'));
});
test.afterAll(() => {
  if (captureDir) rmSync(captureDir, { recursive: true, force: true });
});

// Not in softphone.spec.ts: every spec starts its own lab, and 1004 is this spec's agent.
const agentId = '1004';

/** What the desk sends in a capture: its RTP stream and the telephone-events in it. */
interface DeskStream {
  stream: RtpHeader[];
  events: TelephoneEvent[];
  isAudio(packet: RtpHeader): boolean;
}

/** The call's telephone-event payload types and the desk's SSRCs, from the SDP the caller got. */
async function deskMediaOf(caller: Page): Promise<(packets: RtpHeader[]) => DeskStream> {
  const sdp = await caller.evaluate(() => window.labCaller.remoteSdp());
  expect(sdp, 'the caller page has the desk’s SDP').not.toBeNull();
  await test.info().attach('desk.sdp', { body: sdp!, contentType: 'application/sdp' });
  const eventTypes = telephoneEventPayloadTypes(sdp!);
  expect(eventTypes.length, 'the desk’s SDP maps telephone-event').toBeGreaterThan(0);
  const declared = declaredSsrcs(sdp!);
  const isAudio = (packet: RtpHeader) => !eventTypes.includes(packet.payloadType);
  return (packets) => {
    // The desk's sending SSRC, as its SDP declares it; failing that, whoever sent telephone-events.
    const deskSsrcs = declared.length > 0 ? declared : [...new Set(packets.filter((packet) => !isAudio(packet)).map((packet) => packet.ssrc))];
    const stream = packets.filter((packet) => deskSsrcs.includes(packet.ssrc));
    return { stream, events: telephoneEvents(stream, eventTypes), isAudio };
  };
}

/** Whether the desk's audio went on after its last telephone-event (the tones are over). */
function audioAfterLastEvent({ stream, events, isAudio }: DeskStream): boolean {
  const last = events.at(-1)?.packets.at(-1);
  return last !== undefined && stream.slice(stream.lastIndexOf(last) + 1).some(isAudio);
}

/**
 * Captures loopback UDP from before `act` until `done` resolves; `done` may read what was captured
 * so far (tcpdump -U writes each packet as it comes, so the file can be read while it grows).
 */
async function captureUntil(name: string, act: () => Promise<void>, done: (capturedSoFar: () => RtpHeader[]) => Promise<void>): Promise<RtpHeader[]> {
  const file = join(captureDir, `${name}.pcap`);
  const capture = await startPacketCapture(file);
  try {
    await act();
    await done(() => rtpHeadersFromPcap(readFileSync(file)));
  } finally {
    await capture.stop();
    await test.info().attach(`${name}.pcap`, { path: file, contentType: 'application/vnd.tcpdump.pcap' });
  }
  return rtpHeadersFromPcap(readFileSync(file));
}

/** Captures while the keys go out, until the desk has sent `count` events and audio again. */
async function captureKeyPresses(name: string, deskStream: (packets: RtpHeader[]) => DeskStream, count: number, press: () => Promise<void>): Promise<DeskStream> {
  const packets = await captureUntil(name, press, async (capturedSoFar) => {
    await expect
      .poll(
        () => {
          const sent = deskStream(capturedSoFar());
          return { events: sent.events.length, audioAfterLastEvent: audioAfterLastEvent(sent) };
        },
        { message: 'telephone-events from the desk, then its audio again', timeout: 10_000 },
      )
      .toEqual({ events: count, audioAfterLastEvent: true });
  });
  return deskStream(packets);
}

/** One event per key, each starting with the marker bit, in key-press order, inside the call's audio. */
function expectOneEventPerKey({ stream, events, isAudio }: DeskStream, keys: number): void {
  test.info().annotations.push({
    type: 'rfc4733 on the wire',
    description: JSON.stringify({
      usedPayloadTypes: [...new Set(events.flatMap((event) => event.packets.map((packet) => packet.payloadType)))],
      packetsPerEvent: events.map((event) => event.packets.length),
      markedPacketsPerEvent: events.map((event) => event.packets.filter((packet) => packet.marker).length),
      timestampSteps: events.slice(1).map((event, index) => (event.timestamp - events[index]!.timestamp) >>> 0),
    }),
  });
  expect(events, 'one telephone-event per key press').toHaveLength(keys);
  for (const event of events) expect(event.packets[0]?.marker, `event at ${event.timestamp} starts with the marker bit`).toBe(true);
  for (const [index, event] of events.slice(1).entries()) expect(rtpTimestampAfter(event.timestamp, events[index]!.timestamp), 'events in key-press order').toBe(true);
  // The events sit inside the call's audio stream: audio packets of the same SSRC before and after.
  const firstEvent = stream.indexOf(events[0]!.packets[0]!);
  expect(stream.slice(0, firstEvent).some(isAudio), 'audio before the first event').toBe(true);
  expect(audioAfterLastEvent({ stream, events, isAudio }), 'audio after the last event').toBe(true);
}

test('keypad presses go out as RFC 4733 telephone-events in the call’s RTP stream', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await inCallWith(desk, agent, caller, agentId, '13812340004');
  // Audio must flow from the desk before the captures, or "audio around the events" means nothing.
  await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);
  const deskStream = await deskMediaOf(caller);

  // The control: the same call and the same reading, without presses, finds audio and no event.
  const quiet = deskStream(await captureUntil('no-presses', async () => {}, () => agent.waitForTimeout(1_500)));
  expect(quiet.stream.filter(quiet.isAudio).length, 'audio from the desk while nothing is pressed').toBeGreaterThan(0);
  expect(quiet.events).toHaveLength(0);

  const pressed = await captureKeyPresses('presses-1-2-hash', deskStream, 3, async () => {
    await agent.getByTestId('keypad').click();
    for (const key of ['1', '2', 'hash']) await agent.getByTestId(`dtmf-${key}`).click();
    // Shown once main took each tone; the media then plays them out one after another.
    await expect(agent.getByTestId('dtmf-sent')).toHaveAttribute('data-tones', '12#');
  });
  expectOneEventPerKey(pressed, 3);
});

/**
 * Which tones the desk page's RTCDTMFSenders start playing (their `tonechange` events), in order:
 * the wire hides the digit, the sender names it. Installed before the desk's scripts run.
 */
async function recordTonesPlayed(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const played: string[] = [];
    (window as unknown as { tonesPlayed: string[] }).tonesPlayed = played;
    const insertDTMF = RTCDTMFSender.prototype.insertDTMF;
    const listening = new WeakSet<RTCDTMFSender>();
    RTCDTMFSender.prototype.insertDTMF = function (this: RTCDTMFSender, ...args: Parameters<RTCDTMFSender['insertDTMF']>) {
      if (!listening.has(this)) {
        listening.add(this);
        this.addEventListener('tonechange', (event) => {
          if (event.tone) played.push(event.tone);
        });
      }
      insertDTMF.apply(this, args);
    };
  });
}

test('ten keys typed as fast as a person can (an account number for an IVR) all go out, in order', async ({ context }) => {
  const agent = await context.newPage();
  const caller = await context.newPage();
  await recordTonesPlayed(agent);
  await inCallWith(desk, agent, caller, agentId, '13812340014');
  await expect.poll(() => callerHearsAgent(caller), { timeout: 20_000 }).toBe(true);
  const deskStream = await deskMediaOf(caller);

  const keys = '6222021#*9';
  const pressed = await captureKeyPresses('ten-fast-keys', deskStream, keys.length, async () => {
    await agent.getByTestId('keypad').click();
    // 50 ms from key to key: faster than anyone types, so every tone is pressed while others wait.
    await agent.keyboard.type(keys, { delay: 50 });
    await expect(agent.getByTestId('dtmf-sent')).toHaveAttribute('data-tones', keys);
  });
  expectOneEventPerKey(pressed, keys.length);
  expect(await agent.evaluate(() => (window as unknown as { tonesPlayed: string[] }).tonesPlayed.join('')), 'the tones the desk’s sender played').toBe(keys);
});

test('where the media cannot carry tones the keys go by SIP INFO, and the far end gets every digit in order', async ({ page: agent }) => {
  // The lab's departments answer without media, so the desk falls back to SIP INFO; 8001 records
  // the digits it receives, so here the digits themselves are checked.
  await logIn(desk, agent, agentId);
  await agent.getByTestId('dial-number').fill('8001');
  await agent.getByTestId('dial-call').click();
  await expect(agent.getByTestId('call-panel')).toHaveAttribute('data-phase', 'talking');

  const keys = '6222021#*9';
  await agent.getByTestId('keypad').click();
  await agent.keyboard.type(keys, { delay: 50 });
  await expect(agent.getByTestId('dtmf-sent')).toHaveAttribute('data-tones', keys);
  await expect.poll(() => desk.lab.endpoints.dtmf('8001'), { message: 'the digits department 8001 received' }).toBe(keys);
});
