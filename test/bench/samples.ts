/** Latencies of one kind, in ms, and their percentiles (nearest rank). */
export class Samples {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The value at or below which `percent` of the samples lie; NaN without samples. */
  percentile(percent: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.ceil((percent / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
  }

  summary(): Distribution {
    return { samples: this.count, p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99) };
  }
}

export interface Distribution {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}
