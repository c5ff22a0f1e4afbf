/**
 * Invariants no example list covers: whatever text the core or a user produces, the Discord
 * message stays within Discord's limits (checked by the stand-in's independent validator), never
 * pings, and rendering never throws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderChoices, renderDiscord } from '../../../src/adapters/discord/render.ts';
import type { Command } from '../../../src/commands/types.ts';
import type { Citation, Reply, SourceRef } from '../../../src/core/reply.ts';
import { validateMessage } from '../../support/discord-standin.ts';

const NASTY = [
  '@everyone',
  '@here',
  '<@123>',
  '<@&456>',
  '<#789>',
  '**',
  '\\',
  '`',
  '```',
  '# ',
  '\n> ',
  '- ',
  '[a](https://x.test)',
  '||',
  '😀',
  ' ',
];
const text = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...NASTY)), {
      maxLength,
    })
    .map((parts) => parts.join(''));
const short = text(8);
const long = fc.oneof(text(40), fc.string({ unit: 'binary', minLength: 3000, maxLength: 7000 }));

const command: fc.Arbitrary<Command> = fc.record({
  name: fc.constant('ask' as const),
  question: short,
  private: fc.boolean(),
});
const source: fc.Arbitrary<SourceRef> = fc.record({
  id: short,
  outlet: fc.option(short),
  date: fc.option(fc.constant('2024-11-06')),
  url: fc.option(fc.oneof(fc.webUrl(), short)),
  title: short,
});
const citation: fc.Arbitrary<Citation> = fc.record({
  n: fc.nat(99),
  snippet: long,
  source: short,
  sources: fc.array(source, { maxLength: 6 }),
  speaker: fc.option(short),
});

const person = fc.record({
  name: long,
  aliases: fc.array(long, { maxLength: 12 }),
  role: fc.option(short),
  quotes: fc.nat(1000),
  sources: fc.array(source, { maxLength: 8 }),
});

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    command,
    question: long,
    leadPrefix: fc.option(short),
    lead: long,
    citations: fc.array(citation, { maxLength: 30 }),
    otherViews: fc.array(citation, { maxLength: 3 }),
    corpusSize: fc.nat(1000),
    note: fc.option(short),
  }),
  fc.record({
    kind: fc.constant('abstention' as const),
    command,
    question: long,
    message: long,
    reason: short,
    corpusSize: fc.nat(1000),
    note: fc.option(long),
  }),
  fc.record({
    kind: fc.constant('quotes' as const),
    command,
    speaker: short,
    about: fc.option(short),
    quotes: fc.array(
      fc.record({
        speaker: fc.option(short),
        text: long,
        partial: fc.boolean(),
        sources: fc.array(source, { maxLength: 40 }),
        mentions: fc.constant([]),
      }),
      { maxLength: 12 },
    ),
    speakers: fc.constant([]),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('speakers' as const),
    command,
    speakers: fc.array(fc.record({ name: long, quotes: fc.nat(500) }), { maxLength: 40 }),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('unknown-speaker' as const),
    command,
    query: long,
    suggestions: fc.array(long, { maxLength: 10 }),
  }),
  fc.record({
    kind: fc.constant('sources' as const),
    command,
    storyTitle: long,
    sources: fc.array(source, { maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant('help' as const),
    command,
    storyTitle: long,
    reason: fc.option(long),
    commands: fc.array(fc.record({ usage: long, description: long }), { maxLength: 30 }),
    examples: fc.array(short, { maxLength: 5 }),
    people: fc.array(long, { maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant('timeline' as const),
    command,
    storyTitle: long,
    events: fc.array(
      fc.record({
        date: fc.oneof(fc.constantFrom('2004', '2018-04', '2022-08-05'), short),
        approximate: fc.boolean(),
        text: long,
        publication: fc.boolean(),
        citations: fc.array(citation, { maxLength: 4 }),
      }),
      { maxLength: 30 },
    ),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('people' as const),
    command,
    people: fc.array(person, { maxLength: 30 }),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('person' as const),
    command,
    person,
    descriptions: fc.array(fc.record({ text: long, citation }), { maxLength: 12 }),
    quotes: fc.array(
      fc.record({
        speaker: fc.option(short),
        text: long,
        partial: fc.boolean(),
        sources: fc.array(source, { maxLength: 40 }),
        mentions: fc.constant([]),
      }),
      { maxLength: 5 },
    ),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('coverage' as const),
    command,
    storyTitle: long,
    statements: fc.nat(5000),
    sources: fc.array(
      fc.record({
        source,
        statements: fc.nat(500),
        quotes: fc.nat(500),
        facts: fc.nat(500),
        aloneCount: fc.nat(500),
        alone: fc.array(
          fc.record({ kind: fc.constantFrom('quote' as const, 'fact' as const), citation }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 20 },
    ),
    corpusSize: fc.nat(1000),
  }),
  fc.record({
    kind: fc.constant('notice' as const),
    command: fc.option(command),
    level: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
    message: long,
  }),
);

/** Markdown text a reader sees rendered: mention syntax there must be escaped. */
function renderedText(message: ReturnType<typeof renderDiscord>): string[] {
  return [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ];
}

const UNESCAPED_MENTION = /(^|[^\\])(@everyone|@here|<@&?\d+>)/;

describe('renderDiscord properties', () => {
  it('renders any reply within every Discord limit', () => {
    fc.assert(
      fc.property(reply, fc.nat(5), (r, page) => {
        const message = renderDiscord(r, { page, userId: '1302000000000000300' });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      }),
      { numRuns: 200 },
    );
  });

  it('never pings: mentions parse nothing and mention syntax is escaped', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const message = renderDiscord(r);
        assert.deepEqual(message.allowed_mentions, { parse: [] });
        for (const part of renderedText(message)) assert.ok(!UNESCAPED_MENTION.test(part), part);
      }),
      { numRuns: 200 },
    );
  });

  it('offers autocomplete choices within the limits for any names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 150 }), { maxLength: 60 }),
        (names) => {
          const choices = renderChoices(names);
          assert.ok(choices.length <= 25);
          for (const c of choices)
            assert.ok(c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
        },
      ),
    );
  });
});
