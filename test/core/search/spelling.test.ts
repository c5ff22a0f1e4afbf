import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { correctWord, editDistance, spellingPrepared } from '../../../src/core/search/spelling.ts';
import { buildStory, storyData, storyFromData } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';

// A small story of our own, with a diacritic, an abbreviation spelled out and a long name.
const TEXT = [
  'The port of Malmö grew quickly after the bridge opened in 2000.',
  'During World War I the harbour was closed to foreign ships.',
  'The governor Temujin Alvarenga ordered a new siege wall in 1862.',
  'The explorer Joseph Céloron buried lead plates along the river.',
  'Fishing boats still leave the harbour every morning before dawn.',
].join('\n\n');
const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')));
const story = buildStory(
  {
    dir: '/x',
    articles: [parseArticle('001', TEXT, '/x/001.txt', { boilerplate: [] })],
    warnings: [],
  },
  {},
  lexicon,
);

describe('correctWord', () => {
  it('counts adjacent transpositions as one edit', () => {
    assert.equal(editDistance('seige', 'siege', 2), 1);
    assert.equal(editDistance('ghengis', 'genghis', 2), 2);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  it('reads a misspelling within one or two edits as the corpus word, keeping the first letter', () => {
    assert.deepEqual(correctWord(story.index, 'seige', 'seige'), { word: 'siege', edits: 1 });
    assert.deepEqual(correctWord(story.index, 'alverenga', 'Alverenga'), {
      word: 'alvarenga',
      edits: 1,
    });
  });

  it('reads a misspelling without the diacritics as the corpus name that has them', () => {
    // `Celeron` is two edits from `céloron`, but one from its plain form `celoron`.
    assert.deepEqual(correctWord(story.index, 'celeron', 'Celeron', true), {
      word: 'céloron',
      edits: 1,
    });
    assert.deepEqual(correctWord(story.index, 'celoron', 'Celoron', true), {
      word: 'céloron',
      edits: 0,
    });
  });

  it('spells out an abbreviation typed in capitals from the capitalised words of the corpus', () => {
    assert.deepEqual(correctWord(story.index, 'wwi', 'WWI'), { word: 'world war i', edits: 0 });
    assert.equal(correctWord(story.index, 'wwi', 'wwi'), null);
  });

  it('reads a name only as a name of the corpus, never as a common word', () => {
    // As a common word, `harbor` is the corpus's `harbour`; capitalised in a question it is a
    // name, and the corpus names no Harbour.
    assert.deepEqual(correctWord(story.index, 'harbor', 'harbor'), { word: 'harbour', edits: 1 });
    assert.equal(correctWord(story.index, 'harbor', 'Harbor', true), null);
    assert.deepEqual(correctWord(story.index, 'alverenga', 'Alverenga', true), {
      word: 'alvarenga',
      edits: 1,
    });
  });

  it('does not correct short words', () => {
    assert.equal(correctWord(story.index, 'shop', 'shop'), null);
  });

  it('gives the same correction when asked again, whichever way the word was typed before', () => {
    // Corrections are remembered per story (routing asks every story of a library): how the
    // word was typed (a name, an abbreviation) is part of what is remembered.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(correctWord(story.index, 'harbor', 'harbor'), { word: 'harbour', edits: 1 });
      assert.equal(correctWord(story.index, 'harbor', 'Harbor', true), null);
      assert.equal(correctWord(story.index, 'wwi', 'wwi'), null);
      assert.deepEqual(correctWord(story.index, 'wwi', 'WWI'), { word: 'world war i', edits: 0 });
    }
  });
});

describe('spelling tables', () => {
  it('are built with the story, built or loaded, not by its first question', () => {
    // They scan every passage: the first user to ask would wait for them.
    const fresh = buildStory(
      {
        dir: '/y',
        articles: [
          parseArticle('001', 'The harbour of Malmö reopened.', '/y/001.txt', { boilerplate: [] }),
        ],
        warnings: [],
      },
      {},
      lexicon,
    );
    assert.equal(spellingPrepared(fresh.index), true);
    const loaded = storyFromData(structuredClone(storyData(fresh)), lexicon);
    assert.notEqual(loaded.index, fresh.index);
    assert.equal(spellingPrepared(loaded.index), true);
  });
});

describe('abstention does not veto on spelling', () => {
  for (const question of [
    'When did the bridge open in Malmo?',
    'Who ordered the seige wall?',
    'Was the harbour closed during WWI?',
    'What did the governor Alverenga order?',
    'Besides fishing, what grew after the bridge opened?',
  ]) {
    it(`answers "${question}"`, () => {
      const result = answerQuestion(story.index, question, story.answerOptions);
      assert.equal(result.abstained, false, result.reason ?? '');
    });
  }

  it('abstains on thanks, which asks nothing', () => {
    assert.equal(answerQuestion(story.index, 'thanks!', story.answerOptions).abstained, true);
  });
});
