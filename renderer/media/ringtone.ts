import type { AudioOutput } from './audio-output';

/** `ring`: an ordinary ring; `lastRing`: the last one before the answer deadline (DOMAIN.md rule 1). */
export type RingCue = 'ring' | 'lastRing';

export interface RingNote {
  /** From the start of the tone. */
  offsetMs: number;
  durationMs: number;
  frequency: number;
}

interface RingVoice {
  /** The two tones that alternate. */
  frequencies: readonly [number, number];
  /** One note per step. */
  stepMs: number;
  gain: number;
  wave: OscillatorType;
}

/**
 * A soft two-tone trill (G5/E5, about 9 notes a second) for ordinary rings; the last ring is
 * higher, faster and a little louder so it is heard as urgent without being shrill.
 */
export const RING_VOICES: Record<RingCue, RingVoice> = {
  ring: { frequencies: [784, 659], stepMs: 110, gain: 0.22, wave: 'sine' },
  lastRing: { frequencies: [1175, 880], stepMs: 70, gain: 0.3, wave: 'triangle' },
};

/** The notes of one ring's tone, filling exactly `toneMs` (policy.ringToneMs). */
export function ringtoneNotes(cue: RingCue, toneMs: number): RingNote[] {
  const voice = RING_VOICES[cue];
  const notes: RingNote[] = [];
  for (let offsetMs = 0, index = 0; offsetMs < toneMs; offsetMs += voice.stepMs, index++) {
    notes.push({ offsetMs, durationMs: Math.min(voice.stepMs, toneMs - offsetMs), frequency: voice.frequencies[index % 2]! });
  }
  return notes;
}

/** Quick enough to feel instant, slow enough not to click. */
const STOP_FADE_S = 0.02;

/**
 * The desk's own ringtone, synthesised with Web Audio (no files to ship or load). One ring's tone
 * at a time: the cadence (which ring, when) comes from main's snapshots, not from timers here.
 */
export class Ringtone {
  private sounding: { gain: GainNode; oscillators: OscillatorNode[] } | null = null;

  constructor(private readonly output: AudioOutput) {}

  /** Plays one ring's tone, cutting one still sounding. False when there is no audio output. */
  play(cue: RingCue, toneMs: number): boolean {
    this.stop();
    const output = this.output.acquire();
    if (!output) return false;
    const { context } = output;
    const voice = RING_VOICES[cue];
    const start = context.currentTime;
    const gain = context.createGain();
    gain.gain.value = voice.gain;
    gain.connect(output.destination);

    const oscillators = ringtoneNotes(cue, toneMs).map((note) => {
      const at = start + note.offsetMs / 1000;
      const end = at + note.durationMs / 1000;
      // A struck-bell envelope per note: a short attack, then an exponential decay.
      const envelope = context.createGain();
      envelope.gain.setValueAtTime(0.0001, at);
      envelope.gain.exponentialRampToValueAtTime(1, at + Math.min(0.006, (end - at) / 4));
      envelope.gain.exponentialRampToValueAtTime(0.0001, end);
      envelope.connect(gain);
      const oscillator = context.createOscillator();
      oscillator.type = voice.wave;
      oscillator.frequency.value = note.frequency;
      oscillator.connect(envelope);
      oscillator.start(at);
      oscillator.stop(end);
      return oscillator;
    });
    const sounding = { gain, oscillators };
    this.sounding = sounding;
    oscillators.at(-1)?.addEventListener('ended', () => {
      gain.disconnect();
      if (this.sounding === sounding) this.sounding = null;
    });
    return true;
  }

  /** Silences the tone at once (answered, rejected, gone). */
  stop(): void {
    const sounding = this.sounding;
    if (!sounding) return;
    this.sounding = null;
    const context = sounding.gain.context;
    const now = context.currentTime;
    sounding.gain.gain.cancelScheduledValues(now);
    sounding.gain.gain.setValueAtTime(sounding.gain.gain.value, now);
    sounding.gain.gain.linearRampToValueAtTime(0, now + STOP_FADE_S);
    for (const oscillator of sounding.oscillators) {
      try {
        oscillator.stop(now + STOP_FADE_S);
      } catch {
        // Not started yet in a suspended context: stopping it is moot, it will never sound.
      }
    }
  }
}
