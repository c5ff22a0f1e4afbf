/**
 * Follow-ups read against a conversation's earlier turns, on two stories written by different
 * people (the seeds and the stadium story): the same rules must carry the person and the topic
 * over on both, since no rule may name anyone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type ConversationAnswer,
  converse,
  MAX_TURNS,
  type Turn,
} from '../../src/commands/conversation.ts';
import type { Story } from '../../src/core/story.ts';
import { fold } from '../../src/core/text/fold.ts';
import { seedsStory, stadium } from '../support/seeds.ts';

/** Plays a conversation and returns every answer. */
function talk(story: Story, lines: readonly string[]): ConversationAnswer[] {
  let turns: Turn[] = [];
  return lines.map((text) => {
    const answer = converse(story, { text, turns });
    if (answer.turn) turns = [...turns, answer.turn].slice(-MAX_TURNS);
    return answer;
  });
}

describe('conversation: a message on its own', () => {
  it('answers a first message as the command it is, and remembers what it showed', () => {
    const [first] = talk(seedsStory(), ['How many votes did Kanye get?']);
    assert.equal(first?.reply.kind, 'answer');
    assert.equal(first?.followUp, null);
    assert.equal(first?.turn?.question, 'How many votes did Kanye get?');
    assert.ok((first?.turn?.shown ?? 0) > 0);
  });

  it('never reads an explicit command as a follow-up', () => {
    const [, second] = talk(seedsStory(), ['Why did they fall out?', 'quotes ye']);
    assert.equal(second?.followUp, null);
    assert.equal(second?.reply.kind, 'quotes');
    if (second?.reply.kind === 'quotes') assert.equal(second.reply.speaker, 'Kanye West');
  });
});

describe('conversation: "what else did he say?"', () => {
  it("gives the quoted person's other quotes on the topic, leaving out what was cited", () => {
    const [first, second] = talk(seedsStory(), [
      'Why did John Legend and Kanye West stop being friends?',
      'what else did he say?',
    ]);
    assert.equal(first?.reply.kind, 'answer');
    if (first?.reply.kind !== 'answer' || second?.reply.kind !== 'quotes') {
      assert.fail('an answer, then quotes');
    }
    // "he" is the person whose words the answer cited first.
    assert.equal(first.reply.citations[0]?.speaker, 'John Legend');
    assert.equal(second.reply.speaker, 'John Legend');
    assert.match(
      second.followUp ?? '',
      /Following up on “Why did John Legend .*quotes by John Legend/,
    );
    const cited = first.reply.citations.map((c) => fold(c.snippet));
    for (const quote of second.reply.quotes) {
      for (const segment of quote.mentions.flatMap((m) => m.segments)) {
        if (segment.length >= 12) assert.ok(!cited.some((c) => c.includes(fold(segment))));
      }
    }
    assert.ok(second.reply.quotes.length > 0);
  });

  it('finds "she" on the stadium story the same way', () => {
    const [, second] = talk(stadium(), [
      'What did the mayor say about the stadium money?',
      'what else did she say?',
    ]);
    assert.equal(second?.reply.kind, 'quotes');
    if (second?.reply.kind === 'quotes') assert.equal(second.reply.speaker, 'Diane Okafor');
  });
});

describe('conversation: "and when was that?"', () => {
  it('asks when about the earlier question, keeping its people and topic', () => {
    const [, second] = talk(seedsStory(), ['How many votes did Kanye get?', 'and when was that?']);
    assert.equal(second?.reply.kind, 'answer');
    if (second?.reply.kind !== 'answer') return;
    assert.equal(second.reply.question, 'When did Kanye get votes?');
    // The answer to when is a sentence with a date in it: 2020, the year of the run.
    assert.match(second.reply.citations[0]?.snippet ?? '', /2020/);
  });

  it('keeps the question through a list that followed it', () => {
    const answers = talk(seedsStory(), [
      'Why did John Legend and Kanye West stop being friends?',
      'what else did he say?',
      'when was that?',
    ]);
    const third = answers[2];
    assert.equal(third?.reply.kind, 'answer');
    if (third?.reply.kind === 'answer')
      assert.equal(third.reply.question, 'When did John Legend and Kanye West stop being friends?');
  });

  it('does the same on the stadium story', () => {
    const [, second] = talk(stadium(), [
      'Why did the mayor reject the stadium money?',
      'when was that?',
    ]);
    assert.equal(second?.reply.kind, 'answer');
    if (second?.reply.kind === 'answer')
      assert.equal(second.reply.question, 'When did the mayor reject the stadium money?');
  });
});

