import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewsArticle } from './read-news.ts';
import { baselineListing, goldQuotes, normaliseName, scoreNews } from './score-news.ts';

// A made-up article in the shape of the annotated set: offsets drift from the text on purpose.
const text = [
  'Harbour council voted on Tuesday to close the pier.',
  '“We had no choice,” said Mayor Ana Ruiz. “The pilings are rotten.”',
  'Ruiz called the decision "painful" for the town.',
  '“It is a disgrace,” said fisher Tom Ek.',
].join('\n\n');
const at = (s: string) => text.indexOf(s);
const article: NewsArticle = {
  id: 'a1',
  outlet: 'Test Outlet',
  text,
  people: ['Ana Ruiz', 'Tom Ek'],
  quotes: [
    {
      quote: '“We had no choice,”',
      start: at('“We had') + 7,
      speaker: 'Ruiz',
      reference: 'Ana Ruiz',
    },
    { quote: '“The pilings are rotten.”', start: null, speaker: 'Ruiz', reference: 'Ana Ruiz' },
    { quote: '"painful"', start: at('"painful"'), speaker: 'Ruiz', reference: 'Ana Ruiz' },
    { quote: '“It is a disgrace,”', start: at('“It is'), speaker: 'Ek', reference: 'Tom Ek' },
    { quote: '“Not in this article”', start: 3, speaker: 'x', reference: 'X' },
  ],
};
const span = (s: string) => ({ start: at(s), end: at(s) + s.length });

describe('news quote scoring', () => {
  it('scores quotes set off in double marks and locates them by text despite drifting offsets', () => {
    const { gold, unlocated } = goldQuotes(article);
    assert.deepEqual(
      gold.map((g) => text.slice(g.start, g.end)),
      ['“We had no choice,”', '“The pilings are rotten.”', '“It is a disgrace,”'],
    );
    assert.equal(unlocated, 1);
  });

  it('counts a speaker right only with the annotated full name', () => {
    const quotes = [
      { spans: [span('We had no choice,')], speaker: 'Ana Ruiz', rule: 'cue-after' },
      { spans: [span('The pilings are rotten.')], speaker: 'Ruiz', rule: 'continuation' },
      { spans: [span('It is a disgrace,')], speaker: 'Fisher Tom Ek', rule: 'cue-after' },
      { spans: [span('painful')], speaker: null, rule: 'none' },
      { spans: [span('Harbour council')], speaker: null, rule: 'none' },
    ];
    const result = scoreNews([article], new Map([['a1', { extracted: quotes, listed: quotes }]]));
    assert.equal(result.scores.recall, 1);
    assert.equal(result.scores.speaker, 1 / 3);
    assert.equal(result.scores.precision, 4 / 5);
    assert.deepEqual(result.errors.map((e) => e.kind).sort(), [
      'listed, not a quote',
      'name with extra words',
      'surname or part of the name only',
    ]);
  });

  it('separates quotes extracted but not listed from quotes never extracted', () => {
    const extracted = [{ spans: [span('It is a disgrace,')], speaker: null, rule: 'none' }];
    const result = scoreNews([article], new Map([['a1', { extracted, listed: [] }]]));
    assert.equal(result.scores.extracted, 1 / 3);
    assert.equal(result.scores.recall, 0);
    assert.equal(result.errors.filter((e) => e.kind === 'not extracted').length, 2);
  });

  it('folds case, accents, punctuation and a leading "the" in names, nothing more', () => {
    assert.equal(normaliseName('The  RCMP'), normaliseName('rcmp'));
    assert.equal(normaliseName('José Núñez'), 'jose nunez');
    assert.notEqual(normaliseName('Dr. Ana Ruiz'), normaliseName('Ana Ruiz'));
  });

  it('gives the baseline the nearest capitalised name, completed to its longest form', () => {
    const listing = baselineListing(text);
    const disgrace = listing.listed.find((q) => text.slice(q.spans[0]?.start).startsWith('It is'));
    assert.equal(disgrace?.speaker, 'Tom Ek');
    const choice = listing.listed.find((q) => text.slice(q.spans[0]?.start).startsWith('We had'));
    assert.equal(choice?.speaker, 'Mayor Ana Ruiz');
  });
});
