import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_CACHE_DIR } from '../../../src/commands/snapshot.ts';
import { loadWordVectors } from '../../../src/commands/word-vectors.ts';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import {
  ABSTAIN_FEATURES,
  ABSTAIN_TERMS,
  abstainFitFor,
  abstainTerms,
  abstentionEvidence,
  combineEvidence,
  questionEvidence,
  VECTOR_FEATURES,
} from '../../../src/core/answer/abstain.ts';
import { answerQuestion } from '../../../src/core/answer/answer.ts';
import { unknownNearness } from '../../../src/core/answer/evidence.ts';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { rankPassages } from '../../../src/core/answer/rank.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildStory } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';

describe('abstention terms', () => {
  it('lists each feature, then the product of every pair once', () => {
    const n = ABSTAIN_FEATURES.length;
    assert.equal(ABSTAIN_TERMS.length, n + (n * (n + 1)) / 2);
    const evidence = Float64Array.from({ length: n }, (_, i) => i + 1);
    const terms = abstainTerms(evidence);
    assert.deepEqual([...terms.subarray(0, n)], [...evidence]);
    const at = (name: string) => terms[ABSTAIN_TERMS.indexOf(name)];
    const [a, b] = ABSTAIN_FEATURES;
    assert.equal(at(`${a}*${a}`), 1);
    assert.equal(at(`${a}*${b}`), 2);
    assert.equal(ABSTAIN_TERMS.indexOf(`${b}*${a}`), -1);
  });
});

// A story of our own in which the answers are paraphrases of the questions.
const TEXT = [
  'Maria Okonkwo worked as a nurse in Leeds for thirty years before she retired to the coast.',
  'Her brother Daniel trained as a carpenter and built the chapel roof in 1998.',
  'The chapel was restored after a storm damaged its tower in the winter of 2011.',
  'Local volunteers raised the money for the repairs with a summer fair.',
].join('\n\n');
const lexicon = createLexicon(
  JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')),
  DEFAULT_LEXICON,
  loadWordVectors(DEFAULT_CACHE_DIR),
);
const story = buildStory(
  {
    dir: '/x',
    articles: [parseArticle('001', TEXT, '/x/001.txt', { boilerplate: [] })],
    warnings: [],
  },
  {},
  lexicon,
);
const ask = (q: string) => answerQuestion(story.index, q, story.answerOptions);

describe('abstention evidence', () => {
  const at = (v: Float64Array, name: (typeof ABSTAIN_FEATURES)[number]) =>
    v[ABSTAIN_FEATURES.indexOf(name)];
  const row = (score: number, unknownNear = 0) => ({
    reach: 1,
    coverage: 1,
    paragraph: 1,
    topicCoverage: 1,
    score,
    unknownNear,
  });

  it('measures how far the best passage leads the second, in tenths of log-odds', () => {
    const q = questionEvidence(
      story.index,
      analyzeQuestion('Who built the chapel roof?', story.index),
    );
    assert.ok(Math.abs((at(combineEvidence(q, [row(9), row(4)]), 'gap') ?? 0) - 0.5) < 1e-12);
    assert.equal(at(combineEvidence(q, [row(9)]), 'gap'), 1);
    assert.equal(at(combineEvidence(q, []), 'gap'), 0);
    assert.equal(at(combineEvidence(q, [row(9, 0.2), row(4, 0.3)]), 'unknownNear'), 0.3);
  });

  it('marks a question whose asked-for attribute the corpus never names', () => {
    const focus = (q: string) =>
      questionEvidence(story.index, analyzeQuestion(q, story.index)).focusUnknown;
    // The story never gives a capacity; it does speak of the chapel's tower.
    assert.equal(
      analyzeQuestion('What was the tower of the chapel damaged by?', story.index).focus,
      'tower',
    );
    assert.equal(focus('What is the capacity of the chapel?'), true);
    assert.equal(focus('What was the tower of the chapel damaged by?'), false);
    // No attribute asked for: nothing to mark, whatever words are unknown.
    assert.equal(focus('Who paid for the cathedral?'), false);
    const q = questionEvidence(
      story.index,
      analyzeQuestion('What is the capacity of the chapel?', story.index),
    );
    assert.equal(at(combineEvidence(q, [row(9)]), 'focusUnknown'), 1);
  });

  it('finds the words the corpus never uses by meaning in the passage that answers', () => {
    const analysis = analyzeQuestion('When did a hurricane damage the church?', story.index);
    assert.ok(analysis.concepts.some((c) => c.word === 'hurricane' && !c.known));
    const near = (needle: string) =>
      unknownNearness(
        story.index,
        analysis,
        story.index.passages.findIndex((p) => p.text.includes(needle)),
      );
    // `hurricane` and `church` are near `storm` and `chapel`, not the words of the fair.
    assert.ok(near('storm') > near('summer fair'), `${near('storm')} vs ${near('summer fair')}`);
    assert.ok(near('storm') > 0);
    // A question the corpus knows every word of has nothing to find by meaning.
    const known = analyzeQuestion('Who built the chapel roof?', story.index);
    assert.equal(unknownNearness(story.index, known, 0), 0);
  });
});

