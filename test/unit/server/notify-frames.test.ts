import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_CODE_POINTS, FrameJoiner, toFrames, type FrameOutcome } from '../../../server/cluster/notify-frames';

// Shrinking strings of thousands of characters takes minutes, in a loop the test runner cannot
// interrupt: a failure is reported with the first counterexample, unshrunk (this file only).
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
const NOTIFY_LIMIT_BYTES = 8_000;
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** A string survives UTF-8 (as PostgreSQL stores it) only if no surrogate pair was cut in half. */
const survivesUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;
const codePointCount = (text: string) => Array.from(text).length;

/** Any supplementary-plane code point: 4 UTF-8 bytes, two UTF-16 units. */
const astral = fc.integer({ min: 0x1_0000, max: 0x10_ffff }).map((codePoint) => String.fromCodePoint(codePoint));
/** Emoji (ZWJ sequences, flags, modifiers), CJK (BMP and extension B), combining marks, controls. */
const emojiAndCjk = fc.constantFrom('😀', '👩‍👩‍👧‍👦', '🇯🇵', '👍🏽', '𠮷', '𩸽', '中', '文', '張', '한', 'é', 'e\u0301', '\n', '\r\n', ' ', '\u0000', '\u2028', 'a', '{', '"');
/** Any code point but a lone surrogate. */
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10_ffff })
  .filter((codePoint) => codePoint < 0xd800 || codePoint > 0xdfff)
  .map((codePoint) => String.fromCodePoint(codePoint));
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((codePoint) => String.fromCodePoint(codePoint));
const mixed = fc.oneof(astral, emojiAndCjk, anyCodePoint, cjk);

/** Bodies from empty to several frames long, of any text (lone surrogates aside). */
const anyBody = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 4_000, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 8_000, size: 'max' }),
  fc.string({ unit: astral, maxLength: 8_000, size: 'max' }),
  fc.string({ unit: mixed, maxLength: 8_000, size: 'max' }),
  fc.string({ unit: mixed }),
);
/** Bodies that need at least two frames. */
const longBody = fc.oneof(
  fc.string({ unit: astral, minLength: FRAME_CODE_POINTS + 1, maxLength: 4 * FRAME_CODE_POINTS, size: 'max' }),
  fc.string({ unit: mixed, minLength: FRAME_CODE_POINTS + 1, maxLength: 4 * FRAME_CODE_POINTS, size: 'max' }),
);

/** A body of exactly `count` frames. */
const bodyOfFrames = (count: number) => fc.string({ unit: mixed, minLength: (count - 1) * FRAME_CODE_POINTS + 1, maxLength: count * FRAME_CODE_POINTS, size: 'max' });

const INSTANCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const instanceId = fc.oneof(
  fc.string({ unit: fc.constantFrom(...INSTANCE_ALPHABET), minLength: 1, maxLength: 64 }),
  fc.constantFrom('z'.repeat(64), '-', '0', 'desk-1', 'constructor', 'hasownproperty'),
);
/** The bus counts messages from 0; the header has room for 15 digits. */
const messageNumber = fc.oneof(fc.nat(), fc.constant(999_999_999_999_999));

const bodyOf = (outcome: FrameOutcome | undefined) => (outcome?.kind === 'message' ? outcome.body : undefined);

/** One frame after another from `queues`, each queue's own order kept; `picks` choose the queue. */
function interleave<T>(queues: readonly (readonly T[])[], picks: readonly number[]): T[] {
  const remaining = queues.map((queue) => [...queue]);
  const merged: T[] = [];
  for (let step = 0; ; step++) {
    const open = remaining.filter((queue) => queue.length > 0);
    if (open.length === 0) return merged;
    const pick = picks.length === 0 ? 0 : (picks[step % picks.length] ?? 0);
    const next = open[pick % open.length]?.shift();
    if (next !== undefined) merged.push(next);
  }
}

