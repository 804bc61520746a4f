import type { SipProvision } from '../../src/contract/sync';
import type { Clock, ClockTimer } from '../../src/domain/clock';

export interface SipCredentialRenewalOptions {
  clock: Clock;
  /** When the credentials in use stop working (ms since epoch). */
  expiresAt: number;
  /** Asks the central server for fresh credentials. */
  fetch(): Promise<SipProvision>;
  /** Puts them to use (the phone re-registers with them). */
  apply(sip: SipProvision): Promise<void>;
  /** The server refused for good (the session ended): renewing stops, and `onFinal` hears why. */
  isFinal?(error: unknown): boolean;
  onFinal?(error: unknown): void;
}

/** Renew once this share of the remaining lifetime has passed: 9 h into 12 h credentials. */
const RENEW_AT_SHARE = 0.75;
const MIN_DELAY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Keeps the desk's short-lived SIP credentials alive for as long as the agent stays logged in
 * (a shift with overtime, a desk left open overnight): fresh ones from the server well before the
 * old ones expire, retried while the server cannot be reached, never after the session ended.
 */
export class SipCredentialRenewal {
  private timer: ClockTimer | undefined;
  private expiresAt: number;
  private stopped = false;

  constructor(private readonly options: SipCredentialRenewalOptions) {
    this.expiresAt = options.expiresAt;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.renewalDelay());
  }

  stop(): void {
    this.stopped = true;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private renewalDelay(): number {
    return Math.max(MIN_DELAY_MS, (this.expiresAt - this.options.clock.now()) * RENEW_AT_SHARE);
  }

  /** After a failure: a quarter of what is left, between 1 s and a minute; a minute once expired. */
  private retryDelay(): number {
    const left = this.expiresAt - this.options.clock.now();
    return left <= 0 ? MAX_RETRY_MS : Math.min(MAX_RETRY_MS, Math.max(MIN_DELAY_MS, left / 4));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.renew();
    }, delay);
  }

  private async renew(): Promise<void> {
    try {
      const sip = await this.options.fetch();
      if (this.stopped) return;
      await this.options.apply(sip);
      this.expiresAt = sip.expiresAt;
      this.schedule(this.renewalDelay());
    } catch (error) {
      // Stopped meanwhile (a logout): the failure is of a session that is over.
      if (this.stopped) return;
      if (this.options.isFinal?.(error)) {
        this.stop();
        this.options.onFinal?.(error);
        return;
      }
      this.schedule(this.retryDelay());
    }
  }
}