describe('conversation: "who said that?"', () => {
  it('names the speaker of the passage cited first, citing it', () => {
    const [first, second] = talk(seedsStory(), ['What did Legend text Kanye?', 'who said that?']);
    if (first?.reply.kind !== 'answer' || second?.reply.kind !== 'answer') {
      assert.fail('two answers');
    }
    const lead = first.reply.citations[0];
    assert.equal(second.reply.lead, lead?.snippet);
    assert.equal(second.reply.citations[0]?.speaker, lead?.speaker);
    assert.match(second.reply.leadPrefix ?? '', new RegExp(`^${lead?.speaker} said it`));
  });

  it("says the articles don't tell when the passage is the reporter's own sentence", () => {
    const answers = talk(seedsStory(), ['How many votes did Kanye get?', 'who said that?']);
    const first = answers[0];
    if (first?.reply.kind !== 'answer') assert.fail('an answer');
    assert.equal(first.reply.citations[0]?.speaker, null);
    assert.equal(answers[1]?.reply.kind, 'abstention');
    if (answers[1]?.reply.kind === 'abstention')
      assert.match(answers[1].reply.message, /reporter's own sentence/);
  });
});

describe('conversation: "more"', () => {
  it('gives the next citations, numbered on from the last shown, then says there are no more', () => {
    // As many pages as it takes: the answer core cites every passage within its margin.
    const answers = talk(seedsStory(), [
      'Why did John Legend and Kanye West stop being friends?',
      ...Array.from({ length: 30 }, () => 'more'),
    ]);
    const [first, second] = answers;
    if (first?.reply.kind !== 'answer' || second?.reply.kind !== 'answer') {
      assert.fail('two answers');
    }
    const last = first.reply.citations.at(-1)?.n ?? 0;
    assert.equal(second.reply.citations[0]?.n, last + 1);
    const before = new Set(first.reply.citations.map((c) => c.snippet));
    assert.ok(second.reply.citations.every((c) => !before.has(c.snippet)));
    assert.equal(second.followUp?.endsWith('more sources'), true);
    assert.ok(
      answers.some((a) => a.reply.kind === 'notice' && /every source/.test(a.reply.message)),
    );
  });

  it('turns the page of a list', () => {
    const [, second] = talk(stadium(), ['quotes coach', 'more']);
    assert.equal(second?.reply.kind, 'quotes');
    assert.equal(second?.page, 1);
  });
});

describe('conversation: pronouns and "that" in a new question', () => {
  it('puts the earlier person for "he" when the question names nobody', () => {
    const [, second] = talk(seedsStory(), ['What did Legend text Kanye?', 'how did he reply?']);
    assert.equal(second?.reply.kind, 'answer');
    if (second?.reply.kind === 'answer')
      assert.equal(second.reply.question, 'how did John Legend reply?');
  });

  it('puts the earlier topic for a closing "about that"', () => {
    const [, second] = talk(stadium(), [
      'Why did the mayor reject the stadium money?',
      'What did the coach say about that?',
    ]);
    assert.equal(second?.reply.kind, 'answer');
    if (second?.reply.kind === 'answer')
      assert.match(second.reply.question, /^What did the coach say about .*stadium money\?$/);
  });

  it('leaves a question that names its own person alone', () => {
    const [, second] = talk(seedsStory(), [
      'What did Legend text Kanye?',
      'What did Kanye say about Trump?',
    ]);
    assert.equal(second?.followUp, null);
  });
});

describe('conversation: bounds', () => {
  it('takes privacy from the follow-up itself', () => {
    const [, second] = talk(seedsStory(), ['How many votes did Kanye get?', 'private more']);
    assert.equal(second?.reply.command?.private, true);
  });

  it('never throws and always answers, whatever the messages and earlier turns', () => {
    const story = seedsStory();
    const command = fc.oneof(
      fc.record({
        name: fc.constant('ask' as const),
        question: fc.string({ maxLength: 80 }),
        private: fc.boolean(),
        offset: fc.nat(40),
      }),
      fc.record({
        name: fc.constant('quotes' as const),
        speaker: fc.option(fc.string({ maxLength: 20 })),
        about: fc.option(fc.string({ maxLength: 20 })),
        private: fc.boolean(),
      }),
      fc.record({
        name: fc.constant('who' as const),
        person: fc.option(fc.string({ maxLength: 20 })),
        private: fc.boolean(),
      }),
      fc.constant({ name: 'why' as const, private: false }),
    );
    const turn = fc.record({
      command,
      shown: fc.nat(40),
      page: fc.nat(5),
      question: fc.option(fc.string({ maxLength: 80 })),
    });
    const text = fc.oneof(
      fc.constantFrom(
        'more',
        'who said that?',
        'what else did he say?',
        'when was that?',
        'how did they reply?',
        'what about that?',
        'who is she?',
      ),
      fc.string({ maxLength: 120 }),
    );
    fc.assert(
      fc.property(text, fc.array(turn, { maxLength: MAX_TURNS }), (message, turns) => {
        const answer = converse(story, { text: message, turns });
        assert.ok(answer.reply.kind);
      }),
      { numRuns: 150 },
    );
  });
});
