/**
 * The board's alert sound: two short tones made with Web Audio (no sound file to serve or to
 * allow in the CSP). The page has been clicked (the login), so the browser lets it play.
 */
let context: AudioContext | null = null;

export function playAlertChime(): void {
  try {
    context ??= new AudioContext();
    void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
      tone.connect(gain).connect(context.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.16);
    }
  } catch {
    // No audio device: the alert still shows, and stays until acknowledged.
  }
}
