import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanQuotes } from '../../../src/core/quotes/scan.ts';
import { article, seedArticles } from './helpers.ts';

function texts(raw: string): string[] {
  const a = article(raw);
  return scanQuotes(a.raw, a.paragraphs).map((s) => s.text);
}

describe('scanQuotes', () => {
  it('pairs curly double marks and keeps exactly the characters between them', () => {
    assert.deepEqual(texts('“We aren’t friends,” he said.'), ['We aren’t friends,']);
  });

  it('pairs straight double marks in order', () => {
    assert.deepEqual(texts('"One," he said. "Two."'), ['One,', 'Two.']);
  });

  it('pairs a curly opening mark with a straight closing one', () => {
    assert.deepEqual(texts('John said: “Well, you know, honestly." Then he left.'), [
      'Well, you know, honestly.',
    ]);
  });

  it('does not take apostrophes for closing single marks', () => {
    assert.deepEqual(texts('The ‘Jesus Walks’ rapper’s ’90s hits aren’t Trump’s.'), [
      'Jesus Walks',
    ]);
  });

  it('does not open a single quote on an elision like ’90s', () => {
    assert.deepEqual(texts("Back in the '90s they met."), []);
  });

  it('keeps single marks nested inside a double quotation as part of it', () => {
    assert.deepEqual(texts('"He \'forgot\' to read it," she said.'), ["He 'forgot' to read it,"]);
  });

  it('cuts a quotation that runs on into the next paragraph and marks it continuing', () => {
    const a = article('He said: "First part.\n"Second part."');
    const [first, second] = scanQuotes(a.raw, a.paragraphs);
    assert.equal(first?.text, 'First part.');
    assert.equal(first?.continues, true);
    assert.equal(first?.close, null);
    assert.equal(second?.text, 'Second part.');
  });

  it('keeps [sic] and bracketed insertions verbatim', () => {
    assert.deepEqual(texts('"I hope you reconsider alining [sic] yourself," [West] said.'), [
      'I hope you reconsider alining [sic] yourself,',
    ]);
  });

  it('finds a quotation glued to the previous sentence', () => {
    assert.deepEqual(texts('Legend could not support the bid."I wasn\'t alone," he said.'), [
      "I wasn't alone,",
    ]);
  });

  it('gives offsets whose slice of the raw text is the segment, for every seed quotation', () => {
    for (const a of seedArticles()) {
      for (const segment of scanQuotes(a.raw, a.paragraphs)) {
        assert.equal(a.raw.slice(segment.start, segment.end), segment.text);
        assert.ok(a.raw.includes(segment.text));
      }
    }
  });
});
