import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { segment } from '../../../src/core/corpus/segment.ts';

const split = (text: string) => segment(text, [{ start: 0, end: text.length }]).map((s) => s.text);

describe('segment', () => {
  it('splits ordinary sentences', () => {
    assert.deepEqual(split('They met in 2004. They fell out in 2018! Why? Politics.'), [
      'They met in 2004.',
      'They fell out in 2018!',
      'Why?',
      'Politics.',
    ]);
  });

  it('does not split after titles and abbreviations such as Sen. and Pres.', () => {
    assert.deepEqual(split('He backed Sen. Elizabeth Warren and Pres. Joe Biden. Then he left.'), [
      'He backed Sen. Elizabeth Warren and Pres. Joe Biden.',
      'Then he left.',
    ]);
  });

  it('does not split after initials or dotted acronyms inside a sentence', () => {
    assert.deepEqual(
      split('He signed with G.O.O.D. Music in the U.S. market and met John F. Kennedy Jr. there.'),
      ['He signed with G.O.O.D. Music in the U.S. market and met John F. Kennedy Jr. there.'],
    );
  });

  it('ends a sentence at a dotted acronym when a typical opener follows', () => {
    assert.deepEqual(split('He lives in L.A. She lives in Wyoming.'), [
      'He lives in L.A.',
      'She lives in Wyoming.',
    ]);
  });

  it('keeps an ellipsis inside a sentence', () => {
    assert.deepEqual(split('So I was on a lot of his tracks...a lot of tracks. Done.'), [
      'So I was on a lot of his tracks...a lot of tracks.',
      'Done.',
    ]);
  });

  it('splits a sentence glued to the previous one by its opening quotation mark', () => {
    assert.deepEqual(
      split('Legend could not support the bid."I wasn\'t alone in that," Legend said.'),
      ['Legend could not support the bid.', '"I wasn\'t alone in that," Legend said.'],
    );
  });

  it('splits a sentence glued to the previous one without a space', () => {
    assert.deepEqual(split('It ended their friendship.Legend admitted it.'), [
      'It ended their friendship.',
      'Legend admitted it.',
    ]);
  });

  it('never splits inside a quotation', () => {
    assert.deepEqual(split('He said: “We are done. It is over. Goodbye.” Then he left.'), [
      'He said: “We are done. It is over. Goodbye.”',
      'Then he left.',
    ]);
  });

  it('handles mixed quotation marks (curly open, straight close)', () => {
    assert.deepEqual(split('John said: “Well, honestly. Yes." The end.'), [
      'John said: “Well, honestly. Yes."',
      'The end.',
    ]);
  });

  it('gives offsets whose slice is the sentence text, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const s of segment(text, [{ start: 0, end: text.length }])) {
          assert.equal(text.slice(s.start, s.end), s.text);
          assert.equal(s.text, s.text.trim());
        }
      }),
    );
  });
});
