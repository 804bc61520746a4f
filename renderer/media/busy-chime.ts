import type { AudioOutput } from './audio-output';

/** The busy levels that sound (DOMAIN.md rule 2): the warning, and going over the limit. */
export type BusyChimeLevel = 'warning' | 'overLimit';

/** Frequencies (Hz) in order: a gentle falling pair for the warning, a lower insistent three for over the limit. */
const CHIMES: Record<BusyChimeLevel, readonly number[]> = {
  warning: [988, 784],
  overLimit: [659, 659, 523],
};
const NOTE_S = 0.22;

/** A short chime when a busy period reaches its warning or its limit; never loops, never blocks. */
export class BusyChime {
  constructor(private readonly output: AudioOutput) {}

  play(level: BusyChimeLevel): boolean {
    const output = this.output.acquire();
    if (!output) return false;
    const { context } = output;
    const start = context.currentTime;
    CHIMES[level].forEach((frequency, index) => {
      const at = start + index * NOTE_S;
      const envelope = context.createGain();
      envelope.gain.setValueAtTime(0.0001, at);
      envelope.gain.exponentialRampToValueAtTime(0.25, at + 0.01);
      envelope.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S * 0.95);
      envelope.connect(output.destination);
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(envelope);
      oscillator.start(at);
      oscillator.stop(at + NOTE_S);
      oscillator.addEventListener('ended', () => envelope.disconnect());
    });
    return true;
  }
}
