import type { Step } from './hostile-offer';

/** The caller's end of one fuzz case, whatever its transport. */
export interface FuzzCaller {
  /** Sends the offer (answering the PBX's challenge); the rest happens in the background. */
  start(): void;
  /** The final status of the offer (the initial INVITE), once it has one. */
  readonly final: Promise<number>;
  /**
   * Resolves if the offer got no answer at all, not even 100 Trying, for DROP_MS: the PBX dropped
   * it as unparseable (it relays or refuses anything it can read at once), so no desk saw it.
   */
  readonly dropped: Promise<void>;
  /** One caller step of the script, sent even where it makes no sense (that is the point). */
  step(step: Extract<Step, { actor: 'caller' }>): Promise<void>;
  /** Ends what is still going on: cancels an offer without a final answer, hangs up a call. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/** Far longer than the PBX takes to say 100 Trying to anything it can parse, even on a busy machine. */
export const DROP_MS = 2_000;

/** `promise`, or a failure naming `what` if it takes longer than `ms`: a stuck case fails instead of hanging the run. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (nothing after ${ms} ms)`)), ms);
  });
  return Promise.race([promise, watchdog]).finally(() => clearTimeout(timer));
}
