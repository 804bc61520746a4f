import type { Clock } from '../../src/domain/clock';
import type { MediaOptions, MediaStats, SessionDescription } from '../../src/contract';
import { watchIceGathering, type IceGatheringLimits, type IceGatheringWatch } from './ice-gathering';
import { MediaSessionClosedError } from './media-session-closed-error';

export interface MediaSessionDeps {
  createPeerConnection(): RTCPeerConnection;
  /** The prepared microphone track, or null when there is none (the call still receives). */
  microphone(): Promise<MediaStreamTrack | null>;
  playRemoteAudio(stream: MediaStream): () => void;
  iceLimits: IceGatheringLimits;
  clock: Clock;
}

/**
 * The media of one call: one RTCPeerConnection, plus the per-call flags SIP.js cannot express.
 *
 * Every operation runs on this session's promise queue, because main's handler calls arrive
 * back to back and each one awaits WebRTC. `close` skips the queue: it aborts whatever waits
 * (ICE gathering, the microphone) and every operation after it rejects.
 */
export class MediaSession {
  private pc: RTCPeerConnection | null = null;
  private micTrack: MediaStreamTrack | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private hold = false;
  /** The hold flag before the offer/answer in flight, restored by a rollback. */
  private holdBeforeNegotiation: boolean | null = null;
  private muted = false;
  private gatheredOnce = false;
  /** The caller's offer taken in while the call rang (prepareAnswer), until the answer is asked for. */
  private preparedOffer: string | null = null;
  /** The answer to it, made and gathered while the call rang, until it is asked for. */
  private preparedAnswer: SessionDescription | null = null;
  /** Prepared, not answered yet: the microphone is not sent, whatever ICE and DTLS do meanwhile. */
  private unanswered = false;
  private gathering: IceGatheringWatch | null = null;
  private stopRemoteAudio: (() => void) | null = null;
  private remote: MediaStream | null = null;
  /** What to send instead of the microphone (a conference mix); null: the microphone. */
  private sendOverride: MediaStreamTrack | null = null;

