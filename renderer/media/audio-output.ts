/**
 * The page's one AudioContext for the sounds the desk makes itself (ringtone, busy chime), created
 * on first use. The shells start Chromium with `--autoplay-policy=no-user-gesture-required`, so a
 * context may sound before any click; elsewhere it starts suspended, and the first gesture resumes it.
 */
export class AudioOutput {
  private context: AudioContext | null = null;
  private unavailable = false;

  /** The running (or resuming) context; null where Web Audio is missing or refused. */
  acquire(): AudioContext | null {
    if (!this.context && !this.unavailable) {
      try {
        this.context = new AudioContext({ latencyHint: 'interactive' });
      } catch {
        this.unavailable = true;
      }
    }
    if (this.context?.state === 'suspended') this.context.resume().catch(() => {});
    return this.context;
  }

  /** Resumes a suspended context on the first pointer or key press; returns the unsubscribe. */
  resumeOnGesture(target: EventTarget): () => void {
    const resume = () => {
      if (this.context?.state === 'suspended') this.context.resume().catch(() => {});
    };
    target.addEventListener('pointerdown', resume, { capture: true });
    target.addEventListener('keydown', resume, { capture: true });
    return () => {
      target.removeEventListener('pointerdown', resume, { capture: true });
      target.removeEventListener('keydown', resume, { capture: true });
    };
  }
}
