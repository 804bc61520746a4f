/** One call of a three-way conference: what it receives, to be heard by the other calls. */
export interface ConferenceMember {
  sessionId: string;
  remote: MediaStream;
}

interface Mix {
  sources: MediaStreamAudioSourceNode[];
  micGain: GainNode | null;
  outputs: Map<string, MediaStreamAudioDestinationNode>;
}

/**
 * Three-way calls mixed in the renderer (the PBX has no conference bridge to lend): each member
 * call sends the agent's microphone plus what every *other* member receives, so the customer
 * hears the department and the agent, and the department hears the customer and the agent, while
 * nobody hears themselves back. Web Audio does the summing; each mix leaves as a track the call's
 * sender switches to with replaceTrack (no renegotiation).
 */
export class ConferenceMixer {
  private context: AudioContext | null = null;
  private mix: Mix | null = null;
  private micMuted = false;

  constructor(private readonly createContext: () => AudioContext = () => new AudioContext()) {}

  /** Mixes `members` (two or more) with `microphone`; returns each member's outgoing track. */
  start(microphone: MediaStreamTrack | null, members: ConferenceMember[]): Map<string, MediaStreamTrack> {
    this.stop();
    const context = (this.context ??= this.createContext());
    // Autoplay rules may have left the context suspended; the shells allow audio without a gesture.
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const micGain = microphone ? context.createGain() : null;
    const sources: MediaStreamAudioSourceNode[] = [];
    if (microphone && micGain) {
      const mic = context.createMediaStreamSource(new MediaStream([microphone]));
      mic.connect(micGain);
      sources.push(mic);
      micGain.gain.value = this.micMuted ? 0 : 1;
    }
    const outputs = new Map<string, MediaStreamAudioDestinationNode>();
    for (const member of members) {
      const output = context.createMediaStreamDestination();
      output.channelCount = 1;
      micGain?.connect(output);
      outputs.set(member.sessionId, output);
    }
    for (const member of members) {
      if (member.remote.getAudioTracks().length === 0) continue;
      const heard = context.createMediaStreamSource(member.remote);
      sources.push(heard);
      for (const [sessionId, output] of outputs) if (sessionId !== member.sessionId) heard.connect(output);
    }
    this.mix = { sources, micGain, outputs };
    const tracks = new Map<string, MediaStreamTrack>();
    for (const [sessionId, output] of outputs) {
      const track = output.stream.getAudioTracks()[0];
      if (track) tracks.set(sessionId, track);
    }
    return tracks;
  }

  /** The agent's mute in a conference silences the microphone on every leg, not the other parties. */
  setMicMuted(muted: boolean): void {
    this.micMuted = muted;
    if (this.mix?.micGain) this.mix.micGain.gain.value = muted ? 0 : 1;
  }

  has(sessionId: string): boolean {
    return this.mix?.outputs.has(sessionId) ?? false;
  }

  get members(): string[] {
    return this.mix ? [...this.mix.outputs.keys()] : [];
  }

  stop(): void {
    const mix = this.mix;
    if (!mix) return;
    this.mix = null;
    for (const source of mix.sources) source.disconnect();
    mix.micGain?.disconnect();
    for (const output of mix.outputs.values()) for (const track of output.stream.getTracks()) track.stop();
  }
}
