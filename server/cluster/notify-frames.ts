/**
 * PostgreSQL NOTIFY carries at most 8000 bytes of payload, and a cluster message (a board's seat
 * snapshot, a batch of records) can be longer. A message is cut into frames of whole code points
 * (at most 4 UTF-8 bytes each, so a frame always fits) with a one-line header:
 * `<instance> <message number> <frame index> <frame count>` then a newline and the text.
 * One sender's frames arrive in the order it sent them (one connection, one NOTIFY at a time).
 */

/** 1,900 code points × 4 bytes + the header stays under NOTIFY's 8,000 bytes. */
export const FRAME_CODE_POINTS = 1_900;
const MAX_FRAMES = 10_000;
const INSTANCE_ID = /^[0-9a-z-]{1,64}$/;

/** The frames of one message, in order. */
export function toFrames(instanceId: string, messageNumber: number, body: string): string[] {
  if (!INSTANCE_ID.test(instanceId)) throw new RangeError(`an instance id is 1-64 of 0-9 a-z -, got ${JSON.stringify(instanceId)}`);
  const codePoints = Array.from(body);
  const count = Math.max(1, Math.ceil(codePoints.length / FRAME_CODE_POINTS));
  if (count > MAX_FRAMES) throw new RangeError(`a cluster message of ${codePoints.length} code points is too long to send`);
  const frames: string[] = [];
  for (let index = 0; index < count; index++) {
    const text = codePoints.slice(index * FRAME_CODE_POINTS, (index + 1) * FRAME_CODE_POINTS).join('');
    frames.push(`${instanceId} ${messageNumber} ${index} ${count}\n${text}`);
  }
  return frames;
}

export type FrameOutcome =
  | { kind: 'message'; from: string; body: string }
  | { kind: 'partial' }
  /** Not a frame, or a frame out of its sequence (the earlier frames were lost: the message is dropped). */
  | { kind: 'invalid'; reason: string };

const HEADER = /^([0-9a-z-]{1,64}) (\d{1,15}) (\d{1,5}) (\d{1,5})$/;

/** Puts messages back together from frames; one message in progress per sending instance. */
export class FrameJoiner {
  private readonly pending = new Map<string, { messageNumber: number; count: number; parts: string[] }>();

  accept(payload: string): FrameOutcome {
    const newline = payload.indexOf('\n');
    const header = HEADER.exec(newline < 0 ? '' : payload.slice(0, newline));
    if (!header) return { kind: 'invalid', reason: 'no frame header' };
    const [, from = '', numberText = '', indexText = '', countText = ''] = header;
    const messageNumber = Number(numberText);
    const index = Number(indexText);
    const count = Number(countText);
    if (count < 1 || count > MAX_FRAMES || index >= count) return { kind: 'invalid', reason: `frame ${index} of ${count}` };
    const text = payload.slice(newline + 1);

    if (index === 0) {
      // A message still in progress from this sender lost its last frames; it is given up.
      this.pending.delete(from);
      if (count === 1) return { kind: 'message', from, body: text };
      this.pending.set(from, { messageNumber, count, parts: [text] });
      return { kind: 'partial' };
    }
    const inProgress = this.pending.get(from);
    if (!inProgress || inProgress.messageNumber !== messageNumber || inProgress.count !== count || inProgress.parts.length !== index) {
      this.pending.delete(from);
      return { kind: 'invalid', reason: `frame ${index} of message ${messageNumber} from ${from} out of sequence` };
    }
    inProgress.parts.push(text);
    if (inProgress.parts.length < count) return { kind: 'partial' };
    this.pending.delete(from);
    return { kind: 'message', from, body: inProgress.parts.join('') };
  }

  /** Forgets messages in progress (the connection was lost: their remaining frames will not come). */
  reset(): void {
    this.pending.clear();
  }
}
