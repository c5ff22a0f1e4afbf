import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ELLIPSIS, makeSnippet, snippetPieces } from '../../../src/core/answer/snippet.ts';

describe('makeSnippet', () => {
  it('returns a short passage whole', () => {
    assert.equal(
      makeSnippet('Short text.', () => 0, 300),
      'Short text.',
    );
  });

  it('centres a long passage on the words that matter, cutting at word boundaries', () => {
    const text = `${'filler words here. '.repeat(30)}The key fact is 60,000 votes in a dozen states. ${'more filler. '.repeat(30)}`;
    const snippet = makeSnippet(text, (w) => (w.startsWith('votes') ? 1 : 0), 120);
    assert.ok(snippet.includes('60,000 votes'));
    assert.ok(snippet.startsWith(ELLIPSIS) && snippet.endsWith(ELLIPSIS));
    assert.ok(snippet.length <= 120);
  });

  it('keeps every piece verbatim and within the limit, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 800 }), fc.integer({ min: 40, max: 400 }), (text, max) => {
        const snippet = makeSnippet(text, (w) => w.length % 3, max);
        assert.ok(snippet.length <= Math.max(max, text.length <= max ? text.length : 0));
        for (const piece of snippetPieces(snippet)) assert.ok(text.includes(piece));
      }),
    );
  });
});
