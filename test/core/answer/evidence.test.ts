import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import {
  bm25Score,
  candidateEvidence,
  candidatePassages,
  featureIndex,
  type RankFeature,
  weightedTerms,
} from '../../../src/core/answer/evidence.ts';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { rankPassages } from '../../../src/core/answer/rank.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildStory, type Story } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

/** A feature of the candidate passage containing `phrase`, for a question. */
function feature(story: Story, question: string, phrase: string, name: RankFeature): number {
  const ranked = rankPassages(story.index, analyzeQuestion(question, story.index));
  const found = ranked.find((r) => story.index.passages[r.passage]?.displayText.includes(phrase));
  assert.ok(found, `no candidate passage holds "${phrase}"`);
  return found.evidence[featureIndex(name)] ?? Number.NaN;
}

describe('passage evidence', () => {
  it('tells a sentence about what the subject did from one about what someone else did', () => {
    const story = seedsStory();
    const q = 'Who did John Legend support for president?';
    // Legend is the first person the reporter's words name: his support.
    const own = 'Legend was open about his support of Sen. Elizabeth Warren';
    assert.equal(feature(story, q, own, 'subjectActs'), 1);
    assert.equal(feature(story, q, own, 'otherActs'), 0);
    // West supports Trump; "John" is only inside West's quotation.
    const other = 'West, an outspoken supporter of then-president Trump';
    assert.equal(feature(story, q, other, 'subjectActs'), 0);
    assert.equal(feature(story, q, other, 'otherActs'), 1);
  });

  it('reads a sentence opening with a pronoun as about whom the sentence before names', () => {
    const story = stadium();
    // "Okafor, a former public-school teacher ..., said ..." then "She called Bell's demand ...".
    const called = "She called Bell's demand";
    assert.equal(feature(story, "What did Okafor call Bell's demand?", called, 'subjectActs'), 1);
    // For Bell the same sentence is someone else's deed: `Bell's demand` names no actor.
    const asked = 'What did Bell demand from the mayor?';
    assert.equal(feature(story, asked, called, 'subjectActs'), 0);
    assert.equal(feature(story, asked, called, 'otherActs'), 1);
  });

  it('finds the reply to a reply: the subject speaking right after the other person replied', () => {
    const story = seedsStory();
    const q = "How did Legend answer Kanye's reply?";
    assert.ok(feature(story, q, 'Think freely', 'replyFollows') > 0.5);
    // Legend's words after West's that say nothing of a reply: no discourse evidence.
    assert.equal(feature(story, q, 'Kanye has never been political', 'replyFollows'), 0);
    // West's own reply is not the subject's answer.
    assert.equal(feature(story, q, 'Kanye replied:', 'replyFollows'), 0);
  });

  it('pools the shape each kind of question wants: a quoted title for "which show"', () => {
    const story = stadium();
    const q = 'On which show did Bell criticise the mayor?';
    assert.equal(feature(story, q, '"Sunday Sideline" show', 'shapeWanted'), 1);
    const when = 'When did Victor Salas buy the team?';
    const dated = story.index.passages.find(
      (p) => /Salas/.test(p.displayText) && /\b20\d\d\b/.test(p.displayText),
    );
    assert.ok(dated);
    assert.equal(feature(story, when, dated.displayText, 'shapeWanted'), 1);
  });
});

/** A one-article story of our own (no word vectors: only the lexical evidence counts). */
function storyOf(paragraphs: readonly string[]): Story {
  const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')), DEFAULT_LEXICON);
  const text = paragraphs.join('\n\n');
  return buildStory(
    {
      dir: '/x',
      articles: [parseArticle('001', text, '/x/001.txt', { boilerplate: [] })],
      warnings: [],
    },
    {},
    lexicon,
  );
}

describe('what a passage answers without repeating the question', () => {
  const story = storyOf([
    'Mara Quist and Otto Brand met at a music school in the spring and lived there for a year.',
    'The duo later wrote "Paper Lanterns" and "Low Tide" for their first record.',
    'Brand said the songs came easily, and that they worked on many songs in one winter.',
    'Quist spoke about the old days in an interview. Her brother had gone north as a boy. He is up in Oslo now, and rarely calls.',
  ]);
  const { index } = story;
  /** The coverage and BM25 of the passage holding `phrase`, as candidates for a question. */
  const evidenceOf = (question: string, phrase: string) => {
    const analysis = analyzeQuestion(question, index);
    const terms = weightedTerms(index, analysis);
    const passage = index.passages.findIndex((p) => p.displayText.includes(phrase));
    assert.ok(passage >= 0, `no passage holds "${phrase}"`);
    const [v] = candidateEvidence(index, analysis, terms, [
      { passage, bm25: bm25Score(index, passage, terms) },
    ]);
    assert.ok(v);
    const at = (name: RankFeature) => v[featureIndex(name)] ?? 0;
    return { coverage: at('coverage'), bm25: at('bm25'), paragraph: at('paragraph') };
  };

  it('names the noun that says what kind of answer is wanted', () => {
    const noun = (q: string) => analyzeQuestion(q, index).answerNoun;
    assert.equal(noun('Which songs did they write?'), index.lexicon.term('songs'));
    assert.equal(noun('What city does Brand live in?'), index.lexicon.term('city'));
    assert.equal(noun('What did Brand say about the songs?'), null);
  });

  it('counts "songs" held by a passage naming quoted titles, in coverage and BM25 alike', () => {
    const titled = evidenceOf('Which songs did they write?', 'Paper Lanterns');
    assert.equal(titled.coverage, 1);
    assert.ok(titled.bm25 > 0);
    // Without a title the same passage holds only "write": the noun is not answered.
    const plain = evidenceOf('Which records did they write?', 'met at a music school');
    assert.equal(plain.coverage, 0);
  });

  it('counts a verb of being somewhere held by a passage naming a place, for "where"', () => {
    const placed = evidenceOf('Where does Brand live?', 'He is up in Oslo');
    assert.ok(placed.coverage > 0);
    assert.ok(placed.bm25 > 0);
    // Its paragraph holds what the passage holds.
    assert.ok(placed.paragraph >= placed.coverage);
    // The same verb in a "when" question is not answered by a place.
    assert.equal(evidenceOf('When did Brand live there?', 'He is up in Oslo').bm25, 0);
  });

  it('proposes the two sentences after a strong match, which its pronouns may need', () => {
    const analysis = analyzeQuestion('Where does Quist remember the old days?', index);
    const terms = weightedTerms(index, analysis);
    const proposed = candidatePassages(index, terms, 100).map(
      (c) => index.passages[c.passage]?.displayText ?? '',
    );
    assert.ok(proposed.some((t) => t.startsWith('Quist spoke')));
    assert.ok(proposed.some((t) => t.includes('He is up in Oslo')));
  });
});
