import * as z from 'zod';

/**
 * The media half of a call, served by the renderer (which has WebRTC) and called by the main
 * process (which runs SIP.js). One media session per call id. SIP.js never says "offer" or
 * "answer"; the engine infers it from its signalling state:
 *
 *   getDescription in stable            -> creates an offer  (outgoing INVITE / re-INVITE)
 *   getDescription after a remote offer -> creates an answer (incoming INVITE / re-INVITE)
 *   setDescription in stable            -> applies a remote offer
 *   setDescription after a local offer  -> applies the remote answer
 *   rollback                            -> back to stable after a rejected re-INVITE
 *
 * Only data crosses: SDP strings and the whitelisted options below. SDP modifiers, if any, run
 * in main between `getDescription` and sending.
 */
export const mediaOptionsSchema = z.object({
  /** Put the call on hold: the agent's microphone goes silent to the other side (no packets). */
  hold: z.boolean().optional(),
  /** Stop gathering ICE this long after the first usable candidate (ms). */
  iceSettleMs: z.number().int().min(0).max(10_000).optional(),
  /** Overall cap on ICE gathering (ms). */
  iceGatheringTimeoutMs: z.number().int().min(0).max(60_000).optional(),
});
export type MediaOptions = z.infer<typeof mediaOptionsSchema>;

export const sessionIdSchema = z.string().min(1).max(64);

export const sdpSchema = z.string().min(1).max(64_000);

export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

/** What the engine measured of a session, for the UI and for tests that prove audio flows. */
export interface MediaStats {
  iceState: string;
  inboundAudioBytes: number;
  outboundAudioBytes: number;
}

export interface MediaEngine {
  /** Acquire the microphone ahead of any call, so answering never waits for getUserMedia. */
  prepare(params: null): Promise<{ ready: boolean; error?: string }>;
  /** Create the peer connection for a call (idempotent). */
  open(params: { sessionId: string }): Promise<void>;
  /**
   * An incoming call rings: open its session and take in the caller's offer now, so that answering
   * only has to create the answer (DESIGN.md: prepare the peer connection while it rings). Nothing
   * is sent, and no ICE starts, before the answer is made. The later `setDescription` of the same
   * offer is then already done. A call never answered is closed like any other session.
   */
  prepareAnswer(params: { sessionId: string; sdp: string }): Promise<void>;
  getDescription(params: { sessionId: string; options: MediaOptions }): Promise<SessionDescription>;
  setDescription(params: { sessionId: string; sdp: string; options: MediaOptions }): Promise<void>;
  rollback(params: { sessionId: string }): Promise<void>;
  sendDtmf(params: { sessionId: string; tones: string; duration?: number; interToneGap?: number }): Promise<boolean>;
  mute(params: { sessionId: string; muted: boolean }): Promise<void>;
  stats(params: { sessionId: string }): Promise<MediaStats | null>;
  /**
   * Three-way call: each listed session sends the agent's microphone mixed with what the other
   * sessions receive, so everyone hears everyone. An empty list ends the mixing; a session that
   * closes leaves it by itself. Hold and mute still apply (mute silences the agent on every leg).
   */
  conference(params: { sessionIds: string[] }): Promise<void>;
  /** Release the session; safe to call for an unknown or already closed session. */
  close(params: { sessionId: string }): Promise<void>;
}

/** The schemas the renderer validates main's media requests with. */
export const mediaEngineSchemas = {
  prepare: z.null(),
  open: z.object({ sessionId: sessionIdSchema }),
  prepareAnswer: z.object({ sessionId: sessionIdSchema, sdp: sdpSchema }),
  getDescription: z.object({ sessionId: sessionIdSchema, options: mediaOptionsSchema }),
  setDescription: z.object({ sessionId: sessionIdSchema, sdp: sdpSchema, options: mediaOptionsSchema }),
  rollback: z.object({ sessionId: sessionIdSchema }),
  sendDtmf: z.object({
    sessionId: sessionIdSchema,
    tones: z.string().regex(/^[0-9A-D#*,]{1,64}$/i),
    duration: z.number().int().min(40).max(6000).optional(),
    interToneGap: z.number().int().min(30).max(6000).optional(),
  }),
  mute: z.object({ sessionId: sessionIdSchema, muted: z.boolean() }),
  stats: z.object({ sessionId: sessionIdSchema }),
  conference: z.object({ sessionIds: z.array(sessionIdSchema).max(2) }),
  close: z.object({ sessionId: sessionIdSchema }),
} satisfies Record<keyof MediaEngine, z.ZodType>;

export const MEDIA_SERVICE = 'media';
