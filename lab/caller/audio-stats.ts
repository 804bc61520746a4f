/** Audio bytes that really crossed the peer connection: the proof that a call carries sound. */
export interface AudioStats {
  inboundAudioBytes: number;
  outboundAudioBytes: number;
}

export const NO_AUDIO: AudioStats = { inboundAudioBytes: 0, outboundAudioBytes: 0 };

export async function readAudioStats(peerConnection: RTCPeerConnection): Promise<AudioStats> {
  const report = await peerConnection.getStats();
  let inboundAudioBytes = 0;
  let outboundAudioBytes = 0;
  report.forEach((entry: RTCStats) => {
    if (entry.type === 'inbound-rtp' && (entry as RTCInboundRtpStreamStats).kind === 'audio') {
      inboundAudioBytes += (entry as RTCInboundRtpStreamStats).bytesReceived ?? 0;
    }
    if (entry.type === 'outbound-rtp' && (entry as RTCOutboundRtpStreamStats).kind === 'audio') {
      outboundAudioBytes += (entry as RTCOutboundRtpStreamStats).bytesSent ?? 0;
    }
  });
  return { inboundAudioBytes, outboundAudioBytes };
}
