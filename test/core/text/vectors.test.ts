import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cosine, createWordVectors } from '../../../src/core/text/vectors.ts';

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
});
