// What the benchmarks print of a series of timings: the median and the 95th percentile
// (nearest rank), in milliseconds rounded to hundredths.

export interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
}

/** The p-quantile (0 < p ≤ 1) of the samples by nearest rank; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return Number((sorted[rank - 1] ?? 0).toFixed(2));
}

export function timing(samples: readonly number[]): Timing {
  return { medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) };
}
