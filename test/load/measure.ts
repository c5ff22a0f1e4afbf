/**
 * Helpers for the load tests: percentiles and heap use after a full garbage collection. The
 * collector is reached without `--expose-gc` on the command line: the flag is set at run time
 * and `gc` read from a fresh context, which V8 then provides.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap used, in MiB, after collecting garbage twice (weak references need two passes). */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** The nearest-rank percentile `p` (0..1) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