describe('toFrames', () => {
  it('writes a header line (instance, message number, frame index, frame count) before the text', () => {
    expect(toFrames('desk-1', 7, 'hello\nworld')).toEqual(['desk-1 7 0 1\nhello\nworld']);
    const frames = toFrames('b', 3, 'x'.repeat(FRAME_CODE_POINTS + 1));
    expect(frames).toEqual([`b 3 0 2\n${'x'.repeat(FRAME_CODE_POINTS)}`, 'b 3 1 2\nx']);
  });

  it('keeps every frame under the NOTIFY limit and whole in UTF-8, whatever the body', () => {
    fc.assert(
      fc.property(instanceId, messageNumber, anyBody, (from, number, body) => {
        const frames = toFrames(from, number, body);
        expect(frames.length).toBe(Math.max(1, Math.ceil(codePointCount(body) / FRAME_CODE_POINTS)));
        for (const frame of frames) {
          expect(utf8Bytes(frame)).toBeLessThan(NOTIFY_LIMIT_BYTES);
          expect(survivesUtf8(frame)).toBe(true);
        }
        // The texts after the headers are the body, cut between code points.
        expect(frames.map((frame) => frame.slice(frame.indexOf('\n') + 1)).join('')).toBe(body);
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a long body of 4-byte characters into many frames, each under the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: astral, minLength: 3 * FRAME_CODE_POINTS, maxLength: 9 * FRAME_CODE_POINTS, size: 'max' }), (body) => {
        // The longest header there can be: a 64-character instance and a 15-digit message number.
        const frames = toFrames('z'.repeat(64), 999_999_999_999_999, body);
        expect(frames.length).toBeGreaterThanOrEqual(3);
        for (const frame of frames) expect(utf8Bytes(frame)).toBeLessThan(NOTIFY_LIMIT_BYTES);
      }),
      { numRuns: 30 },
    );
    // Full frames of emoji: `<64 chars> <15 digits> <i> 3\n` and 1,900 × 4 bytes. The longest header
    // possible (5-digit index and count) is 93 bytes, and 93 + 7,600 is still under 8,000.
    const fullFrames = toFrames('z'.repeat(64), 999_999_999_999_999, '😀'.repeat(3 * FRAME_CODE_POINTS));
    expect(fullFrames).toHaveLength(3);
    for (const frame of fullFrames) expect(utf8Bytes(frame)).toBe(85 + 4 * FRAME_CODE_POINTS);
  });

  it('sends an empty body as one frame', () => {
    fc.assert(
      fc.property(instanceId, messageNumber, (from, number) => {
        expect(toFrames(from, number, '')).toEqual([`${from} ${number} 0 1\n`]);
      }),
    );
  });

  it('refuses an instance id that is not 1-64 of 0-9, a-z and -', () => {
    const valid = /^[0-9a-z-]{1,64}$/;
    for (const bad of ['', 'x'.repeat(65), 'Desk', 'desk 1', 'desk\n1', 'desk\n', '\ndesk', 'desk_1', 'dësk', 'desk.1', '桌', '😀', '__proto__']) {
      expect(() => toFrames(bad, 0, 'body'), JSON.stringify(bad)).toThrow(RangeError);
    }
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.constantFrom(...INSTANCE_ALPHABET, 'A', ' ', '\n', '_', 'é'), maxLength: 70 })).filter((id) => !valid.test(id)),
        fc.string({ unit: mixed }),
        (bad, body) => {
          expect(() => toFrames(bad, 0, body)).toThrow(RangeError);
        },
      ),
    );
  });
});

