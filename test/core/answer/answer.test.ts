import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerQuestion, newPart } from '../../../src/core/answer/answer.ts';
import { snippetPieces } from '../../../src/core/answer/snippet.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

describe('answerQuestion', () => {
  it('merges the same statement from several outlets into one citation listing every source', () => {
    const story = seedsStory();
    const result = answerQuestion(
      story.index,
      'Why did John Legend and Kanye West stop being friends?',
      story.answerOptions,
    );
    const first = result.citations[0];
    assert.ok(first?.snippet.includes('publicly disagreed'));
    assert.equal(first?.sources.length, 5);
    assert.equal(first?.sources[0], first?.source);
    // No other citation repeats that statement.
    assert.equal(
      result.citations.filter((c) => c.snippet.includes('publicly disagreed on his running'))
        .length,
      1,
    );
  });

  it('cites at most five snippets, each at most about 300 characters and verbatim from its source', () => {
    for (const story of [seedsStory(), stadium()]) {
      for (const q of ['why did they fall out', 'What did he say?', 'Are they still friends?']) {
        const result = answerQuestion(story.index, q, story.answerOptions);
        assert.ok(result.citations.length <= 5);
        for (const c of result.citations) {
          assert.ok(c.snippet.length <= 300, c.snippet);
          const raw = story.corpus.articles.find((a) => a.id === c.source)?.raw ?? '';
          for (const piece of snippetPieces(c.snippet)) assert.ok(raw.includes(piece), piece);
        }
      }
    }
  });

  it("cites only the asked person's quotations when someone's words are asked for", () => {
    const story = seedsStory();
    const result = answerQuestion(
      story.index,
      'What did Kanye say about the texts?',
      story.answerOptions,
    );
    assert.ok(result.citations.length > 0);
    for (const c of result.citations)
      assert.ok(c.speaker === null || c.speaker === 'Kanye West', c.snippet);
    assert.equal(result.citations[0]?.speaker, 'Kanye West');
  });

  it('abstains when the question names someone the corpus never mentions', () => {
    const story = seedsStory();
    const result = answerQuestion(
      story.index,
      'What did Taylor Swift say about the feud?',
      story.answerOptions,
    );
    assert.equal(result.abstained, true);
    assert.deepEqual(result.citations, []);
    assert.match(result.reason ?? '', /taylor, swift/);
  });

  it('abstains when the question is about something the corpus never speaks of', () => {
    const story = seedsStory();
    assert.equal(
      answerQuestion(story.index, 'What is the capital of France?', story.answerOptions).abstained,
      true,
    );
    assert.equal(
      answerQuestion(story.index, 'What is the capacity of the arena?', story.answerOptions)
        .abstained,
      true,
    );
    assert.equal(
      stadium() &&
        answerQuestion(
          stadium().index,
          'Who won the league championship this year?',
          stadium().answerOptions,
        ).abstained,
      true,
    );
  });

  it('abstains on a yes/no question when no passage speaks of all it asks', () => {
    const story = stadium();
    assert.equal(
      answerQuestion(story.index, 'Did Marcus Bell sign with another team?', story.answerOptions)
        .abstained,
      true,
    );
  });

  it('does not abstain on answerable questions phrased with words the corpus does not use', () => {
    const story = seedsStory();
    // "stop being friends" is never written; "no longer close friends" and synonyms are.
    assert.equal(
      answerQuestion(story.index, 'Why did Legend and Ye stop being friends?', story.answerOptions)
        .abstained,
      false,
    );
  });

  it('abstains on a question with no meaningful word', () => {
    const story = seedsStory();
    assert.equal(answerQuestion(story.index, 'what is it?', story.answerOptions).abstained, true);
  });

  it('cites what a passage adds to a citation it holds, and nothing when it adds little', () => {
    const first = 'Extension causes the rock units to become longer.';
    const next = 'This is accomplished through normal faulting.';
    assert.equal(newPart(`${first} ${next}`, [first]), next);
    assert.equal(newPart(`${next} ${first}`, ['unrelated', first]), next);
    assert.equal(newPart(`${first} It is.`, [first]), null);
    assert.equal(newPart(first, [first]), null);
    assert.equal(newPart(`${first} ${next}`, ['Something else entirely.']), null);
  });

  it('answers from the full ranking after weighing only the evidence, as routing does', () => {
    const story = seedsStory();
    const q = 'Why did John Legend and Kanye West stop being friends?';
    const alone = answerQuestion(story.index, q, story.answerOptions);
    // Another question in between: nothing of the first answer is left to reuse.
    answerQuestion(story.index, 'Are they still friends?', story.answerOptions);
    const evidence = answerQuestion(story.index, q, story.answerOptions, 'evidence');
    assert.equal(evidence.citations.length, 0);
    assert.equal(evidence.abstained, false);
    // The first proposals hold the strongest passages, or nearly: the same shares of the
    // question, an answer probability about as high (routing compares stories on these).
    const { probability, ...shares } = evidence.evidence;
    const { probability: full, ...fullShares } = alone.evidence;
    assert.deepEqual(shares, fullShares);
    assert.ok(Math.abs(probability - full) < 0.01, `${probability} against ${full}`);
    const after = answerQuestion(story.index, q, story.answerOptions);
    assert.deepEqual(after.citations, alone.citations);
    assert.deepEqual(after.otherViews, alone.otherViews);
  });

  it('weighs the same evidence for a question whatever was asked before it', () => {
    // Routing compares stories on this evidence: a story that has just answered the question in
    // full must not be weighed on its full ranking while the others are weighed on their first
    // proposals, or asking the same question again could route it elsewhere.
    const story = seedsStory();
    const q = 'Why did John Legend and Kanye West stop being friends?';
    answerQuestion(story.index, 'Are they still friends?', story.answerOptions);
    const cold = answerQuestion(story.index, q, story.answerOptions, 'evidence');
    answerQuestion(story.index, q, story.answerOptions);
    const afterFull = answerQuestion(story.index, q, story.answerOptions, 'evidence');
    assert.deepEqual(afterFull.evidence, cold.evidence);
  });
});
