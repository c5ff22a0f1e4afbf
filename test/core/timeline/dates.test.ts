import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDates, formatDateKey } from '../../../src/core/timeline/dates.ts';

const dates = (text: string, published: string | null = null) =>
  findDates(text, published).map((d) => [d.text, d.date, d.approximate]);

describe('findDates', () => {
  it('reads a full date as a day', () => {
    assert.deepEqual(dates('The vote was held on November 2, 2022.'), [
      ['November 2, 2022', '2022-11-02', false],
    ]);
    assert.deepEqual(dates('It opened on 2 March 2021.'), [['2 March 2021', '2021-03-02', false]]);
  });

  it('reads a month and year as a month, not as a month plus a year', () => {
    assert.deepEqual(dates('It appeared on the rocks in April 2018 after the tweets.'), [
      ['April 2018', '2018-04', false],
    ]);
  });

  it('reads a year after a preposition or as a modifier', () => {
    assert.deepEqual(dates('It all started in 2016.'), [['2016', '2016', false]]);
    assert.deepEqual(dates("West helped produce Legend's 2004 debut album."), [
      ['2004', '2004', false],
    ]);
  });

  it('does not read counts, money or percentages as years', () => {
    assert.deepEqual(dates('About 60,000 votes, $2020 in fees, 2000 fans and 1999% growth.'), []);
  });

  it('reads a decade as its first year, approximate', () => {
    assert.deepEqual(dates('They made hits in the early 2000s.'), [['early 2000s', '2000', true]]);
  });

  it('resolves a month and day with the publication date, to the nearest occurrence', () => {
    assert.deepEqual(dates('The album is out September 9th.', '2022-08-05'), [
      ['September 9th', '2022-09-09', false],
    ]);
    assert.deepEqual(dates('It happened on December 30.', '2023-01-04'), [
      ['December 30', '2022-12-30', false],
    ]);
  });

  it('resolves relative dates against the publication date', () => {
    assert.deepEqual(dates('He changed his name last year.', '2022-08-05'), [
      ['last year', '2021', false],
    ]);
    assert.deepEqual(dates('he said on the podcast this week', '2022-08-05'), [
      ['this week', '2022-08-05', true],
    ]);
    assert.deepEqual(dates('She rejected it on Thursday.', '2025-03-14'), [
      ['on Thursday', '2025-03-13', false],
    ]);
    assert.deepEqual(dates('A hearing will be held next month.', '2025-03-14'), [
      ['next month', '2025-04', false],
    ]);
    assert.deepEqual(dates('It closed three years ago.', '2025-03-14'), [
      ['three years ago', '2022', true],
    ]);
  });

  it('places a weekday in a future-tense clause after the publication date', () => {
    // 2025-07-08 is a Tuesday: the signing is the next day, not six days before.
    assert.deepEqual(dates('The mayor is expected to sign on Wednesday.', '2025-07-08'), [
      ['on Wednesday', '2025-07-09', false],
    ]);
    assert.deepEqual(dates('On Friday, the council will vote on the deal.', '2025-07-08'), [
      ['On Friday', '2025-07-11', false],
    ]);
    assert.deepEqual(dates('The two sides are due to meet on Monday.', '2025-07-08'), [
      ['on Monday', '2025-07-14', false],
    ]);
  });

  it('keeps a weekday past when its own clause is past, whatever a later clause says', () => {
    assert.deepEqual(dates('He said on Monday that he will sign the deal.', '2025-07-08'), [
      ['on Monday', '2025-07-07', false],
    ]);
    assert.deepEqual(dates('The council, which will vote again, met on Friday.', '2025-07-08'), [
      ['on Friday', '2025-07-04', false],
    ]);
  });

  it('leaves relative and partial dates out when the article has no date: never invented', () => {
    assert.deepEqual(dates('He changed his name last year, out September 9th, on Monday.'), []);
  });

  it('does not read the names of shows as dates', () => {
    assert.deepEqual(dates("an interview on the radio show 'Halden Today'", '2025-03-14'), []);
    assert.deepEqual(dates('He went on Sunday Sideline to say it.', '2025-03-14'), []);
  });
});

describe('formatDateKey', () => {
  it('writes a date key as people write dates', () => {
    assert.equal(formatDateKey('2018'), '2018');
    assert.equal(formatDateKey('2018-04'), 'April 2018');
    assert.equal(formatDateKey('2022-08-05'), 'August 5, 2022');
  });

  it('returns anything that is not a date key unchanged', () => {
    assert.equal(formatDateKey('2018-13'), '2018-13');
    assert.equal(formatDateKey('soon'), 'soon');
  });
});
