import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerModifier } from 'sip.js';
import type { MediaEngine, MediaOptions, SessionDescription } from '../../src/contract/media';
import type { Remote } from '../../src/rpc';

/** Gives the media engine of whichever renderer is connected now (it may have reloaded). */
export type MediaEngineSource = () => Remote<MediaEngine>;

/** SIP.js passes options as loose objects; only these JSON fields may cross to the renderer. */
export interface RemoteSdhOptions {
  hold?: boolean;
  iceSettleMs?: number;
  iceGatheringTimeoutMs?: number;
}

/**
 * The caller's offer the renderer took in, and answered, while the call rang
 * (MediaEngine.prepareAnswer): `ready` resolves true once it has (and `prepared` says so at
 * once). Answering then needs neither `open` nor `setDescription` of that offer, only the answer:
 * one round trip to the renderer instead of three, and no ICE gathering to wait for. `answer` is
 * that round trip started by the softphone ahead of SIP.js's accept(), before anything else of
 * the answering turn (the snapshot) reaches the renderer.
 */
export interface PreparedAnswer {
  sdp: string;
  ready: Promise<boolean>;
  prepared: boolean;
  answer: Promise<SessionDescription> | null;
}

export class SessionDescriptionHandlerClosedError extends Error {
  constructor(sessionId: string) {
    super(`media session ${sessionId} is closed`);
    this.name = 'SessionDescriptionHandlerClosedError';
  }
}

/**
 * SIP.js's SessionDescriptionHandler, implemented by calling the renderer's WebRTC MediaEngine
 * over the RPC (SIP.js runs in main, where there is no WebRTC).
 *
 * SIP.js calls the factory, `hasDescription`, `sendDtmf` and `close` synchronously, and the rest
 * without waiting for each other in races, so every media operation is chained on one queue per
 * handler, starting with opening the remote session. `close` skips the queue: it marks the handler
 * closed (later calls reject) and tells the renderer, which copes with a close that arrives
 * before its open finished.
 */
export class RemoteSessionDescriptionHandler implements SessionDescriptionHandler {
  private queue: Promise<unknown>;
  private closed = false;
  /** The prepared offer's answer, asked for before accept() (PreparedAnswer.answer), until getDescription takes it. */
  private earlyAnswer: Promise<SessionDescription> | null = null;

  constructor(
    private readonly media: MediaEngineSource,
    readonly sessionId: string,
    private readonly defaults: RemoteSdhOptions = {},
    private prepared: PreparedAnswer | null = null,
  ) {
    // Lazily, so a missing renderer fails the first operation instead of SIP.js's factory call;
    // a session prepared while it rang is open already.
    this.queue = (prepared?.ready ?? Promise.resolve(false)).then((ready) => (ready ? undefined : this.media().open({ sessionId })));
    // The first real operation reports an open failure; never leave it unhandled meanwhile.
    this.queue.catch(() => {});
  }

  getDescription(options?: object, modifiers?: SessionDescriptionHandlerModifier[]): Promise<BodyAndContentType> {
    rejectModifiers(modifiers);
    const mediaOptions = this.mediaOptions(options);
    return this.enqueue(async () => {
      // The answer asked for early (PreparedAnswer.answer) is the one for the default options.
      const early = this.earlyAnswer;
      this.earlyAnswer = null;
      const description = await (early && Object.keys(mediaOptions).length === 0 ? early : this.media().getDescription({ sessionId: this.sessionId, options: mediaOptions }));
      return { body: description.sdp, contentType: 'application/sdp' };
    });
  }

  setDescription(sdp: string, options?: object, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
    rejectModifiers(modifiers);
    const mediaOptions = this.mediaOptions(options);
    return this.enqueue(async () => {
      const prepared = this.prepared;
      this.prepared = null;
      if (prepared && prepared.sdp === sdp && mediaOptions.hold === undefined && (await prepared.ready)) {
        this.earlyAnswer = prepared.answer;
        return;
      }
      await this.media().setDescription({ sessionId: this.sessionId, sdp, options: mediaOptions });
    });
  }

  rollbackDescription(): Promise<void> {
    return this.enqueue(() => this.media().rollback({ sessionId: this.sessionId }));
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  /** SIP.js wants a synchronous answer; the tones go out through RTCDTMFSender asynchronously. */
  sendDtmf(tones: string, options?: unknown): boolean {
    if (this.closed || !/^[0-9A-D#*,]+$/i.test(tones)) return false;
    const { duration, interToneGap } = (options ?? {}) as { duration?: number; interToneGap?: number };
    void this.enqueue(() =>
      this.media().sendDtmf({ sessionId: this.sessionId, tones, ...(duration ? { duration } : {}), ...(interToneGap ? { interToneGap } : {}) }),
    ).catch(() => {});
    return true;
  }

  /** DTMF through the media sender, with its answer: false when the media cannot send it. */
  sendDtmfTones(tones: string, options: { duration?: number; interToneGap?: number } = {}): Promise<boolean> {
    return this.enqueue(() => this.media().sendDtmf({ sessionId: this.sessionId, tones, ...options }));
  }

  /** Mute is not part of SIP.js's contract; the softphone calls it directly. */
  mute(muted: boolean): Promise<void> {
    return this.enqueue(() => this.media().mute({ sessionId: this.sessionId, muted }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The renderer may be gone (reload) while the call ends: nothing to release then.
    try {
      void this.media().close({ sessionId: this.sessionId }).catch(() => {});
    } catch {
      // No renderer connected.
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new SessionDescriptionHandlerClosedError(this.sessionId));
    const run = this.queue.then(() => {
      if (this.closed) throw new SessionDescriptionHandlerClosedError(this.sessionId);
      return operation();
    });
    // The next operation waits for this one whether it worked or not.
    this.queue = run.catch(() => {});
    return run;
  }

  private mediaOptions(options: object | undefined): MediaOptions {
    const merged: RemoteSdhOptions = { ...this.defaults, ...(options as RemoteSdhOptions | undefined) };
    const picked: MediaOptions = {};
    if (typeof merged.hold === 'boolean') picked.hold = merged.hold;
    if (typeof merged.iceSettleMs === 'number') picked.iceSettleMs = merged.iceSettleMs;
    if (typeof merged.iceGatheringTimeoutMs === 'number') picked.iceGatheringTimeoutMs = merged.iceGatheringTimeoutMs;
    return picked;
  }
}

/** Modifiers are functions and cannot cross to the renderer; none of our call sites passes any. */
function rejectModifiers(modifiers: SessionDescriptionHandlerModifier[] | undefined): void {
  if (modifiers && modifiers.length > 0) throw new Error('SDP modifiers are not supported by RemoteSessionDescriptionHandler');
}
