/** Latency percentiles shared by every benchmark. */
export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
}

/**
 * p50 and p99 of a list of durations in milliseconds (nearest rank), rounded to 0.01 ms.
 *
 * @example
 * percentiles([3, 1, 2]) // { p50: 2, p99: 3 }
 */
export function percentiles(times: readonly number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => {
    if (sorted.length === 0) return 0;
    const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
  };
  return { p50: at(0.5), p99: at(0.99) };
}
