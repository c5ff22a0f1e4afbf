import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { answersPrepared } from '../../../src/core/answer/prepare.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildStory, storyData, storyFromData } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';

const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')));
const article = (id: string, text: string) =>
  parseArticle(id, text, `/z/${id}.txt`, { boilerplate: [] });

describe('the answer core tables', () => {
  it('are built with the story, built or loaded, not by its first question', () => {
    // They scan every passage: at 1,000 articles the first user to ask waited about 150 ms.
    const fresh = buildStory(
      {
        dir: '/z',
        articles: [
          article(
            '001',
            'The ferry carried 300 passengers in 1998. "It was never late," Ada Brandt said.',
          ),
          article('002', 'The ferry carried 320 passengers in 1998, the port said.'),
        ],
        warnings: [],
      },
      {},
      lexicon,
    );
    assert.equal(answersPrepared(fresh.index), true);
    const loaded = storyFromData(structuredClone(storyData(fresh)), lexicon);
    assert.notEqual(loaded.index, fresh.index);
    assert.equal(answersPrepared(loaded.index), true);
    // Prepared ahead, the tables answer as the lazily built ones did: same citations both ways.
    const question = 'How many passengers did the ferry carry?';
    const a = answerQuestion(fresh.index, question);
    const b = answerQuestion(loaded.index, question);
    assert.ok(a.citations.length > 0);
    assert.deepEqual(
      b.citations.map((c) => c.snippet),
      a.citations.map((c) => c.snippet),
    );
  });
});