  constructor(
    readonly sessionId: string,
    private readonly deps: MediaSessionDeps,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** What this call receives (the other party's audio), once it arrived. */
  get remoteStream(): MediaStream | null {
    return this.remote;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /**
   * Sends `track` instead of the microphone (a conference mix), or the microphone again (null).
   * Hold still silences the call; mute is the mix's business while a mix is sent.
   */
  useSendTrack(track: MediaStreamTrack | null): Promise<void> {
    return this.enqueue(async () => {
      this.sendOverride = track;
      if (this.pc) await this.applyDirection(this.pc);
    });
  }

  open(): Promise<void> {
    return this.enqueue(async () => {
      await this.connection();
    });
  }

  getDescription(options: MediaOptions): Promise<SessionDescription> {
    return this.enqueue(async () => {
      const pc = await this.connection();
      // Made while it rang, for the same options (no hold): sent as it is.
      const prepared = this.preparedAnswer;
      this.preparedAnswer = null;
      this.preparedOffer = null;
      // Answered now: the microphone goes out (from here on, as hold and mute say).
      this.unanswered = false;
      await this.applySendTrack(pc);
      if (prepared && pc.signalingState === 'stable' && !options.hold && !this.hold) return prepared;
      if (prepared) throw new Error(`media session ${this.sessionId}: the answer made while it rang no longer fits`);
      return this.describeLocal(pc, options);
    });
  }

  /** Creates the offer or answer the signalling state calls for, sets it, and waits for ICE gathering (once per session). */
  private async describeLocal(pc: RTCPeerConnection, options: MediaOptions): Promise<SessionDescription> {
    const type = descriptionTypeToCreate(pc.signalingState);
    if (type === 'offer') this.beginNegotiation();
    this.applyOptions(options);
    if (type === 'offer' && this.audioTransceivers(pc).length === 0) pc.addTransceiver('audio', { direction: 'recvonly' });
    await this.applyDirection(pc);
    const description = type === 'offer' ? await pc.createOffer() : await pc.createAnswer();
    this.throwIfClosed();

    const needsGathering = !this.gatheredOnce;
    const watch = needsGathering ? watchIceGathering(pc, this.iceLimits(options), this.deps.clock) : null;
    this.gathering = watch;
    try {
      await pc.setLocalDescription(description);
      this.throwIfClosed();
      // Re-INVITEs reuse the gathered candidates: nothing new will come, so do not wait.
      if (watch && pc.iceGatheringState !== 'complete') await watch.done;
    } finally {
      watch?.cancel();
      this.gathering = null;
    }
    this.throwIfClosed();
    this.gatheredOnce = true;
    if (type === 'answer') this.holdBeforeNegotiation = null;
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error(`media session ${this.sessionId} has no local description`);
    return { type, sdp };
  }

  /**
   * While the call rings: the caller's offer applied and our answer made and gathered, ready to
   * be sent when the agent answers (idempotent). Setting the answer locally starts ICE checks
   * towards the caller, but no media can flow: DTLS needs the caller to have our answer first
   * (our fingerprint and role are in it), so nothing is heard either way before the 200 OK.
   */
  prepareAnswer(sdp: string): Promise<void> {
    return this.enqueue(async () => {
      const pc = await this.connection();
      // Only before anything was negotiated: a late preparation (the call already answered) changes nothing.
      if (this.preparedOffer !== null || pc.signalingState !== 'stable' || pc.remoteDescription !== null || pc.localDescription !== null) return;
      this.beginNegotiation();
      this.unanswered = true;
      await pc.setRemoteDescription({ type: 'offer', sdp });
      this.throwIfClosed();
      this.preparedOffer = sdp;
      await this.applyDirection(pc);
      this.preparedAnswer = await this.describeLocal(pc, {});
    });
  }

  setDescription(sdp: string, options: MediaOptions): Promise<void> {
    return this.enqueue(async () => {
      const pc = await this.connection();
      if (this.preparedOffer === sdp && (pc.signalingState === 'have-remote-offer' || this.preparedAnswer !== null)) {
        // Taken in while it rang: only the options are new.
        this.preparedOffer = null;
        this.applyOptions(options);
        await this.applyDirection(pc);
        return;
      }
      this.preparedOffer = null;
      const type = remoteDescriptionType(pc.signalingState);
      if (type === 'offer') this.beginNegotiation();
      this.applyOptions(options);
      await pc.setRemoteDescription({ type, sdp });
      this.throwIfClosed();
      if (type === 'answer') this.holdBeforeNegotiation = null;
      await this.applyDirection(pc);
    });
  }

  /** Back to stable after a rejected re-INVITE; the hold flag returns to what was negotiated. */
  rollback(): Promise<void> {
    return this.enqueue(async () => {
      const pc = this.pc;
      if (!pc) return;
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      else if (pc.signalingState === 'have-remote-offer') await pc.setRemoteDescription({ type: 'rollback' });
      this.throwIfClosed();
      if (this.holdBeforeNegotiation !== null) this.hold = this.holdBeforeNegotiation;
      this.holdBeforeNegotiation = null;
      // Rollback leaves transceiver directions as they were: recompute from the hold flag.
      await this.applyDirection(pc);
    });
  }

  mute(muted: boolean): Promise<void> {
    return this.enqueue(async () => {
      this.muted = muted;
      if (this.pc) await this.applySendTrack(this.pc);
    });
  }

  /**
   * Sends from another microphone (the agent switched headsets, or one was unplugged) with
   * replaceTrack: no renegotiation, the customer notices nothing. Hold and mute still apply.
   * A session that started without any microphone only gets the track once it renegotiates.
   */
  replaceMicrophone(track: MediaStreamTrack): Promise<void> {
    return this.enqueue(async () => {
      this.micTrack = track;
      if (this.pc) await this.applySendTrack(this.pc);
    });
  }

  /**
   * Queues `tones` behind those still waiting to play. `insertDTMF` replaces the sender's
   * `toneBuffer` (WebRTC spec), so passing only the new key would drop every key pressed while
   * an earlier tone plays; the waiting tones take this duration and gap, the same for every key.
   */
  sendDtmf(tones: string, duration = 100, interToneGap = 70): Promise<boolean> {
    return this.enqueue(async () => {
      const sender = this.pc ? this.audioTransceivers(this.pc)[0]?.sender : undefined;
      const dtmf = sender?.dtmf;
      if (!dtmf || !dtmf.canInsertDTMF) return false;
      dtmf.insertDTMF(dtmf.toneBuffer + tones, duration, interToneGap);
      return true;
    });
  }

  /** Read-only, so it does not wait behind a queued negotiation. */
  async stats(): Promise<MediaStats | null> {
    const pc = this.pc;
    if (!pc || this.closed) return null;
    const report = await pc.getStats();
    let inboundAudioBytes = 0;
    let outboundAudioBytes = 0;
    report.forEach((stat: RTCStats) => {
      if (stat.type === 'inbound-rtp' && (stat as RTCInboundRtpStreamStats).kind === 'audio') {
        inboundAudioBytes += (stat as RTCInboundRtpStreamStats).bytesReceived ?? 0;
      } else if (stat.type === 'outbound-rtp' && (stat as RTCOutboundRtpStreamStats).kind === 'audio') {
        outboundAudioBytes += (stat as RTCOutboundRtpStreamStats).bytesSent ?? 0;
      }
    });
    return { iceState: pc.iceConnectionState, inboundAudioBytes, outboundAudioBytes };
  }

  /** Synchronous and idempotent: safe before `open` finished and after an earlier close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.gathering?.cancel();
    this.stopRemoteAudio?.();
    this.stopRemoteAudio = null;
    this.pc?.close();
    this.pc = null;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.throwIfClosed();
      return operation();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private throwIfClosed(): void {
    if (this.closed) throw new MediaSessionClosedError(this.sessionId);
  }

  /** The peer connection, created on first use with the microphone track added. */
  private async connection(): Promise<RTCPeerConnection> {
    if (this.pc) return this.pc;
    const micTrack = await this.deps.microphone();
    this.throwIfClosed();
    const pc = this.deps.createPeerConnection();
    pc.addEventListener('track', (event) => {
      if (this.closed || event.track.kind !== 'audio') return;
      this.stopRemoteAudio?.();
      this.remote = event.streams[0] ?? new MediaStream([event.track]);
      this.stopRemoteAudio = this.deps.playRemoteAudio(this.remote);
    });
    // addTrack (not addTransceiver): only an addTrack transceiver is reused by a remote offer,
    // so an incoming call answers with our microphone instead of a second, silent m-line.
    if (micTrack) pc.addTrack(micTrack, streamOf(micTrack));
    this.micTrack = micTrack;
    this.pc = pc;
    return pc;
  }

  private beginNegotiation(): void {
    this.holdBeforeNegotiation = this.hold;
  }

  private applyOptions(options: MediaOptions): void {
    // Absent means "as before": SIP.js re-INVITE options persist, so main passes hold: false to unhold.
    if (options.hold !== undefined) this.hold = options.hold;
  }

  private iceLimits(options: MediaOptions): IceGatheringLimits {
    return {
      settleMs: options.iceSettleMs ?? this.deps.iceLimits.settleMs,
      capMs: options.iceGatheringTimeoutMs ?? this.deps.iceLimits.capMs,
    };
  }

  private audioTransceivers(pc: RTCPeerConnection): RTCRtpTransceiver[] {
    return pc.getTransceivers().filter((transceiver) => transceiver.receiver.track.kind === 'audio' && transceiver.currentDirection !== 'stopped');
  }

  /**
   * Hold silences the agent to the customer: no packets at all (replaceTrack(null); a disabled
   * track would still send silence) and `inactive` in what we offer or answer.
   */
  private async applyDirection(pc: RTCPeerConnection): Promise<void> {
    const direction: RTCRtpTransceiverDirection = this.hold ? 'inactive' : (this.sendOverride ?? this.micTrack) ? 'sendrecv' : 'recvonly';
    for (const transceiver of this.audioTransceivers(pc)) {
      if (transceiver.direction !== direction) transceiver.direction = direction;
    }
    await this.applySendTrack(pc);
  }

  private async applySendTrack(pc: RTCPeerConnection): Promise<void> {
    const track = this.hold || this.unanswered ? null : (this.sendOverride ?? (this.muted ? null : this.micTrack));
    for (const transceiver of this.audioTransceivers(pc)) {
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
    }
  }
}

/** SIP.js never says offer or answer; the signalling state does. */
/**
 * One stream per microphone track, for every call it is sent on. A stream registers itself with
 * its tracks, and the microphone outlives the calls (it is prepared before the next one): a new
 * stream per call stayed as long as the microphone did, one more with every call.
 */
const microphoneStreams = new WeakMap<MediaStreamTrack, MediaStream>();
function streamOf(track: MediaStreamTrack): MediaStream {
  let stream = microphoneStreams.get(track);
  if (!stream) {
    stream = new MediaStream([track]);
    microphoneStreams.set(track, stream);
  }
  return stream;
}

function descriptionTypeToCreate(state: RTCSignalingState): 'offer' | 'answer' {
  if (state === 'stable') return 'offer';
  if (state === 'have-remote-offer') return 'answer';
  throw new Error(`cannot create a description in signalling state ${state}`);
}

function remoteDescriptionType(state: RTCSignalingState): 'offer' | 'answer' {
  if (state === 'stable') return 'offer';
  if (state === 'have-local-offer') return 'answer';
  throw new Error(`cannot apply a remote description in signalling state ${state}`);
}
