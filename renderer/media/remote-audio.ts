/**
 * The calls' remote audio: one hidden <audio autoplay> per session, all playing on the speaker (or
 * headset) the agent chose. Each element carries `data-sink-id`, the output it really plays on
 * ('' is the system default), so a test or a support engineer can see where the customer is heard.
 */
export class RemoteAudioOutput {
  private readonly elements = new Set<HTMLAudioElement>();
  private sinkId = '';

  constructor(private readonly document: Document) {}

  /** Plays a session's remote stream; returns how to stop it. */
  play(sessionId: string, stream: MediaStream): () => void {
    const audio = this.document.createElement('audio');
    audio.autoplay = true;
    audio.dataset.mediaSession = sessionId;
    audio.dataset.testid = 'call-audio';
    audio.dataset.sinkId = '';
    audio.hidden = true;
    audio.srcObject = stream;
    this.document.body.append(audio);
    this.elements.add(audio);
    // A device that vanished since it was chosen must not leave the call silent: default then.
    if (this.sinkId) void routeElement(audio, this.sinkId).catch(() => routeElement(audio, '').catch(() => {}));
    // Autoplay may be refused before the first user gesture; the element retries when allowed.
    audio.play().catch(() => {});
    return () => {
      this.elements.delete(audio);
      audio.pause();
      audio.srcObject = null;
      audio.remove();
    };
  }

  /** Moves every call's audio, and future calls', to `sinkId` ('' for the system default). Rejects when the device cannot be opened. */
  async setSink(sinkId: string): Promise<void> {
    this.sinkId = sinkId;
    await Promise.all([...this.elements].map((audio) => routeElement(audio, sinkId)));
  }
}

/** Sets an element's output and records it once applied. */
export async function routeElement(audio: HTMLMediaElement, sinkId: string): Promise<void> {
  if (audio.sinkId !== sinkId) await audio.setSinkId(sinkId);
  audio.dataset.sinkId = sinkId;
}
