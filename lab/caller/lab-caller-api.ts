import type { AudioStats } from './audio-stats';

export type CallState = 'idle' | 'calling' | 'ringing' | 'established' | 'terminated';

/** `window.labCaller`: how tests script the caller page. */
export interface LabCallerApi {
  /** Resolves once the page is registered with Kamailio; rejects if configuration or REGISTER fails. */
  ready: Promise<void>;
  /** Sends an INVITE to `target` (a user of the lab domain); resolves when it is sent. */
  call(target: string, opts?: { displayName?: string }): Promise<void>;
  /** Cancels, rejects or ends the current call, whichever applies. */
  hangup(): Promise<void>;
  state(): CallState;
  /** Final response code of the last INVITE (sent, or answered by this page); null before any. */
  lastStatusCode(): number | null;
  /**
   * The number the agent transferred this caller to (REFER), once the page follows it: the call to
   * it is then the current call (`state`, `lastStatusCode`, `hangup` apply to it). Null otherwise.
   */
  transferredTo(): string | null;
  /** The other party of the current or last call, as "Display Name <user>" (or the user). */
  remoteParty(): string | null;
  audioStats(): Promise<AudioStats>;
  /** Answer incoming calls at once (the page then acts as a callee). */
  autoAnswer(enabled: boolean): void;
  /** The other side's SDP of the current call (e.g. to learn the telephone-event payload type). */
  remoteSdp(): string | null;
  /** Press keypad keys in the current call (SIP INFO dtmf-relay), e.g. a survey rating. */
  pressKeys(keys: string): Promise<void>;
  /** Send a sine wave at `frequencyHz` instead of the microphone, on this call and later ones (null: microphone). */
  sendTone(frequencyHz: number | null): Promise<void>;
  /** How far `frequencyHz` stands out, in dB over the spectrum's median, in what the page hears now (~0.6 s). */
  toneLevel(frequencyHz: number): Promise<number>;
}

declare global {
  interface Window {
    labCaller: LabCallerApi;
  }
}
