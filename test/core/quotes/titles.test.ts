import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanQuotes } from '../../../src/core/quotes/scan.ts';
import { classifySegment } from '../../../src/core/quotes/titles.ts';
import { article } from './helpers.ts';

function kinds(raw: string): string[] {
  const a = article(raw);
  return scanQuotes(a.raw, a.paragraphs).map(
    (s) => `${s.text.trim()}=${classifySegment(a.raw, s)}`,
  );
}

describe('classifySegment', () => {
  it('treats song titles in quotation marks as titles, not quotes', () => {
    assert.deepEqual(kinds('They made hits like “Number One” and “It’s Over.”'), [
      'Number One=title',
      'It’s Over.=title',
    ]);
  });

  it('treats a slogan as a title', () => {
    assert.deepEqual(kinds('He wore a “Make America Great Again” hat.'), [
      'Make America Great Again=title',
    ]);
  });

  it('treats single-quoted titles with small words as titles', () => {
    assert.deepEqual(kinds("The 'All of Me' hitmaker spoke on 'The Axe Files' podcast."), [
      'All of Me=title',
      'The Axe Files=title',
    ]);
  });

  it('treats a quoted name as a title', () => {
    assert.deepEqual(kinds('He changed his name to ‘Ye’ last year.'), ['Ye=title']);
  });

  it('keeps a capitalised one-word statement followed by a speech verb as speech', () => {
    assert.deepEqual(kinds('"Nonsense," said Hale.'), ['Nonsense,=full']);
  });

  it('marks a short quoted phrase inside the reporter’s sentence as partial', () => {
    assert.deepEqual(kinds('Legend admitted they were "never the closest of friends."'), [
      'never the closest of friends.=partial',
    ]);
  });

  it('marks a quotation after a colon as full', () => {
    assert.deepEqual(kinds('He said: “we are done here.”'), ['we are done here.=full']);
  });

  it('marks a capitalised statement right after a speech verb as full even without a comma', () => {
    assert.deepEqual(kinds('He said "I love you John and I appreciate your thoughts."'), [
      'I love you John and I appreciate your thoughts.=full',
    ]);
  });
});
