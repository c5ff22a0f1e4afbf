/**
 * The `who` view's aliases: a form counts as used where the text has it as whole words, outside
 * a longer form of the same person, with whitespace and apostrophes as loose as the text writes
 * them and descriptions (`the singer`) in any case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Person } from '../../../src/core/people/index.ts';
import { storyPeople } from '../../../src/core/people-view/index.ts';
import type { Story } from '../../../src/core/story.ts';

function person(name: string, forms: readonly string[], descriptions: readonly string[] = []) {
  return {
    name,
    forms: [name, ...forms, ...descriptions],
    descriptions,
    gender: null,
    sources: ['a'],
  } as Person;
}

/** The aliases `who` lists for one person in a story of these article texts. */
function aliasesIn(texts: readonly string[], who: Person): readonly string[] {
  const story = {
    corpus: { articles: texts.map((raw, i) => ({ id: `a${i}`, raw })) },
    quotes: { speakers: [], quotes: [] },
  } as unknown as Story;
  return storyPeople(story, [who])[0]?.aliases ?? [];
}

describe('storyPeople aliases', () => {
  const west = person('Kanye West', ['West', 'Kanye', 'Ye'], ['the rapper']);

  it('counts a form only as whole words', () => {
    assert.deepEqual(aliasesIn(['Kanye West said yes. Yesterday Yeezy spoke.'], west), []);
    assert.deepEqual(aliasesIn(['Kanye West spoke; Ye, later, did not.'], west), ['Ye']);
    // A letter or digit right before or after, astral letters included, is no word boundary.
    assert.deepEqual(aliasesIn(['Kanye West. 2Ye and Ye2 and 𝐀Ye and Ye𝐀.'], west), []);
  });

  it('does not count a form inside a longer form of the same person', () => {
    assert.deepEqual(aliasesIn(['Kanye West met Kanye West.'], west), []);
    assert.deepEqual(aliasesIn(['Kanye West met Kanye West. West left.'], west), ['West']);
  });

  it('matches any whitespace run and either apostrophe, and descriptions in any case', () => {
    const obrien = person('Conan O’Brien', ["O'Brien"], ['the late  night host']);
    assert.deepEqual(aliasesIn(['Conan O’Brien spoke. Later O’Brien left.'], obrien), ["O'Brien"]);
    assert.deepEqual(aliasesIn(['Conan O’Brien spoke. THE LATE\nNIGHT host left.'], obrien), [
      'the late  night host',
    ]);
    assert.deepEqual(aliasesIn(['Kanye West. The rapper left.'], west), ['the rapper']);
    // Names keep their case: `west` is a direction, not the surname.
    assert.deepEqual(aliasesIn(['Kanye West drove west.'], west), []);
  });

  it('finds descriptions in a text whose lower case is longer (İ) all the same', () => {
    assert.deepEqual(aliasesIn(['İstanbul: Kanye West. THE RAPPER left.'], west), ['the rapper']);
  });
});
