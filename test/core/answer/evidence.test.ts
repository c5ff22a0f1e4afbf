import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureIndex, type RankFeature } from '../../../src/core/answer/evidence.ts';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { rankPassages } from '../../../src/core/answer/rank.ts';
import type { Story } from '../../../src/core/story.ts';
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
