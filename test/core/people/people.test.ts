import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findPeople, type Person } from '../../../src/core/people/index.ts';
import { buildQuoteIndex } from '../../../src/core/quotes/index.ts';
import {
  article,
  mentionOf,
  SEED_ALIASES,
  seedArticles,
  stadiumArticles,
} from '../quotes/helpers.ts';

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

  it('keeps a surname particle in the name and reads the surname with it ("Al Amin said")', () => {
    // `Tariq` is an English word to the lexicon and `Al` is one too: the particle must not use up
    // the one English word a surname may take as its given name.
    const index = buildQuoteIndex([
      article(
        [
          'Tariq Al Amin and Noor Al Sayed opened a bakery in Halden last spring.',
          '"We bake before dawn," Al Sayed said.',
          '"I still burn the first tray," Al Amin said.',
        ].join('\n\n'),
      ),
    ]);
    const speakers = index.quotes.map((q) => q.speaker);
    assert.deepEqual(speakers, ['Noor Al Sayed', 'Tariq Al Amin']);
  });

  it('finds the person named after a credit line that starts with "The"', () => {
    // `The Harbour Herald Ilse Varga` is a credit and a caption: `the` belongs to the outlet, so
    // the name after it is a person however often the caption recurs, and her surname is hers.
    const index = buildQuoteIndex([
      article(
        [
          'Ilse Varga opened the clinic in 2019.',
          'Ola Berg / The Harbour Herald Ilse Varga at the clinic.',
          '"We see forty patients a day," Varga said.',
          'Ola Berg / The Harbour Herald Ilse Varga and a patient.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Ilse Varga');
  });

  it('reads a full name after a title acronym ("Green MLA Ravi Dunmore") as a person, not an organisation', () => {
    const index = buildQuoteIndex([
      article(
        [
          'Green MLA Ravi Dunmore called the decision a mistake.',
          '"It should be reversed," Dunmore wrote in an email.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Ravi Dunmore');
    // Words after an acronym that are not a given name and a surname still name an organisation.
    const power = buildQuoteIndex([article('"Crews are out," HRB Power said on Friday.')]);
    assert.deepEqual(
      [power.quotes[0]?.speaker, power.quotes[0]?.speakerKind],
      ['HRB Power', 'organisation'],
    );
  });

  it('takes no adjective for a title: "a Senior Research Fellow" names nobody', () => {
    // `Senior` is an adjective, so `Research Fellow` after it has no title to make it a name,
    // and the `Research` of `Tolland Research & Survey` then stands for no one.
    const index = buildQuoteIndex([
      article(
        [
          'Ben Okafor, the head of mapping firm Tolland Research & Survey Ltd., met the council.',
          '"The maps are ten years out of date," he said.',
          'Correction: Ana Lind was given the wrong post. She is a Senior Research Fellow at the school.',
        ].join('\n\n'),
      ),
    ]);
    const names = findPeople([article('She is a Senior Research Fellow at the school.')]).map(
      (p) => p.name,
    );
    assert.deepEqual(names, []);
    assert.equal(index.quotes[0]?.speaker, 'Ben Okafor');
  });

  it('takes no capitalised word after "a" or "his" for a person ("an Instagram post", "a Democratic state delegate")', () => {
    // `post` and `state` read as speech verbs after the word, but after a determiner the word is
    // a modifier: neither becomes a person who could take the next "he wrote".
    const index = buildQuoteIndex([
      article(
        [
          'Omar Haddad, a Democratic state delegate, opposed the zoning plan.',
          'In an Instagram post to his followers, Haddad defended the families on the block.',
          '"They were here before any developer," he wrote.',
        ].join('\n\n'),
      ),
    ]);
    const names = findPeople([
      article('In an Instagram post, Lia Brandt, a Democratic state delegate, backed the plan.'),
    ]).map((p) => p.name);
    assert.ok(!names.includes('Instagram') && !names.includes('Democratic'), names.join(', '));
    assert.equal(index.quotes[0]?.speaker, 'Omar Haddad');
  });

  it('finds a person introduced by an appositive with no article ("Ken Moyo, managing director of ...")', () => {
    // `Ken` is an English word, so the role after the name is evidence that it is a person; a
    // list of firms named before him must not take the "he said".
    const index = buildQuoteIndex([
      article(
        [
          'The depot serves haulers including Halvor Brask, Temmer Lund and Ostrava Kemi.',
          'Ken Moyo, managing director of a haulage firm at the depot, said the queue began at dawn. "Every hour costs us a load," he said.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(mentionOf(index, 'Every hour')?.speaker, 'Ken Moyo');
    // The role noun heading the bare appositive is learned as a description of the person.
    const [sarkany] = findPeople([
      article('Ivo Sarkany, managing director of the dam project, walked the site.'),
    ]);
    assert.equal(sarkany?.name, 'Ivo Sarkany');
    assert.deepEqual(sarkany?.descriptions, ['the director']);
  });

  it('takes an English word that is a listed first name for a given name ("Jerry Voss wants ...")', () => {
    // `Jerry` is an English word to the lexicon; the first-name lists, a last resort, tell that
    // it starts a name, so the "he said" after the sentence about him is his.
    const index = buildQuoteIndex([
      article(
        [
          'Anton Brask runs the only bakery on the island.',
          '"Flour comes in by boat twice a week," he said.',
          'Jerry Voss wants the council to pave the harbour road before winter.',
          '"Every truck that gets stuck costs the island a day," he said.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(mentionOf(index, 'Every truck')?.speaker, 'Jerry Voss');
  });

  it('keeps a middle initial in a name and never starts a name at the last letter of "U.S."', () => {
    const index = buildQuoteIndex([
      article(
        [
          'U.S. Forest Service crews arrived on Monday.',
          'Marta K. Lindgren, a botanist at the college, watched them work.',
          '"They cut the wrong stand of trees," Lindgren said.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Marta K. Lindgren');
    const names = findPeople([article('U.S. Forest Service crews met. R.J. Osei played.')]).map(
      (p) => p.name,
    );
    assert.ok(!names.some((n) => /^[A-Z]\. /.test(n)), names.join(', '));
  });

  it('gives a woman no pronoun refers to her gender from an unambiguous first name, as a last resort', () => {
    // Nothing in the text says Wendy Lasko is a woman; her first name does, so "she says" is
    // hers rather than unknown (the sentence before is about a man).
    const index = buildQuoteIndex([
      article(
        [
          'Wendy Lasko sat on the school board for ten years.',
          'Roger Pell ran for the seat in 2019. He lost by forty votes.',
          '"I knocked on every door twice," she says.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Wendy Lasko');
  });

  it('takes no gender from the pronoun after a sentence that ends with who said it', () => {
    // `..., Lohr said. She was ...`: she is the climber, not the ranger who told it.
    const index = buildQuoteIndex([
      article(
        [
          'Ranger Tim Lohr led the search on Sunday.',
          'The team reached the climber, a 27-year-old nurse, below the ridge, Lohr said. She was flown to the valley.',
          '"The weather gave us one window," he said.',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(index.quotes[0]?.speaker, 'Tim Lohr');
  });

  it('does not take a place for a given name and surname ("Port Halden Mayor ...")', () => {
    const names = findPeople([
      article(
        'Port Halden Mayor Diane Okafor spoke on Thursday. Traffic in Port Halden was light.',
      ),
    ]).map((p) => p.name);
    assert.deepEqual(names, ['Diane Okafor']);
  });
});