describe('abstention over the evidence', () => {
  for (const question of [
    "What was Maria Okonkwo's profession?",
    'What job did Daniel have?',
    'Who paid for the chapel repairs?',
  ]) {
    it(`answers "${question}" although a question word is not in the text`, () => {
      const result = ask(question);
      assert.equal(result.abstained, false, result.reason ?? '');
    });
  }

  for (const question of [
    'What is the capital of France?',
    'How many goals did the striker score in the final?',
    'Which treaty ended the war between the two empires?',
  ]) {
    it(`refuses "${question}", which the story cannot answer`, () => {
      assert.equal(ask(question).abstained, true);
    });
  }

  it('refuses a yes/no question whose claim no passage holds, though each word is known', () => {
    // build, summer and tower are each in a different sentence: nothing confirms the claim.
    const result = ask('Did Daniel build the summer tower?');
    assert.equal(result.abstained, true);
    assert.match(result.reason ?? '', /speaks of all the question asks about/);
    assert.equal(ask('Did a storm damage the chapel tower?').abstained, false);
  });

  it('answers a question offering alternatives, which asks which rather than whether', () => {
    assert.equal(ask('Was the tower damaged in the summer or in the winter?').abstained, false);
  });
});

describe('abstention without word vectors', () => {
  const plain = buildStory(
    story.corpus,
    {},
    createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8'))),
  );
  const evidenceOf = (s: typeof story, q: string) => {
    const analysis = analyzeQuestion(q, s.index);
    return abstentionEvidence(s.index, analysis, rankPassages(s.index, analysis));
  };

  it('is judged by the model fitted without the evidence only vectors give', () => {
    const model = story.answerOptions.abstain;
    assert.equal(abstainFitFor(story.index, model), model);
    assert.equal(abstainFitFor(plain.index, model), model.withoutVectors);
    // Fitted with those features held at 0, it gives no weight to any term that uses them.
    for (const term of ABSTAIN_TERMS) {
      if (VECTOR_FEATURES.some((f) => term.split('*').includes(f)))
        assert.equal(model.withoutVectors.weights[term], 0, term);
    }
  });

  it('holds that evidence at 0 rather than reading it as nothing near in meaning', () => {
    const q = 'When did a hurricane damage the church?';
    const withVectors = evidenceOf(story, q);
    const without = evidenceOf(plain, q);
    const at = (v: Float64Array, name: (typeof VECTOR_FEATURES)[number]) =>
      v[ABSTAIN_FEATURES.indexOf(name)];
    assert.ok((at(withVectors, 'unknownNear') ?? 0) > 0);
    for (const name of VECTOR_FEATURES) assert.equal(at(without, name), 0, name);
  });
});
