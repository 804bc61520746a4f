import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPolicy } from '../../src/contract/policy';
import { RING_VOICES, ringtoneNotes, type RingCue } from '../../renderer/media/ringtone';

/**
 * Renders the desk's ringtone to WAV files beside this script, from the very notes and voices the
 * renderer synthesises at run time (renderer/media/ringtone.ts), one ring's tone at the default
 * policy's length. The desk never plays these files: they are the ringtone's reviewable form (for
 * a listen, a support page, a center that wants to hear it before rollout). Run again after
 * changing the ringtone: `npx tsx assets/ringtone/render-ringtones.ts`.
 */
export const SAMPLE_RATE = 44_100;

export const RINGTONE_FILES: Record<RingCue, string> = { ring: 'ring.wav', lastRing: 'last-ring.wav' };

/** One ring's tone as 16-bit mono PCM in a WAV container. */
export function renderRingtone(cue: RingCue, toneMs: number): Buffer {
  const voice = RING_VOICES[cue];
  const samples = new Float64Array(Math.round((toneMs / 1000) * SAMPLE_RATE));
  for (const note of ringtoneNotes(cue, toneMs)) {
    const start = note.offsetMs / 1000;
    const duration = note.durationMs / 1000;
    // The renderer's struck-bell envelope: exponential attack to 1 within 6 ms, exponential decay.
    const attack = Math.min(0.006, duration / 4);
    const floor = 0.0001;
    const first = Math.round(start * SAMPLE_RATE);
    const last = Math.min(samples.length, Math.round((start + duration) * SAMPLE_RATE));
    for (let index = first; index < last; index++) {
      const t = index / SAMPLE_RATE - start;
      const envelope = t < attack ? floor * (1 / floor) ** (t / attack) : floor ** ((t - attack) / (duration - attack));
      const phase = (t * note.frequency) % 1;
      const wave = voice.wave === 'triangle' ? 1 - 4 * Math.abs(phase - 0.5) : Math.sin(2 * Math.PI * phase);
      samples[index]! += voice.gain * envelope * wave;
    }
  }
  return wav(samples);
}

function wav(samples: Float64Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32_767), index * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

if (process.argv[1] === import.meta.filename) {
  for (const [cue, file] of Object.entries(RINGTONE_FILES) as Array<[RingCue, string]>) {
    writeFileSync(join(import.meta.dirname, file), renderRingtone(cue, defaultPolicy.ringToneMs));
  }
}
