import type { Clock, ClockTimer } from '../../../src/domain/clock';

/** idle: nothing typed yet; pending: typed, waiting for a pause; saving; saved; failed: kept for the next attempt. */
export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export const DRAFT_AUTOSAVE_DELAY_MS = 400;
export const DRAFT_RETRY_DELAY_MS = 3_000;

export interface DraftAutosaverOptions<T> {
  save(draft: T): Promise<void>;
  clock: Clock;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  /** Wait before trying a failed save again (main busy, the link down for a moment). */
  retryDelayMs?: number;
  /** Whether a failure is worth retrying (default: all). A refusal by main is final. */
  shouldRetry?(error: unknown): boolean;
  onStatus?(status: AutosaveStatus): void;
}

/**
 * Saves a form's draft while the agent types: once typing pauses for `delayMs`, and at once on
 * `flush` (the wrap-up time ran out, the form closes). Saves never overlap and always carry the
 * newest content, so a slow save cannot overwrite a newer draft with an older one. A failed save
 * keeps its content and, when `shouldRetry` says so, tries again after `retryDelayMs` (any change
 * or flush tries sooner): a draft is never dropped on the floor.
 */
export class DraftAutosaver<T> {
  private pending: T | null = null;
  private timer: ClockTimer | undefined;
  /** The save in progress (or the last one), chained so saves run one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** Bumped by `cancel`, so a save failing after it does not bring cancelled content back. */
  private generation = 0;
  private readonly delayMs: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: DraftAutosaverOptions<T>) {
    this.delayMs = options.delayMs ?? DRAFT_AUTOSAVE_DELAY_MS;
    this.retryDelayMs = options.retryDelayMs ?? DRAFT_RETRY_DELAY_MS;
  }

  /** The form changed: remember the newest content and (re)start the quiet-time wait. */
  change(draft: T): void {
    this.pending = draft;
    this.saveAfter(this.delayMs);
    this.options.onStatus?.('pending');
  }

  /** Saves what is pending now; resolves once every save asked for so far has finished. */
  flush(): Promise<void> {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(() => this.saveNewest());
    return this.chain;
  }

  /** Drops pending content (the final wrap-up was saved, so there is no draft left to keep). */
  cancel(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    this.generation++;
  }

  private async saveNewest(): Promise<void> {
    const draft = this.pending;
    if (draft === null) return;
    const generation = this.generation;
    this.pending = null;
    this.options.onStatus?.('saving');
    try {
      await this.options.save(draft);
      if (this.pending === null) this.options.onStatus?.('saved');
    } catch (error) {
      if (generation !== this.generation) return;
      // Newer content typed meanwhile supersedes this one (and has its own timer); else keep this.
      if (this.pending === null) {
        this.pending = draft;
        if (this.options.shouldRetry?.(error) ?? true) this.saveAfter(this.retryDelayMs);
      }
      this.options.onStatus?.('failed');
    }
  }

  private saveAfter(ms: number): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => void this.flush(), ms);
  }
}
