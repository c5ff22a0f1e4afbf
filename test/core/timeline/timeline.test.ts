import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline, storyTimeline } from '../../../src/core/timeline/index.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

const seeds = seedsStory();
const seedEvents = storyTimeline(seeds);
const stadiumEvents = storyTimeline(stadium());

function eventWith(events: typeof seedEvents, phrase: string) {
  return events.find((e) => e.citations.some((c) => c.snippet.includes(phrase)));
}

describe('timeline on the seeds', () => {
  it('lists events oldest first, a year before the months inside it', () => {
    const keys = seedEvents.map((e) => e.date);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(keys[0], '2000');
  });

  it('reads "the early 2000s" as an approximate 2000', () => {
    const event = eventWith(seedEvents, 'early 2000s');
    assert.equal(event?.date, '2000');
    assert.equal(event?.approximate, true);
  });

  it('merges the 2004 debut told by two outlets into one event citing both', () => {
    const event = eventWith(seedEvents, "Legend's 2004 debut album Get Lifted");
    assert.equal(event?.date, '2004');
    assert.deepEqual(event?.citations[0]?.sources, [
      '001_eb9eaa3cbaa232cb',
      '004_0b61b2ffab8b2ab8',
    ]);
    assert.ok(event?.citations.some((c) => /Legend’s 2004\sdebut\sGet\sLifted/.test(c.snippet)));
  });

  it('finds 2016, April 2018 and 2020', () => {
    assert.equal(eventWith(seedEvents, 'started in 2016')?.date, '2016');
    assert.equal(eventWith(seedEvents, 'in April 2018')?.date, '2018-04');
    assert.equal(eventWith(seedEvents, 'POTUS in 2020')?.date, '2020');
  });

  it('dates the podcast interview "this week" by the article\'s publication, approximately', () => {
    const event = eventWith(seedEvents, 'The Axe Files podcast with CNN');
    assert.equal(event?.date, '2022-08-05');
    assert.equal(event?.approximate, true);
  });

  it("makes each dated article's publication an event", () => {
    const published = seedEvents.filter((e) => e.publication);
    assert.deepEqual(
      published.map((e) => [e.date, e.citations[0]?.source]),
      [
        ['2022-08-05', '000_1995089d9ac5036f'],
        ['2022-08-05', '001_eb9eaa3cbaa232cb'],
      ],
    );
  });

  it('leaves out relative dates of undated articles (Bossip\'s "September 9th", "last year")', () => {
    assert.equal(eventWith(seedEvents, 'September 9th'), undefined);
    assert.ok(!seedEvents.some((e) => e.date.startsWith('2021')));
  });

  it('quotes every event verbatim from its article', () => {
    for (const event of seedEvents) {
      for (const c of event.citations) {
        const raw = seeds.corpus.articles.find((a) => a.id === c.source)?.raw ?? '';
        for (const piece of c.snippet
          .split('…')
          .map((p) => p.trim())
          .filter(Boolean))
          assert.ok(raw.includes(piece), `${c.source} holds "${piece}"`);
      }
      assert.equal(event.text, event.citations[0]?.snippet);
    }
  });

  it('is deterministic', () => {
    assert.deepEqual(buildTimeline(seeds.index), seedEvents);
  });
});

describe('timeline on the stadium story', () => {
  it('resolves weekdays and "last week" against each article\'s own date', () => {
    assert.equal(eventWith(stadiumEvents, 'on Thursday rejected')?.date, '2025-03-13');
    assert.equal(eventWith(stadiumEvents, 'meeting on Saturday')?.date, '2025-03-15');
    const lastWeek = stadiumEvents.find(
      (e) => e.date === '2025-03-07' && e.text.includes('last week'),
    );
    assert.equal(lastWeek?.approximate, true);
  });

  it('finds the years of the background: 2014, 2019, 2022', () => {
    assert.equal(eventWith(stadiumEvents, 'since 2014')?.date, '2014');
    assert.equal(eventWith(stadiumEvents, 'bought the Mariners in 2019')?.date, '2019');
    assert.equal(eventWith(stadiumEvents, "mayor's office in 2022")?.date, '2022');
  });

  it('skips weekday mentions in undated articles ("on Friday", "on Monday")', () => {
    assert.equal(eventWith(stadiumEvents, 'statement on Friday'), undefined);
    assert.equal(eventWith(stadiumEvents, 'letter on Monday'), undefined);
  });

  it('is sorted by date', () => {
    const keys = stadiumEvents.map((e) => e.date);
    assert.deepEqual(keys, [...keys].sort());
  });
});
