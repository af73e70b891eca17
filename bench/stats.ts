/** Latency figures in milliseconds, from raw samples. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted samples (`q` in 0–100). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const round = (value: number): number => Math.round(value * 100) / 100;
  const total = samples.reduce((sum, value) => sum + value, 0);
  return {
    count: samples.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : NaN),
    mean: round(samples.length ? total / samples.length : NaN),
  };
}

/** The median of a few numbers (e.g. RSS samples). */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}
