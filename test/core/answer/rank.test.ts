import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { EVIDENCE_CANDIDATES, rankPassages } from '../../../src/core/answer/rank.ts';
import type { Story } from '../../../src/core/story.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

/** Position (0-based) of the first ranked passage containing `phrase`, or -1. */
function position(story: Story, question: string, phrase: string): number {
  const ranked = rankPassages(story.index, analyzeQuestion(question, story.index));
  return ranked.findIndex((r) => story.index.passages[r.passage]?.displayText.includes(phrase));
}

describe('rankPassages', () => {
  it('puts the passage with a number first for "how many"', () => {
    // Several passages speak of Kanye's run for president; only one gives a count, and the
    // how-many shape signal lifts it above those that merely share the words.
    assert.equal(
      position(
        seedsStory(),
        'How many votes did Kanye get when he ran for president?',
        '60,000 votes',
      ),
      0,
    );
  });

  it('puts a dated passage first for "when", above undated ones on the same topic', () => {
    // "appeared on the rocks in April 2018" carries the date; other passages about the
    // relationship do not.
    assert.equal(
      position(
        seedsStory(),
        'When did their relationship first appear on the rocks?',
        'April 2018',
      ),
      0,
    );
  });

  it('ranks the statement carried by every outlet above a single outlet\'s gloss for "why"', () => {
    // The headline "all because of Donald Trump" covers the question's words well, but the
    // first-hand explanation is reported by all five articles: agreement across outlets wins.
    const story = seedsStory();
    const quote = position(
      story,
      'Why did John Legend and Kanye West stop being friends?',
      'publicly disagreed on his running for office',
    );
    const gloss = position(
      story,
      'Why did John Legend and Kanye West stop being friends?',
      'all because of Donald Trump',
    );
    assert.equal(quote, 0);
    assert.ok(gloss > quote);
  });

  it('prefers a passage that qualifies the cause for a restrictive question', () => {
    // "Was it only about Trump?" doubts a single cause: the passage saying they are not less
    // friends *because of* the Trump thing answers it, above passages that only name Trump.
    assert.equal(
      position(seedsStory(), 'Was it only about Trump?', 'less friends because of the Trump thing'),
      0,
    );
  });

  it('prefers someone naming a person for "who"', () => {
    // Passages about supporting someone for president compete; the one naming the people
    // supported (Warren, Biden) has the who shape.
    assert.ok(
      position(seedsStory(), 'Who did John Legend support for president?', 'Elizabeth Warren') <= 1,
    );
  });

  it('works the same way on a story it was not written for', () => {
    const story = stadium();
    assert.equal(position(story, 'How much money did the Mariners ask for?', '$240 million'), 0);
    assert.equal(position(story, 'How old is the coach?', '52-year-old coach'), 0);
    assert.equal(position(story, 'When did Victor Salas buy the team?', '2019'), 0);
  });

  it('is deterministic: the same question gives the same order', () => {
    const story = seedsStory();
    const a = rankPassages(
      story.index,
      analyzeQuestion('Are they still friends?', story.index),
    ).map((r) => r.passage);
    const b = rankPassages(
      story.index,
      analyzeQuestion('Are they still friends?', story.index),
    ).map((r) => r.passage);
    assert.deepEqual(a, b);
  });

  it('weighs only the first proposals when asked, each scored as the full ranking scores it', () => {
    const story = seedsStory();
    // A broad question, and two whose terms a passage may answer without saying them (the
    // answer noun `songs`, the "where" verb `live`), for which BM25 is scored again.
    for (const question of [
      'Why did John Legend and Kanye West stop being friends?',
      'Which songs did Legend and West make together?',
      'Where does Kanye live now?',
    ]) {
      const analysis = analyzeQuestion(question, story.index);
      const full = rankPassages(story.index, analysis);
      const partial = rankPassages(story.index, analysis, undefined, EVIDENCE_CANDIDATES);
      // Each of these has more candidates on the seeds than routing weighs.
      assert.ok(full.length > EVIDENCE_CANDIDATES, question);
      assert.equal(partial.length, EVIDENCE_CANDIDATES, question);
      const inFull = new Map(full.map((r) => [r.passage, r]));
      for (const r of partial) {
        const same = inFull.get(r.passage);
        assert.ok(same, `passage ${r.passage} is a candidate of the full ranking`);
        // Measured against the whole group (its best BM25 and paragraph), not against the part.
        assert.deepEqual(r.evidence, same.evidence, question);
        assert.equal(r.score, same.score, question);
      }
      // The part is the full ranking of its passages, in the same order.
      const held = new Set(partial.map((r) => r.passage));
      assert.deepEqual(
        partial.map((r) => r.passage),
        full.filter((r) => held.has(r.passage)).map((r) => r.passage),
        question,
      );
    }
  });
});
