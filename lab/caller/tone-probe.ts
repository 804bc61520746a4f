/**
 * Pure tones for proving who hears whom: a page can send a sine wave instead of its microphone,
 * and measure how strongly a given frequency stands out in what it receives. Distinct tones per
 * party show mixing (the customer hears the department's tone through the agent), which byte
 * counters cannot.
 */
export class ToneProbe {
  private context: AudioContext | null = null;

  /** A live track carrying a sine wave at `frequencyHz`; stop it to end the tone. */
  toneTrack(frequencyHz: number): MediaStreamTrack {
    const context = this.audioContext();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequencyHz;
    const gain = context.createGain();
    gain.gain.value = 0.5;
    const output = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(output);
    oscillator.start();
    const track = output.stream.getAudioTracks()[0];
    if (!track) throw new Error('the tone has no audio track');
    track.addEventListener('ended', () => oscillator.stop());
    const stop = track.stop.bind(track);
    track.stop = () => {
      stop();
      oscillator.stop();
      oscillator.disconnect();
    };
    return track;
  }

  /**
   * How far `frequencyHz` stands above the rest of the spectrum in `stream` (dB over the median
   * level of 100 Hz–4 kHz), averaged over `durationMs`. A tone that is heard stands tens of dB out;
   * silence or other sounds give a few dB.
   */
  async level(stream: MediaStream, frequencyHz: number, durationMs = 600): Promise<number> {
    const context = this.audioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const binHz = context.sampleRate / analyser.fftSize;
    const at = Math.round(frequencyHz / binHz);
    const low = Math.round(100 / binHz);
    const high = Math.round(4000 / binHz);
    const samples: number[] = [];
    try {
      const until = performance.now() + durationMs;
      while (performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        analyser.getFloatFrequencyData(bins);
        const peak = Math.max(...bins.slice(Math.max(0, at - 2), at + 3));
        const band = [...bins.slice(low, high)].filter(Number.isFinite).sort((a, b) => a - b);
        const median = band[Math.floor(band.length / 2)] ?? -Infinity;
        if (Number.isFinite(peak) && Number.isFinite(median)) samples.push(peak - median);
      }
    } finally {
      source.disconnect();
    }
    return samples.length === 0 ? 0 : samples.reduce((sum, value) => sum + value, 0) / samples.length;
  }

  private audioContext(): AudioContext {
    const context = (this.context ??= new AudioContext());
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  }
}
