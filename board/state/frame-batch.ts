/**
 * Changes that arrive faster than the screen paints (2,000 seats changing a few hundred times a
 * second) are applied once per animation frame, the newest per key: the board renders and sorts
 * once per frame instead of once per message. A hidden tab paints nothing and keeps at most one
 * pending change per key until it is shown again.
 */
export class FrameBatch<Value> {
  private pending = new Map<string, Value>();
  private scheduled = false;

  constructor(
    private readonly apply: (values: Value[]) => void,
    private readonly nextFrame: (callback: () => void) => void = (callback) => void requestAnimationFrame(callback),
  ) {}

  add(key: string, value: Value): void {
    this.pending.delete(key);
    this.pending.set(key, value);
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextFrame(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Applies what is pending now (before something that must come after it). */
  flush(): void {
    if (this.pending.size === 0) return;
    const values = [...this.pending.values()];
    this.pending = new Map();
    this.apply(values);
  }

  /** Forgets what is pending (the board closed). */
  clear(): void {
    this.pending.clear();
  }
}
