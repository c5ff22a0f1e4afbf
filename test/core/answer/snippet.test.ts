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

  it('centres on the weight of the matching words, not on the first and last of them', () => {
    // A light word opens the passage and the heavy one sits late: a window from the first to
    // the last would end on the heavy word and cut off what follows it.
    const text = `Harvard faculty include ${'many noted scholars, '.repeat(6)}and the mathematician Shing-Tung Yau, who won a prize. ${'Other words follow here. '.repeat(10)}`;
    const weights: Record<string, number> = { Harvard: 0.2, faculty: 0.2, mathematician: 1 };
    const snippet = makeSnippet(text, (w) => weights[w] ?? 0, 200);
    assert.ok(snippet.includes('mathematician Shing-Tung Yau'), snippet);
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

describe('makeSnippet on huge passages', () => {
  it('cuts a 1 MB passage without sentence ends in linear time', () => {
    // One unpunctuated 1 MB "sentence": finding sentence starts used to rescan the text before
    // every word (about 50 s at this size). A generous bound, far above the linear cost.
    const text = `${'lorem ipsum dolor sit amet '.repeat(40_000)}the answer is here ${'consectetur adipiscing elit '.repeat(1_000)}`;
    const started = process.hrtime.bigint();
    const snippet = makeSnippet(text, (w) => (w === 'answer' ? 1 : 0), 300);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
    assert.ok(snippet.includes('the answer is here'));
    assert.ok(snippet.length <= 300);
  });

  it('centres the matching words, so the words around them show on both sides', () => {
    const text = `${'before '.repeat(100)}match ${'after '.repeat(100)}`;
    const snippet = makeSnippet(text, (w) => (w === 'match' ? 1 : 0), 100);
    const at = snippet.indexOf('match');
    // Roughly as much text before the match as after it.
    assert.ok(Math.abs(at - (snippet.length - at - 'match'.length)) < 15, snippet);
  });
});