describe('FrameJoiner', () => {
  it('gives back exactly the body and the sender, on the last frame only', () => {
    fc.assert(
      fc.property(instanceId, messageNumber, anyBody, (from, number, body) => {
        const joiner = new FrameJoiner();
        const outcomes = toFrames(from, number, body).map((frame) => joiner.accept(frame));
        expect(outcomes.at(-1)).toEqual({ kind: 'message', from, body });
        for (const outcome of outcomes.slice(0, -1)) expect(outcome).toEqual({ kind: 'partial' });
      }),
      { numRuns: 150 },
    );
  });

  it('gives back an empty body from its one frame', () => {
    fc.assert(
      fc.property(instanceId, messageNumber, (from, number) => {
        const frames = toFrames(from, number, '');
        expect(frames).toHaveLength(1);
        expect(new FrameJoiner().accept(frames[0] ?? '')).toEqual({ kind: 'message', from, body: '' });
      }),
    );
  });

  it('gives back one after another the messages of one sender', () => {
    fc.assert(
      fc.property(instanceId, fc.array(anyBody, { minLength: 1, maxLength: 4 }), (from, bodies) => {
        const joiner = new FrameJoiner();
        const received = bodies.flatMap((body, number) => toFrames(from, number, body)).map((frame) => joiner.accept(frame));
        expect(received.filter((outcome) => outcome.kind === 'message')).toEqual(bodies.map((body) => ({ kind: 'message', from, body })));
        expect(received.every((outcome) => outcome.kind !== 'invalid')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('gives back intact the messages of several senders interleaved frame by frame', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(instanceId, fc.array(fc.oneof(longBody, anyBody), { minLength: 1, maxLength: 3 })), { minLength: 2, maxLength: 4, selector: ([from]) => from }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        (senders, picks) => {
          const streams = senders.map(([from, bodies]) => bodies.flatMap((body, number) => toFrames(from, number, body)));
          const joiner = new FrameJoiner();
          const outcomes = interleave(streams, picks).map((frame) => joiner.accept(frame));
          expect(outcomes.every((outcome) => outcome.kind !== 'invalid')).toBe(true);
          for (const [from, bodies] of senders) {
            const got = outcomes.filter((outcome) => outcome.kind === 'message' && outcome.from === from).map(bodyOf);
            expect(got).toEqual(bodies);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('drops a message that lost a frame (invalid) and gives back the next one intact', () => {
    fc.assert(
      fc.property(instanceId, fc.nat({ max: 1_000_000 }), fc.integer({ min: 3, max: 5 }).chain(bodyOfFrames), fc.nat(), anyBody, (from, number, body, lostSeed, next) => {
        const frames = toFrames(from, number, body);
        // A frame from the middle: neither the first nor the last.
        const lost = 1 + (lostSeed % (frames.length - 2));
        const joiner = new FrameJoiner();
        const outcomes = frames.filter((_, index) => index !== lost).map((frame) => joiner.accept(frame));
        expect(outcomes.some((outcome) => outcome.kind === 'message')).toBe(false);
        for (const outcome of outcomes.slice(0, lost)) expect(outcome).toEqual({ kind: 'partial' });
        // The frame after the gap is out of sequence, and so is every one after it.
        expect(outcomes.slice(lost).length).toBeGreaterThan(0);
        for (const outcome of outcomes.slice(lost)) expect(outcome.kind).toBe('invalid');
        const after = toFrames(from, number + 1, next).map((frame) => joiner.accept(frame));
        expect(after.at(-1)).toEqual({ kind: 'message', from, body: next });
      }),
      { numRuns: 100 },
    );
  });

  it('never yields a wrong message whichever frames of whichever senders are lost', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(instanceId, fc.array(fc.oneof(longBody, anyBody), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3, selector: ([from]) => from }),
        fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        (senders, lostPattern, picks) => {
          const intact = new Map<string, string[]>();
          let frameNumber = 0;
          // Roughly one frame in four is lost: where the pattern, repeated, says 0.
          const isLost = () => lostPattern[frameNumber++ % lostPattern.length] === 0;
          const streams = senders.map(([from, bodies]) => {
            const kept: string[] = [];
            const survivors: string[] = [];
            bodies.forEach((body, number) => {
              const frames = toFrames(from, number, body);
              const delivered = frames.filter(() => !isLost());
              kept.push(...delivered);
              if (delivered.length === frames.length) survivors.push(body);
            });
            intact.set(from, survivors);
            return kept;
          });
          const joiner = new FrameJoiner();
          const outcomes = interleave(streams, picks).map((frame) => joiner.accept(frame));
          for (const [from] of senders) {
            const got = outcomes.filter((outcome) => outcome.kind === 'message' && outcome.from === from).map(bodyOf);
            expect(got).toEqual(intact.get(from));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('drops a message on a frame out of sequence (repeated or ahead): its later frames cannot complete it', () => {
    fc.assert(
      fc.property(instanceId, fc.integer({ min: 3, max: 5 }).chain(bodyOfFrames), fc.nat(), fc.nat(), anyBody, (from, body, receivedSeed, strayFrameSeed, next) => {
        const frames = toFrames(from, 0, body);
        const received = 1 + (receivedSeed % (frames.length - 1));
        // Any later frame of the message but the one expected next (frame 0 would start it again).
        const strays = frames.map((_, index) => index).filter((index) => index > 0 && index !== received);
        const stray = strays[strayFrameSeed % strays.length] ?? 0;
        const joiner = new FrameJoiner();
        for (const frame of frames.slice(0, received)) expect(joiner.accept(frame)).toEqual({ kind: 'partial' });
        expect(joiner.accept(frames[stray] ?? '').kind).toBe('invalid');
        for (const frame of frames.slice(received)) expect(joiner.accept(frame).kind).toBe('invalid');
        expect(toFrames(from, 1, next).map((frame) => joiner.accept(frame)).at(-1)).toEqual({ kind: 'message', from, body: next });
      }),
      { numRuns: 60 },
    );
  });

  it('never completes a message that lost its last frames with the frames of another message', () => {
    fc.assert(
      fc.property(
        instanceId,
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 2, max: 4 }).chain(bodyOfFrames),
        fc.integer({ min: 2, max: 4 }).chain(bodyOfFrames),
        fc.boolean(),
        fc.nat(),
        (from, number, body, otherBody, sameNumber, receivedSeed) => {
          const frames = toFrames(from, number, body);
          let otherFrames = toFrames(from, number + 1, otherBody);
          // The same message number again (a restarted sender) must then differ in its frame count.
          if (sameNumber && otherFrames.length !== frames.length) otherFrames = toFrames(from, number, otherBody);
          const received = 1 + (receivedSeed % (Math.min(frames.length, otherFrames.length) - 1));
          const joiner = new FrameJoiner();
          for (const frame of frames.slice(0, received)) expect(joiner.accept(frame)).toEqual({ kind: 'partial' });
          // The rest of the first message and the start of the other one are lost.
          for (const frame of otherFrames.slice(received)) expect(joiner.accept(frame).kind).toBe('invalid');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ignores payloads that are not frames without disturbing messages in progress', () => {
    const notAFrame = fc.string({ unit: 'binary', maxLength: 200 }).filter((payload) => !/^[0-9a-z-]{1,64} \d{1,15} \d{1,5} \d{1,5}\n/.test(payload));
    fc.assert(
      fc.property(instanceId, longBody, fc.array(notAFrame, { minLength: 1, maxLength: 10 }), (from, body, junk) => {
        const joiner = new FrameJoiner();
        const outcomes: FrameOutcome[] = [];
        toFrames(from, 0, body).forEach((frame, index) => {
          outcomes.push(joiner.accept(frame));
          const noise = junk[index % junk.length] ?? '';
          expect(joiner.accept(noise).kind).toBe('invalid');
        });
        expect(outcomes.at(-1)).toEqual({ kind: 'message', from, body });
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on a hostile payload, and accepts only a well-formed first frame from nobody in progress', () => {
    const digits = fc.oneof(fc.stringMatching(/^\d{0,20}$/), fc.constantFrom('0', '1', '2', '9999', '10000', '10001', '99999', '-1', '+1', '1e3', '0x1', '1.0', '٣', '１'));
    const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '', '\n', '\r\n');
    const headerLike = fc
      .tuple(fc.oneof(instanceId, fc.string({ maxLength: 70 })), separator, digits, separator, digits, separator, digits, fc.constantFrom('\n', '\r\n', '', ' \n'), fc.string({ unit: mixed, maxLength: 50 }))
      .map((parts) => parts.join(''));
    const frameHeader = /^([0-9a-z-]{1,64}) (\d{1,15}) (\d{1,5}) (\d{1,5})\n/;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii', maxLength: 200 }), fc.string({ unit: 'grapheme' }), headerLike), (payload) => {
        let outcome: FrameOutcome | undefined;
        expect(() => (outcome = new FrameJoiner().accept(payload))).not.toThrow();
        const header = frameHeader.exec(payload);
        const index = Number(header?.[3]);
        const count = Number(header?.[4]);
        if (!header || index !== 0 || count < 1 || count > 10_000) {
          expect(outcome?.kind).toBe('invalid');
        } else if (count === 1) {
          expect(outcome).toEqual({ kind: 'message', from: header[1], body: payload.slice(header[0].length) });
        } else {
          expect(outcome).toEqual({ kind: 'partial' });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds these hostile payloads invalid', () => {
    const hostile = [
      '',
      '\n',
      'desk-1 0 0 1',
      'hello\nworld',
      '\ndesk 0 0 1\nx',
      ' desk 0 0 1\nx',
      'Desk 0 0 1\nx',
      'desk_1 0 0 1\nx',
      `${'x'.repeat(65)} 0 0 1\nx`,
      'desk 0 0\nx',
      'desk 0 0 1 1\nx',
      'desk  0 0 1\nx',
      'desk 0 0 1 \nx',
      'desk 0 0 1\r\nx',
      'desk\t0\t0\t1\nx',
      'desk -1 0 1\nx',
      'desk 0 -0 1\nx',
      'desk 0 0.0 1\nx',
      'desk 0 0x0 1\nx',
      'desk 0 0 +1\nx',
      'desk 0 0 1e1\nx',
      'desk 0 ٠ 1\nx',
      // The frame index is not below the count.
      'desk 0 1 1\nx',
      'desk 0 5 2\nx',
      'desk 0 99999 99999\nx',
      // No frames at all, or more than a message can have.
      'desk 0 0 0\nx',
      'desk 0 0 00000\nx',
      'desk 0 0 10001\nx',
      'desk 0 0 99999\nx',
      'desk 0 0 123456\nx',
      // Huge numbers.
      'desk 1234567890123456 0 1\nx',
      'desk 99999999999999999999999999999999 0 1\nx',
      `desk ${'9'.repeat(400)} 0 1\nx`,
      `desk 0 0 ${'9'.repeat(400)}\nx`,
      // A later frame with nothing in progress, whatever the sender is called.
      'desk 0 1 2\nx',
      'desk 0 9999 10000\nx',
      'constructor 0 1 2\nx',
      'hasownproperty 0 1 2\nx',
      '__proto__ 0 1 2\nx',
    ];
    for (const payload of hostile) {
      const joiner = new FrameJoiner();
      let outcome: FrameOutcome | undefined;
      expect(() => (outcome = joiner.accept(payload)), JSON.stringify(payload)).not.toThrow();
      expect(outcome?.kind, JSON.stringify(payload)).toBe('invalid');
    }
  });

  it('gives up a message in progress when the same sender starts another', () => {
    fc.assert(
      fc.property(instanceId, longBody, fc.nat(), anyBody, (from, body, seed, next) => {
        const frames = toFrames(from, 0, body);
        const sent = 1 + (seed % (frames.length - 1));
        const joiner = new FrameJoiner();
        for (const frame of frames.slice(0, sent)) expect(joiner.accept(frame)).toEqual({ kind: 'partial' });
        expect(toFrames(from, 1, next).map((frame) => joiner.accept(frame)).at(-1)).toEqual({ kind: 'message', from, body: next });
        // The rest of the abandoned message is out of sequence.
        for (const frame of frames.slice(sent)) expect(joiner.accept(frame).kind).toBe('invalid');
      }),
      { numRuns: 50 },
    );
  });

  it('forgets messages in progress on reset: their later frames are invalid, the next ones come back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(instanceId, { minLength: 1, maxLength: 3 }), longBody, fc.nat(), anyBody, (senders, body, seed, next) => {
        const joiner = new FrameJoiner();
        const frames = senders.map((from) => toFrames(from, 5, body));
        const sent = 1 + (seed % ((frames[0]?.length ?? 2) - 1));
        for (const stream of frames) for (const frame of stream.slice(0, sent)) expect(joiner.accept(frame)).toEqual({ kind: 'partial' });
        joiner.reset();
        for (const stream of frames) for (const frame of stream.slice(sent)) expect(joiner.accept(frame).kind).toBe('invalid');
        for (const from of senders) {
          expect(toFrames(from, 6, next).map((frame) => joiner.accept(frame)).at(-1)).toEqual({ kind: 'message', from, body: next });
        }
      }),
      { numRuns: 50 },
    );
  });
});
