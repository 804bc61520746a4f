/**
 * Time, injected. Every rule of the desk reads time and sets timers through a Clock, so tests can
 * run fifteen minutes of policy in milliseconds and hit exact boundaries.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer | undefined): void;
}

export type ClockTimer = { readonly clockTimer: unique symbol };

/** The real clock of the host. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as ClockTimer,
  clearTimeout: (timer) => clearTimeout(timer as unknown as TimerHandle),
};

/**
 * A clock that moves only when told to. `advance` fires due timers in time order, each seeing
 * `now()` equal to its own due time, so boundaries (limit − 1 ms, limit) are exact.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 0;
  private readonly timers = new Map<number, { due: number; seq: number; callback: () => void }>();

  constructor(start = Date.UTC(2026, 10, 23, 0, 30)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + Math.max(0, ms), seq: id, callback });
    return id as unknown as ClockTimer;
  }

  clearTimeout(timer: ClockTimer | undefined): void {
    if (timer !== undefined) this.timers.delete(timer as unknown as number);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: [number, { due: number; seq: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].due > target) continue;
        if (!next || entry[1].due < next[1].due || (entry[1].due === next[1].due && entry[1].seq < next[1].seq)) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.current = next[1].due;
      next[1].callback();
    }
    this.current = target;
  }

  /** How many timers are waiting (tests use it to prove a timer was cancelled). */
  get pendingTimers(): number {
    return this.timers.size;
  }
}
