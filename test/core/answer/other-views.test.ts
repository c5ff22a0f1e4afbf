import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { differentFact } from '../../../src/core/answer/other-views.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildStory, type Story } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

const why = (story: Story) =>
  answerQuestion(story.index, story.mainQuestion ?? '', story.answerOptions);

/** A story from in-memory articles: `[id, text]` pairs, with the shared lexicon. */
function storyOf(articles: readonly [string, string][]): Story {
  const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')), DEFAULT_LEXICON);
  const parsed = articles.map(([id, raw]) =>
    parseArticle(id, raw, `/virtual/${id}.txt`, { boilerplate: [] }),
  );
  return buildStory({ dir: '/virtual', articles: parsed, warnings: [] }, {}, lexicon);
}

describe('other views', () => {
  it("shows, beside Legend's political reason, his remark that they are not less friends because of Trump", () => {
    const result = why(seedsStory());
    assert.match(
      result.citations[0]?.snippet ?? '',
      /publicly disagreed on his running for office/,
    );
    const view = result.otherViews.find((v) =>
      /less friends because of the Trump thing/.test(v.snippet),
    );
    assert.ok(view, 'the qualification is an other view');
    assert.equal(view.speaker, 'John Legend', 'the same speaker qualifies his own claim');
    assert.equal(view.source, '002_e37ff9940fa829ac');
  });

  it('shows the coach\'s answer to the mayor\'s "not an ATM" on the stadium story', () => {
    const story = stadium();
    const result = answerQuestion(
      story.index,
      'What did Okafor say about an ATM?',
      story.answerOptions,
    );
    assert.ok(result.citations.some((c) => /not an ATM/.test(c.snippet)));
    const view = result.otherViews.find((v) => /Nobody is asking for an ATM/.test(v.snippet));
    assert.ok(view, 'the rebuttal is an other view');
    assert.equal(view.speaker, 'Marcus Bell');
  });

  it('shows an outlet giving a different number for the same fact', () => {
    const story = storyOf([
      [
        'a',
        ' date 2024-11-06 The senator won the runoff with about 60,000 votes in a dozen counties.',
      ],
      [
        'b',
        ' date 2024-11-07 The senator won the runoff with about 66,000 votes in a dozen counties.',
      ],
      ['c', ' date 2024-11-07 Turnout was low and the weather was cold across the state.'],
    ]);
    const result = answerQuestion(
      story.index,
      'How many votes did the senator win the runoff with?',
    );
    assert.equal(result.abstained, false);
    const cited = result.citations[0]?.snippet ?? '';
    const other = result.otherViews[0]?.snippet ?? '';
    assert.ok(
      (/60,000/.test(cited) && /66,000/.test(other)) ||
        (/66,000/.test(cited) && /60,000/.test(other)),
      `one count cited, the other under "Another view": ${cited} | ${other}`,
    );
  });

  it('tells amounts of money apart by value, whatever their notation', () => {
    const story = storyOf([
      ['a', ' date 2024-03-02 The club sold its training ground to the council for £48m.'],
      ['b', ' date 2024-03-03 The club sold its training ground in a deal said to be £50 million.'],
      ['c', ' date 2024-03-03 The club sold its training ground for £50m, the council said.'],
      ['d', ' date 2024-03-03 The club sold its training ground for $50m, a fan site said.'],
    ]);
    const passage = (source: string) => story.index.passages.findIndex((p) => p.source === source);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(passage) as [number, number, number, number];
    assert.equal(differentFact(story.index, a, b), true, '£48m is not £50 million');
    assert.equal(differentFact(story.index, b, c), false, '£50 million is £50m');
    assert.equal(differentFact(story.index, c, d), false, 'pounds and dollars are not compared');
  });

  it('shows no view that speaks of nothing the question asks', () => {
    const story = seedsStory();
    for (const question of ['Which podcast did Legend appear on?', 'Who is Kim Kardashian?']) {
      const result = answerQuestion(story.index, question, story.answerOptions);
      const asked = result.analysis.concepts
        .filter((c) => !c.name)
        .flatMap((c) => [c.term, ...c.related]);
      for (const view of result.otherViews)
        assert.ok(
          asked.some((t) => story.index.terms[view.passage]?.has(t)),
          `${question}: ${view.snippet}`,
        );
    }
    assert.deepEqual(
      answerQuestion(story.index, 'Who is Kim Kardashian?', story.answerOptions).otherViews,
      [],
    );
  });

  it('never repeats a citation and never exceeds three', () => {
    for (const story of [seedsStory(), stadium()]) {
      for (const q of [
        'Why did they fall out?',
        'What did the coach say?',
        'Are they still friends?',
      ]) {
        const result = answerQuestion(story.index, q, story.answerOptions);
        assert.ok(result.otherViews.length <= 3);
        const cited = new Set(result.citations.map((c) => c.passage));
        for (const v of result.otherViews) assert.ok(!cited.has(v.passage));
      }
    }
  });

  it('is empty when the answer abstains', () => {
    const result = answerQuestion(seedsStory().index, 'What did Taylor Swift say?');
    assert.equal(result.abstained, true);
    assert.deepEqual(result.otherViews, []);
  });

  it('quotes other views verbatim', () => {
    const story = seedsStory();
    for (const v of why(story).otherViews) {
      const raw = story.corpus.articles.find((a) => a.id === v.source)?.raw ?? '';
      for (const piece of v.snippet
        .split('…')
        .map((p) => p.trim())
        .filter(Boolean))
        assert.ok(raw.includes(piece));
    }
  });
});
