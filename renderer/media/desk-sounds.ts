import { AudioOutput } from './audio-output';
import { BusyChime } from './busy-chime';
import { Ringtone } from './ringtone';

/** The sounds the desk makes itself, sharing one audio output: the ringer device. */
export interface DeskSounds {
  ringtone: Pick<Ringtone, 'play' | 'stop'>;
  busyChime: Pick<BusyChime, 'play'>;
  /** Sends the ringtone and chimes to `sinkId` ('' for the system default); rejects when it cannot be opened. */
  setRingerSink(sinkId: string): Promise<void>;
}

/** Builds the page's sounds and lets the first gesture unlock audio where autoplay is not allowed. */
export function createDeskSounds(document: Document, gestureTarget: EventTarget): DeskSounds {
  const output = new AudioOutput(document);
  output.resumeOnGesture(gestureTarget);
  return { ringtone: new Ringtone(output), busyChime: new BusyChime(output), setRingerSink: (sinkId) => output.setRingerSink(sinkId) };
}
