import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cleanQuestion, defang } from '../../src/commands/run.ts';
import { seedsRift } from '../support/seeds.ts';

const rift = seedsRift();
const ask = (question: string) => rift.run({ name: 'ask', question, private: false });

describe('runCommand', () => {
  it('ranks quotes by a topic without emptying the list: quotes ye about trump', () => {
    const all = rift.run({ name: 'quotes', speaker: 'ye', about: null, private: false });
    const reply = rift.run({ name: 'quotes', speaker: 'ye', about: 'trump', private: false });
    assert.equal(reply.kind, 'quotes');
    assert.equal(all.kind, 'quotes');
    // None of West's own quotes says "Trump": every one is still listed, and the reply says why.
    assert.equal(reply.quotes.length, all.quotes.length);
    assert.ok(reply.quotes.length > 0);
    assert.match(
      reply.note ?? '',
      /None of Kanye West's quotes mention “trump”, so all \d+ are shown/,
    );
  });

  it('puts the quotes about the topic first, then the rest', () => {
    const reply = rift.run({ name: 'quotes', speaker: 'legend', about: 'Trump', private: false });
    const all = rift.run({ name: 'quotes', speaker: 'legend', about: null, private: false });
    assert.equal(reply.kind, 'quotes');
    assert.equal(all.kind, 'quotes');
    assert.equal(reply.quotes.length, all.quotes.length);
    const matched = Number(/^(\d+) of/.exec(reply.note ?? '')?.[1]);
    assert.ok(matched > 0 && matched < reply.quotes.length, reply.note ?? '');
    // The first `matched` quotes mention Trump; the ones after them were not matched.
    for (const quote of reply.quotes.slice(0, matched)) assert.match(quote.text, /trump/i);
  });

  it("answers why with the story's main question and cited sources", () => {
    const reply = rift.run({ name: 'why', private: false });
    assert.equal(reply.kind, 'answer');
    if (reply.kind !== 'answer') return;
    assert.equal(reply.question, 'Why did John Legend and Kanye West stop being friends?');
    assert.equal(reply.leadPrefix, 'According to 5 of 5 sources:');
    assert.equal(reply.lead, reply.citations[0]?.snippet);
    assert.deepEqual(
      reply.citations.map((c) => c.n),
      reply.citations.map((_, i) => i + 1),
    );
  });

  it('shows outlets only where the config names them, never invented', () => {
    const reply = rift.run({ name: 'sources', private: false });
    assert.equal(reply.kind, 'coverage');
    if (reply.kind !== 'coverage') return;
    assert.deepEqual(
      reply.sources.map((s) => s.source.outlet),
      [null, null, 'Bossip', null, null],
    );
  });

  it('answers an empty or blank question with help', () => {
    assert.equal(ask('').kind, 'help');
    assert.equal(ask(' \t\u200B ').kind, 'help');
  });

  it('answers an over-long question on its first 500 characters, with a note', () => {
    const reply = ask(`How many votes did Kanye get? ${'blah '.repeat(300)}`);
    assert.ok(reply.kind === 'answer' || reply.kind === 'abstention');
    if (reply.kind !== 'answer' && reply.kind !== 'abstention') return;
    assert.ok(reply.question.length <= 500);
    assert.match(reply.note ?? '', /longer than 500 characters/);
  });

  it('abstains plainly, citing nothing, on a question the corpus does not answer', () => {
    const reply = ask('How much did the Lakers pay for their new arena?');
    assert.equal(reply.kind, 'abstention');
    if (reply.kind === 'abstention')
      assert.equal(reply.message, "The 5 articles I know don't say.");
  });

  it('gives the same answer to the same question', () => {
    assert.deepEqual(ask('Are they still friends?'), ask('Are they still friends?'));
  });

  it('never throws, whatever the question', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (q) => {
        const reply = ask(q);
        assert.ok(['answer', 'abstention', 'help'].includes(reply.kind));
      }),
      { numRuns: 150 },
    );
  });
});

describe('cleanQuestion', () => {
  it('strips control, zero-width and bidi characters', () => {
    assert.equal(
      cleanQuestion('why\u0000 did\u200B they\u202E split?').question,
      'why did they split?',
    );
  });

  it('never keeps mention or markdown syntax', () => {
    const { question } = cleanQuestion(
      '<@123> @everyone **why** did <!channel> <#C42> they `split`?',
    );
    assert.doesNotMatch(question, /<[@#!]|@everyone|@here|[*`]/);
  });
});

describe('defang', () => {
  it('removes mention markers for every platform', () => {
    assert.equal(
      defang('<!here> @here <@U1> <@&99>').replace(/\s+/g, ' ').trim(),
      'here here @U1 @&99',
    );
  });
});
