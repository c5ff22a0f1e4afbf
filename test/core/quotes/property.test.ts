import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildQuoteIndex } from '../../../src/core/quotes/index.ts';
import { article } from './helpers.ts';

// Text made of the pieces that trip quote scanners: every kind of mark, apostrophes, brackets,
// names, speech verbs, pronouns and paragraph breaks.
const piece = fc.constantFrom(
  '“',
  '”',
  '"',
  '‘',
  '’',
  "'",
  ' ',
  '\n',
  '\n\n',
  '.',
  ',',
  ':',
  '[sic]',
  '[West]',
  '…',
  'Legend',
  'John Legend',
  'Mayor Diane Okafor',
  'she',
  'he',
  'said',
  'told',
  'the singer',
  'aren’t',
  '’90s',
  'We',
  'friends',
  'According to',
  'It read,',
);
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(' ').trim() || 'x');

describe('quote index invariants', () => {
  it('never throws and keeps every segment verbatim at its offsets, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const articles = texts.map((t, i) => article(t, `p${i}`));
        const index = buildQuoteIndex(articles);
        for (const quote of index.quotes) {
          for (const mention of quote.mentions) {
            const raw = articles.find((a) => a.id === mention.source)?.raw ?? '';
            mention.segments.forEach((segment, i) => {
              const span = mention.spans[i];
              assert.ok(span);
              assert.equal(raw.slice(span.start, span.end), segment);
            });
          }
        }
        index.findSpeaker('kayne');
        index.completeSpeakers('le', 3);
      }),
      { numRuns: 200 },
    );
  });

  it('only ever names a speaker the index lists', () => {
    fc.assert(
      fc.property(text, (t) => {
        const index = buildQuoteIndex([article(t)]);
        const listed = new Set(index.speakers.map((s) => s.name));
        for (const quote of index.quotes) if (quote.speaker) assert.ok(listed.has(quote.speaker));
      }),
      { numRuns: 200 },
    );
  });
});
