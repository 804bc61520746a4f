import { routeElement } from './remote-audio';

/** Where the desk's own sounds are drawn: the shared context, and the node that leads to the ringer device. */
export interface SoundOutput {
  context: AudioContext;
  destination: AudioNode;
}

/**
 * The page's one AudioContext for the sounds the desk makes itself (ringtone, busy chime), created
 * on first use. The sounds go to a MediaStream destination played by a hidden <audio> element, so
 * they can ring on their own device (a loudspeaker the agent hears with the headset off) through
 * `setSinkId`, apart from the call audio. The shells start Chromium with
 * `--autoplay-policy=no-user-gesture-required`, so it may sound before any click; elsewhere it
 * starts suspended, and the first gesture resumes it.
 */
export class AudioOutput {
  private output: SoundOutput | null = null;
  private unavailable = false;
  /** The ringer element exists from the start so its sink can be chosen before anything rings. */
  readonly ringer: HTMLAudioElement;

  constructor(document: Document) {
    this.ringer = document.createElement('audio');
    this.ringer.hidden = true;
    this.ringer.dataset.testid = 'ringer-audio';
    this.ringer.dataset.sinkId = '';
    document.body.append(this.ringer);
  }

  /** The running (or resuming) output; null where Web Audio is missing or refused. */
  acquire(): SoundOutput | null {
    if (!this.output && !this.unavailable) {
      try {
        const context = new AudioContext({ latencyHint: 'interactive' });
        const destination = context.createMediaStreamDestination();
        this.ringer.srcObject = destination.stream;
        this.output = { context, destination };
      } catch {
        this.unavailable = true;
      }
    }
    this.wake();
    return this.output;
  }

  /** Rings on `sinkId` ('' for the system default); rejects when the device cannot be opened. */
  setRingerSink(sinkId: string): Promise<void> {
    return routeElement(this.ringer, sinkId);
  }

  /** Resumes a suspended context (and its element) on the first pointer or key press; returns the unsubscribe. */
  resumeOnGesture(target: EventTarget): () => void {
    const resume = () => this.wake();
    target.addEventListener('pointerdown', resume, { capture: true });
    target.addEventListener('keydown', resume, { capture: true });
    return () => {
      target.removeEventListener('pointerdown', resume, { capture: true });
      target.removeEventListener('keydown', resume, { capture: true });
    };
  }

  private wake(): void {
    if (!this.output) return;
    if (this.output.context.state === 'suspended') this.output.context.resume().catch(() => {});
    if (this.ringer.paused) this.ringer.play().catch(() => {});
  }
}
