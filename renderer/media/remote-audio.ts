/** Plays a session's remote audio through its own hidden <audio autoplay>; returns how to stop it. */
export function playRemoteAudio(sessionId: string, stream: MediaStream): () => void {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.dataset.mediaSession = sessionId;
  audio.hidden = true;
  audio.srcObject = stream;
  document.body.append(audio);
  // Autoplay may be refused before the first user gesture; the element retries when allowed.
  audio.play().catch(() => {});
  return () => {
    audio.pause();
    audio.srcObject = null;
    audio.remove();
  };
}
