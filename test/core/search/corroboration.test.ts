import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCorroboration } from '../../../src/core/search/corroboration.ts';

describe('corroboration', () => {
  const sources = [
    '"[Kanye and I] aren\'t friends as much as we used to be," the singer told host David Axelrod.',
    '“We aren’t friends as much as we used to be. I honestly think because we publicly disagreed.”',
    "Hey, it's JL. I hope you'll reconsider alining [sic] yourself with Trump. You're way too powerful.",
    '“Hey it’s JL. I hope you’ll reconsider aligning yourself with Trump,” Legend wrote.',
    'The album will feature heavy hitters like Jazmine Sullivan.',
  ];
  const c = buildCorroboration(sources);

  it('finds the same statement despite curly quotes and a bracketed insertion', () => {
    assert.deepEqual(c.sourcesReporting("We aren't friends as much as we used to be"), [0, 1]);
  });

  it('finds the same statement despite [sic], a misspelling and a missing comma', () => {
    assert.deepEqual(
      c.sourcesReporting("Hey it's JL. I hope you'll reconsider aligning yourself with Trump"),
      [2, 3],
    );
  });

  it('does not merge a different statement that shares a few words', () => {
    assert.deepEqual(c.sourcesReporting('The singer will feature on an album with Trump'), []);
  });

  it('does not take the same words around another number for the same claim', () => {
    const numbers = buildCorroboration([
      'Because of this, he left the race with about 60,000 votes in a dozen states.',
      'Because of this, he left the race with about 66,000 votes in a dozen states.',
    ]);
    assert.deepEqual(
      numbers.sourcesRepeating('he left the race with about 60,000 votes in a dozen states'),
      [0],
    );
  });

  it('measures one-way overlap: a part is covered by the whole, not the reverse', () => {
    const part = "we aren't friends as much as we used to be";
    assert.equal(c.overlap(part, sources[1] ?? ''), 1);
    assert.ok(c.overlap(sources[1] ?? '', part) < 0.7);
  });
});
