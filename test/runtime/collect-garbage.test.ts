import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { WORKER_ENTRY } from '../../src/runtime/pool.ts';

const GARBAGE_WORKER = new URL('../support/garbage-worker.ts', import.meta.url).href;

describe('collecting garbage in a worker', () => {
  it('gives back what a worker let go, without --expose-gc', async () => {
    // A worker as the pool starts one: no V8 flags of its own.
    const worker = new Worker(WORKER_ENTRY, { workerData: { module: GARBAGE_WORKER } });
    const { before, after, kept } = await new Promise<{
      before: number;
      after: number;
      kept: number;
    }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const mb = (x: number) => Math.round(x / 2 ** 20);
    assert.equal(kept, 10, 'what is still referenced stays');
    assert.ok(before - after > 50 * 2 ** 20, `heap ${mb(before)} MB -> ${mb(after)} MB`);
  });
});
