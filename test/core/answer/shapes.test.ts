import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passageShapes } from '../../../src/core/answer/shapes.ts';
import { fold } from '../../../src/core/text/fold.ts';

/** Shapes of a sentence, with the question's words as the asked ones. */
function shapes(text: string, question = '') {
  const asked = new Set(question.split(/\s+/).map(fold));
  return passageShapes(text, (w) => asked.has(w));
}

describe('passageShapes', () => {
  it('reads a bare year as a date, not as an amount', () => {
    const s = shapes('The bridge opened in 2014.');
    assert.equal(s.date, true);
    assert.equal(s.number, false);
    assert.equal(shapes('The bridge cost 40 million dollars.').number, true);
  });

  it('finds a name after a preposition of place, but not a capital that opens the sentence', () => {
    assert.deepEqual(
      { ...shapes('They met in Warsaw.') },
      { date: false, number: false, name: true, place: true, title: false, person: false },
    );
    assert.equal(shapes('Meanwhile the rain went on.').name, false);
  });

  it("tells a person's name from other names, by the corpus's people", () => {
    const people = new Set(['okafor']);
    const of = (text: string, question = '') => {
      const asked = new Set(question.split(/\s+/).map(fold));
      return passageShapes(
        text,
        (w) => asked.has(w),
        (w) => people.has(w),
      );
    };
    assert.equal(of('The plan was backed by Okafor in March.').person, true);
    assert.equal(of('The plan was backed by Okafor in March.').name, true);
    assert.equal(of('The plan was backed by the council in Leeds.').person, false);
    // A name the question already holds is no answer.
    assert.equal(of('The plan was backed by Okafor.', 'Okafor').person, false);
  });

  it('finds a capitalised title in quotation marks unless the question already names it', () => {
    assert.equal(shapes('Their first song together was “Number One”.').title, true);
    assert.equal(shapes('He sang "Hey Jude" twice.').title, true);
    assert.equal(shapes('He sang "Hey Jude" twice.', 'Hey Jude').title, false);
    // Straight single quotes too (`the radio show 'Halden Today'`), but not an apostrophe.
    assert.equal(shapes("She spoke on the radio show 'Halden Today'.").title, true);
    assert.equal(shapes("It's O'Neil's view, and Bell's.").title, false);
    // A long quotation is a quotation, not a title.
    assert.equal(
      shapes('“We are not less friends because of politics,” he said, “it is life.”').title,
      false,
    );
  });

  it('reads a word the same wherever it stands, once its shapes are known', () => {
    // Each word's own shapes are found once and reused: where it stands still decides the rest.
    // `Warsaw` opening a sentence is no name; the same word later in one is.
    assert.equal(shapes('Warsaw grew.').name, false);
    assert.equal(shapes('They met in Warsaw.').place, true);
    assert.equal(shapes('Warsaw grew.').name, false);
    // `May` is a month only when written as one, first read either way.
    assert.equal(shapes('It may rain.').date, false);
    assert.equal(shapes('It rained in May.').date, true);
    assert.equal(shapes('It may rain.').date, false);
  });
});
