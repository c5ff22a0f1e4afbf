import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findPeople, type Person } from '../../../src/core/people/index.ts';
import { buildQuoteIndex } from '../../../src/core/quotes/index.ts';
import { article, SEED_ALIASES, seedArticles, stadiumArticles } from '../quotes/helpers.ts';

describe('findPeople', () => {
  let seeds: readonly Person[];
  let stadium: readonly Person[];
  before(() => {
    seeds = findPeople(seedArticles(), SEED_ALIASES);
    stadium = findPeople(stadiumArticles());
  });
  const person = (people: readonly Person[], name: string) => people.find((p) => p.name === name);

  it('puts the most mentioned people first with full names as the corpus gives them', () => {
    assert.deepEqual(
      seeds.slice(0, 2).map((p) => p.name),
      ['John Legend', 'Kanye West'],
    );
  });

  it('gives surname, first name, initials and config aliases as forms', () => {
    const west = person(seeds, 'Kanye West');
    for (const form of ['Kanye West', 'West', 'Kanye', 'Ye', 'Yeezy']) {
      assert.ok(west?.forms.includes(form), form);
    }
    assert.ok(person(seeds, 'John Legend')?.forms.includes('JL'));
  });

  it('learns descriptions from other outlets’ attributions and from the text', () => {
    const legend = person(seeds, 'John Legend');
    assert.ok(legend?.descriptions.includes('the singer'));
    assert.ok(legend?.descriptions.includes('the 43-year-old singer'));
    assert.ok(person(seeds, 'Kanye West')?.descriptions.includes('the Yeezy mogul'));
  });

  it('learns descriptions from titles before names and from appositives', () => {
    const bell = person(stadium, 'Marcus Bell');
    assert.ok(bell?.descriptions.includes('the coach'));
    assert.ok(bell?.descriptions.includes('the former linebacker'));
    assert.ok(bell?.descriptions.includes('the 52-year-old coach'));
    assert.ok(person(stadium, 'Diane Okafor')?.descriptions.includes('the mayor'));
  });

  it('learns gender from pronouns', () => {
    assert.equal(person(stadium, 'Diane Okafor')?.gender, 'female');
    assert.equal(person(stadium, 'Priya Nandakumar')?.gender, 'female');
    assert.equal(person(stadium, 'Marcus Bell')?.gender, 'male');
    assert.equal(person(seeds, 'John Legend')?.gender, 'male');
  });

  it('does not take places, organisations or works for people', () => {
    const names = stadium.map((p) => p.name);
    for (const thing of ['Harbor Stadium', 'City Hall', 'Halden Mariners', 'Port Halden']) {
      assert.ok(!names.includes(thing), thing);
    }
    const seedNames = seeds.map((p) => p.name);
    for (const thing of ['Vanity Fair', 'New York', 'Get Lifted', 'Good Music', 'United States']) {
      assert.ok(!seedNames.includes(thing), thing);
    }
  });

  it('lists the articles each person appears in', () => {
    assert.equal(person(seeds, 'John Legend')?.sources.length, 5);
  });

  it('adds a config person whose full name the text never writes', () => {
    const people = findPeople(
      [article('Ye said: "I love you John."')],
      [{ name: 'Kanye West', aliases: ['Ye'] }],
    );
    assert.ok(people.some((p) => p.name === 'Kanye West' && p.forms.includes('Ye')));
  });

  it('learns a description from a relative clause that names someone (with a config alias)', () => {
    const west = person(seeds, 'Kanye West');
    assert.ok(west?.descriptions.includes('the rapper'));
    assert.ok(west?.descriptions.includes('the ‘Jesus Walks’ rapper'));
  });
});

describe('names after titles and role nouns', () => {
  it('takes the name at the end of a long capitalised run and the role noun before it', () => {
    const people = findPeople([
      article(
        '“The filter failed,” Plant Manager Owen Tate said. Harbour County District Attorney Lena Voss said the case was closed.',
      ),
    ]).map((p) => p.name);
    assert.ok(people.includes('Owen Tate'), people.join(', '));
    assert.ok(people.includes('Lena Voss'), people.join(', '));
    assert.ok(!people.some((p) => /Manager|Attorney|Plant/.test(p)), people.join(', '));
  });

  it('never takes a sentence-initial pronoun for the surname of someone named He', () => {
    const index = buildQuoteIndex([
      article(
        'Engineer Min He inspected the plant. Owen Tate, the manager, disputed that. He said the pumps were fine. “They passed every test,” he said.',
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Owen Tate');
  });
});
