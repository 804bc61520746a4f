import { AudioOutput } from './audio-output';
import { BusyChime } from './busy-chime';
import { Ringtone } from './ringtone';

/** The sounds the desk makes itself, sharing one audio output. */
export interface DeskSounds {
  ringtone: Pick<Ringtone, 'play' | 'stop'>;
  busyChime: Pick<BusyChime, 'play'>;
}

/** Builds the page's sounds and lets the first gesture unlock audio where autoplay is not allowed. */
export function createDeskSounds(gestureTarget: EventTarget): DeskSounds {
  const output = new AudioOutput();
  output.resumeOnGesture(gestureTarget);
  return { ringtone: new Ringtone(output), busyChime: new BusyChime(output) };
}
