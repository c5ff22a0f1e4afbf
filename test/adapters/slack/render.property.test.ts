import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CITATIONS_PER_PAGE, renderReply } from '../../../src/adapters/slack/render.ts';
import type { Command } from '../../../src/commands/types.ts';
import type { AnswerReply, Citation, Reply, SourceRef } from '../../../src/core/reply.ts';
import { assertSlackSafe, textsOf } from '../../support/slack-blocks.ts';

// Text that mixes ordinary characters with everything Slack treats as markup or a ping.
const piece = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U123>',
    '<#C123|general>',
    '&',
    '<',
    '>',
    '&amp;',
    ' ',
    '\n',
    '\n\n\n',
    '|',
    '*',
    '`',
  ),
);
const text = (maxPieces: number) =>
  fc.array(piece, { maxLength: maxPieces }).map((p) => p.join(''));
const longText = fc.oneof(
  text(8),
  text(200),
  fc.string({ minLength: 3000, maxLength: 3500 }),
  fc.constant('a\n'.repeat(1500)),
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const source: fc.Arbitrary<SourceRef> = fc.record({
  id: text(4),
  outlet: nullable(text(6)),
  date: nullable(fc.oneof(fc.constant('2022-08-05'), text(3))),
  url: nullable(
    fc.oneof(
      fc.webUrl(),
      text(4),
      fc.constant('https://x.test/<!channel>'),
      fc.constant(`https://example.com/${'a'.repeat(270)}?q=1&r=2`),
    ),
  ),
  title: longText,
});
const sources = fc.array(source, { maxLength: 8 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ name: fc.constant('why' as const), private: fc.boolean() }),
  fc.record({ name: fc.constant('ask' as const), question: longText, private: fc.boolean() }),
  fc.record({
    name: fc.constant('quotes' as const),
    speaker: nullable(longText),
    about: nullable(longText),
    private: fc.boolean(),
  }),
  fc.record({
    name: fc.constant('who' as const),
    person: nullable(longText),
    private: fc.boolean(),
  }),
  fc.record({
    name: fc.constantFrom('timeline' as const, 'sources' as const),
    private: fc.boolean(),
    reason: fc.constant(null),
  }),
);
const citations = (max: number, first = 1) =>
  fc
    .array(fc.record({ snippet: longText, source: text(3), sources, speaker: nullable(text(4)) }), {
      maxLength: max,
    })
    .map((list) => list.map((c, i): Citation => ({ ...c, n: first + i })));
const corpusSize = fc.integer({ min: 0, max: 500 });
const person = fc.record({
  name: longText,
  aliases: fc.array(longText, { maxLength: 12 }),
  role: nullable(text(4)),
  quotes: fc.nat(1000),
  sources,
});

const answer: fc.Arbitrary<AnswerReply> = fc.record({
  kind: fc.constant('answer' as const),
  command,
  question: longText,
  leadPrefix: nullable(text(6)),
  lead: longText,
  citations: citations(15),
  otherViews: citations(10, 100),
  corpusSize,
  note: nullable(longText),
});

const reply: fc.Arbitrary<Reply> = fc.oneof(
  answer,
  fc.record({
    kind: fc.constant('abstention' as const),
    command,
    question: longText,
    message: longText,
    reason: text(5),
    corpusSize,
    note: nullable(longText),
  }),
  fc.record({
    kind: fc.constant('quotes' as const),
    command,
    speaker: longText,
    about: nullable(longText),
    quotes: fc.array(
      fc.record({
        speaker: nullable(text(3)),
        text: longText,
        partial: fc.boolean(),
        sources,
        mentions: fc.constant([]),
      }),
      { maxLength: 15 },
    ),
    speakers: fc.constant([]),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('speakers' as const),
    command,
    speakers: fc.array(fc.record({ name: longText, quotes: fc.nat(1000) }), { maxLength: 30 }),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('unknown-speaker' as const),
    command,
    query: longText,
    suggestions: fc.array(longText, { maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant('sources' as const),
    command,
    storyTitle: longText,
    sources: fc.array(source, { maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant('help' as const),
    command,
    storyTitle: longText,
    reason: nullable(longText),
    commands: fc.array(fc.record({ usage: text(4), description: longText }), { maxLength: 8 }),
    examples: fc.array(text(4), { maxLength: 5 }),
    people: fc.array(longText, { maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant('timeline' as const),
    command,
    storyTitle: longText,
    events: fc.array(
      fc.record({
        date: fc.oneof(fc.constantFrom('2004', '2018-04', '2022-08-05'), text(3)),
        approximate: fc.boolean(),
        text: longText,
        publication: fc.boolean(),
        citations: citations(4),
      }),
      { maxLength: 25 },
    ),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('people' as const),
    command,
    people: fc.array(person, { maxLength: 30 }),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('person' as const),
    command,
    person,
    descriptions: citations(12).map((list) =>
      list.map((citation) => ({ text: citation.source, citation })),
    ),
    quotes: fc.array(
      fc.record({
        speaker: nullable(text(3)),
        text: longText,
        partial: fc.boolean(),
        sources,
        mentions: fc.constant([]),
      }),
      { maxLength: 5 },
    ),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('coverage' as const),
    command,
    storyTitle: longText,
    statements: fc.nat(5000),
    sources: fc.array(
      fc.record({
        source,
        statements: fc.nat(500),
        quotes: fc.nat(500),
        facts: fc.nat(500),
        aloneCount: fc.nat(500),
        alone: citations(3).map((list) =>
          list.map((citation, i) => ({
            kind: i % 2 ? ('fact' as const) : ('quote' as const),
            citation,
          })),
        ),
      }),
      { maxLength: 20 },
    ),
    corpusSize,
  }),
  fc.record({
    kind: fc.constant('notice' as const),
    command: nullable(command),
    level: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
    message: longText,
  }),
);

describe('Slack render (properties)', () => {
  it('renders any reply on any page within Slack limits, never emitting an unescaped mention', () => {
    fc.assert(
      fc.property(reply, fc.nat(20), (r, page) => {
        assertSlackSafe(renderReply(r, { page }));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the source line of every citation on the first page of an answer', () => {
    fc.assert(
      fc.property(answer, (r) => {
        const lines = textsOf(renderReply(r)).filter((t) => /^\[\d+\] /.test(t));
        const shown = [...r.citations, ...r.otherViews].slice(0, CITATIONS_PER_PAGE);
        for (const citation of shown) {
          const line = lines.find((l) => l.startsWith(`[${citation.n}] `));
          assert.ok(line, `citation ${citation.n} lost its source line`);
          assert.ok(
            line.includes(`reported by ${Math.max(1, citation.sources.length)} of ${r.corpusSize}`),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
