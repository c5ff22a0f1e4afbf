/**
 * A worker that makes garbage (about 100 MB of small objects it lets go), then reports its heap
 * before and after `collectGarbage`, and whether it could collect at all.
 */
import { parentPort } from 'node:worker_threads';
import { collectGarbage } from '../../src/runtime/collect-garbage.ts';

let junk: { i: number; s: string }[] | null = Array.from({ length: 1_500_000 }, (_, i) => ({
  i,
  s: `garbage ${i}`,
}));
const kept = junk.slice(0, 10);
junk = null;
const before = process.memoryUsage().heapUsed;
collectGarbage();
const after = process.memoryUsage().heapUsed;
parentPort?.postMessage({ before, after, kept: kept.length });
