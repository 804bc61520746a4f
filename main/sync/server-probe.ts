import type { Clock, ClockTimer } from '../../src/domain/clock';

export interface ServerProbeOptions {
  clock: Clock;
  /** Resolves when the central server answers; rejects when it cannot be reached. */
  check(): Promise<void>;
  /** Whether to ask now: a logged-in desk learns the server's state from its own requests. */
  wanted(): boolean;
  report(reachable: boolean): void;
  /** Between the end of one check and the next. */
  intervalMs: number;
}

/**
 * Asks the central server whether it answers while nobody is logged in: the login screen says
 * so before the agent types, and the first login finds its connection (and the HTTP client) ready.
 * One check at a time, however slow the server: the next is timed from the end of the last.
 */
export class ServerProbe {
  private timer: ClockTimer | undefined;
  private running = false;

  constructor(private readonly options: ServerProbeOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.probe();
  }

  stop(): void {
    this.running = false;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async probe(): Promise<void> {
    if (!this.running) return;
    if (this.options.wanted()) {
      let reachable: boolean;
      try {
        await this.options.check();
        reachable = true;
      } catch {
        reachable = false;
      }
      if (!this.running) return;
      try {
        this.options.report(reachable);
      } catch {
        // A failing listener must not stop the checks.
      }
    }
    this.timer = this.options.clock.setTimeout(() => void this.probe(), this.options.intervalMs);
  }
}
