import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, words } from '../../../src/core/text/fold.ts';

describe('fold', () => {
  it('lower-cases a plain word, the quick way, as the full folding would', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['Kanye', 'kanye'],
      ['WWI', 'wwi'],
      ['2016', '2016'],
      ['', ''],
    ];
    for (const [word, folded] of cases) assert.equal(fold(word), folded);
  });

  it('still folds quotes, dashes, ellipses, white space and compatibility forms', () => {
    assert.equal(fold('  “Aren’t” — ﬁne…\n'), `"aren't" - fine...`);
    assert.equal(fold('Malmö'), 'malmö');
    assert.deepEqual(words('“[Kanye and I] aren’t friends,” he said.'), [
      'kanye',
      'and',
      'i',
      "aren't",
      'friends',
      'he',
      'said',
    ]);
  });
});
