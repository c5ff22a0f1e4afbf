import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  cosine,
  createWordVectors,
  wordTable,
  wordVectorsFromTable,
} from '../../../src/core/text/vectors.ts';

/** A three-word table in 2 dimensions, scaled as the compact file stores it. */
function table() {
  const scale = 100;
  // 'aired' and 'broadcast' point almost the same way; 'banana' is orthogonal to both.
  const data = Int8Array.from([100, 0, 98, 20, 0, 100]);
  return createWordVectors(['aired', 'broadcast', 'banana'], data, 2, scale);
}

describe('word vectors', () => {
  it('scores near words above far ones and knows which words it has', () => {
    const v = table();
    const near = v.similarity('aired', 'broadcast') ?? 0;
    const far = v.similarity('aired', 'banana') ?? 1;
    assert.ok(near > 0.9, `near ${near}`);
    assert.ok(Math.abs(far) < 0.01, `far ${far}`);
    assert.equal(v.similarity('aired', 'zebra'), null);
    assert.equal(v.has('banana'), true);
    assert.equal(v.has('zebra'), false);
  });

  it('compares rows as it compares words, and finds the closest of many rows', () => {
    const v = table();
    const [aired, broadcast, banana] = ['aired', 'broadcast', 'banana'].map((w) => v.row(w));
    assert.equal(v.row('zebra'), -1);
    assert.equal(
      v.rowSimilarity(aired as number, broadcast as number),
      v.similarity('aired', 'broadcast'),
    );
    assert.equal(
      v.closestRow(aired as number, Int32Array.from([banana as number, broadcast as number])),
      v.similarity('aired', 'broadcast'),
    );
    // Nothing closer than orthogonal, or no rows at all: 0.
    assert.equal(v.closestRow(aired as number, Int32Array.from([banana as number])), 0);
    assert.equal(v.closestRow(aired as number, new Int32Array(0)), 0);
  });

  it('ranks rarity by position in the frequency-ordered table, absent words rarest', () => {
    const v = table();
    assert.equal(v.rarity('aired'), 0);
    assert.ok(v.rarity('broadcast') < v.rarity('banana'));
    assert.equal(v.rarity('zebra'), 1);
  });

  it('accumulates weighted unit vectors, so a sum of synonyms points their way', () => {
    const v = table();
    const sum = new Float64Array(2);
    assert.equal(v.accumulate('aired', 1, sum), true);
    assert.equal(v.accumulate('broadcast', 2, sum), true);
    assert.equal(v.accumulate('zebra', 1, sum), false);
    const banana = new Float64Array(2);
    v.accumulate('banana', 1, banana);
    assert.ok((sum[0] ?? 0) > 2.9 && (sum[1] ?? 0) > 0.3);
    assert.ok(cosine(sum, banana) < 0.2);
  });

  it('takes the cosine of zero vectors as 0, not NaN', () => {
    assert.equal(cosine(new Float64Array(3), Float64Array.from([1, 2, 3])), 0);
    assert.ok(Math.abs(cosine(Float64Array.from([1, 0]), Float64Array.from([2, 0])) - 1) < 1e-12);
  });

  it('keeps the first row of a repeated word, as the most frequent one', () => {
    const v = createWordVectors(
      ['aired', 'aired', 'banana'],
      Int8Array.from([100, 0, 0, 100, 0, 100]),
      2,
      100,
    );
    assert.equal(v.row('aired'), 0);
    assert.equal(v.row('banana'), 2);
    assert.equal(v.similarity('aired', 'banana'), 0);
  });

  it('finds every word of a large table and no near miss', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const v = createWordVectors(words, new Int8Array(words.length), 1, 1);
    assert.ok(words.every((w, i) => v.row(w) === i));
    for (const miss of ['w', 'wzzzz', 'W0', 'w0 ', '', 'w0\n']) assert.equal(v.row(miss), -1, miss);
  });

  it('keeps a word past ASCII in its row without matching it by its bytes', () => {
    // The converter keeps ASCII words only; a table holding another still serves the rest.
    const v = createWordVectors(['café', 'aired'], Int8Array.from([100, 0, 98, 20]), 2, 100);
    assert.equal(v.row('aired'), 1);
    assert.equal(v.row('caf\u00c3\u00a9'), -1);
  });

  it('opens the same table from its shared memory, in this thread or another, without a copy', async () => {
    const v = table();
    const again = wordVectorsFromTable(v.table);
    assert.equal(again.table, v.table);
    assert.equal(again.similarity('aired', 'broadcast'), v.similarity('aired', 'broadcast'));
    // Another thread writes into the header's spare slot: this thread sees it, so the memory is one.
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      new Int32Array(workerData, 0, 8)[7] = 42;
      parentPort.postMessage(workerData.byteLength);
    `;
    const worker = new Worker(source, { eval: true, workerData: v.table });
    const seen = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    assert.equal(seen, v.table.byteLength);
    assert.equal(new Int32Array(v.table, 0, 8)[7], 42);
    assert.equal(again.similarity('aired', 'broadcast'), v.similarity('aired', 'broadcast'));
  });

  it('refuses a buffer that is not a table rather than reading past it', () => {
    assert.throws(() => wordVectorsFromTable(new SharedArrayBuffer(8)), /too short/);
    const good = table().table;
    const cut = new SharedArrayBuffer(good.byteLength - 1);
    new Uint8Array(cut).set(new Uint8Array(good).subarray(0, cut.byteLength));
    assert.throws(() => wordVectorsFromTable(cut), /damaged/);
    assert.throws(
      () => wordTable(new Uint8Array(1), 1, new Int8Array(3), 2, 100),
      /3 values for 1 words of 2/,
    );
  });

  it('refuses a scale its header could not hold (whole numbers only)', () => {
    assert.throws(
      () => wordTable(new Uint8Array(1), 1, new Int8Array(2), 2, 2.5),
      /whole numbers above 0/,
    );
  });
});
