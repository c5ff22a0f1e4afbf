/**
 * One fast-check arbitrary for every kind of `Reply`, shared by the renderers' property tests so
 * each renderer is held to the same hostile input: text mixing arbitrary code points with
 * mention syntax of both platforms, markdown and mrkdwn, HTML entities, emoji, zero-width
 * characters, very long words and very long texts.
 */
import fc from 'fast-check';
import type { Command, CommandName } from '../../src/commands/types.ts';
import type { Citation, Reply, SourceRef } from '../../src/core/reply.ts';

/** Pieces that mean something to Discord, Slack or a terminal: text is built from these. */
export const HOSTILE_PIECES: readonly string[] = [
  // Pings on Discord, then on Slack.
  '@everyone',
  '@here',
  '<@123>',
  '<@&456>',
  '<#789>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<#C123|general>',
  // Markdown and mrkdwn.
  '**',
  '*',
  '\\',
  '`',
  '```',
  '# ',
  '\n> ',
  '- ',
  '[a](https://x.test)',
  '||',
  '|',
  // Characters Slack escapes as entities, and an entity already escaped.
  '&',
  '<',
  '>',
  '&amp;',
  // Whitespace, emoji and zero-width characters.
  ' ',
  '\n',
  '\n\n\n',
  '😀',
  '👩‍👩‍👧',
  '\u200b',
  '\u200d',
  '\ufeff',
  // A word no line break can split.
  'w'.repeat(300),
];

/** URLs a source may carry: over-long, or with Slack mention syntax inside. */
const HOSTILE_URLS = [
  'https://x.test/<!channel>',
  `https://example.com/${'a'.repeat(270)}?q=1&r=2`,
];

/**
 * Text of up to `maxPieces` pieces, each arbitrary code points (lone surrogates included),
 * arbitrary grapheme clusters or one of {@link HOSTILE_PIECES}.
 *
 * @example
 * fc.sample(hostileText(3), 1) // e.g. ['<!channel>\u200b**x']
 */
export function hostileText(maxPieces: number): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...HOSTILE_PIECES),
  );
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/**
 * Text for fields the core may fill with a whole passage: short or long hostile text, a block of
 * 3,000 to 7,000 code points (beyond Slack's section limit and Discord's embed description and
 * total limits), or 1,500 short lines.
 */
export function longHostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileText(8),
    hostileText(40),
    hostileText(200),
    { arbitrary: fc.string({ unit: 'binary', minLength: 3000, maxLength: 7000 }), weight: 2 },
    fc.constant('a\n'.repeat(1500)),
  );
}

/** Options of {@link replyArbitraries}; every one has a default. */
export interface ReplyArbitraryOptions {
  /**
   * How citations are numbered. `'sequential'` (default), as the core does: 1, 2, … through the
   * citations, then on through the other views, so a test can find a citation by its number.
   * `'any'`: any number from 0 to 99, repeats included, to show a renderer never relies on them.
   */
  readonly citationNumbers?: 'sequential' | 'any';
  /**
   * What a source's `date` holds besides null. `'any'` (default): a real date or hostile text.
   * `'iso'`: only a `YYYY-MM-DD` date, as the core's type promises, for a renderer that shows the
   * date as it comes.
   */
  readonly sourceDates?: 'any' | 'iso';
  /**
   * `who` cards with 40 to 80 descriptions and up to 30 quotes (a person the articles describe in
   * 61 ways once gave 130 Slack blocks). Off by default: such cards are slow to generate, so the
   * renderers' tests check them in a property of their own.
   */
  readonly longCards?: boolean;
}

type ReplyOf<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

/** One arbitrary per reply kind; the mapped type makes a missing kind a compile error. */
export type ReplyArbitraries = { readonly [K in Reply['kind']]: fc.Arbitrary<ReplyOf<K>> };

/**
 * An arbitrary for each kind of `Reply`, every text hostile, every list from empty to longer
 * than a page.
 *
 * @example
 * fc.assert(fc.property(replyArbitraries().answer, (answer) => { render(answer); }));
 */
export function replyArbitraries(options: ReplyArbitraryOptions = {}): ReplyArbitraries {
  const citationNumbers = options.citationNumbers ?? 'sequential';
  const sourceDates = options.sourceDates ?? 'any';
  const short = hostileText(8);
  const long = longHostileText();
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const corpusSize = fc.nat(1000);

  const commands: { readonly [N in CommandName]: fc.Arbitrary<Command> } = {
    why: fc.record({ name: fc.constant('why' as const), private: fc.boolean() }),
    ask: fc.record({ name: fc.constant('ask' as const), question: long, private: fc.boolean() }),
    quotes: fc.record({
      name: fc.constant('quotes' as const),
      speaker: nullable(long),
      about: nullable(long),
      private: fc.boolean(),
    }),
    who: fc.record({
      name: fc.constant('who' as const),
      person: nullable(long),
      private: fc.boolean(),
    }),
    timeline: fc.record({
      name: fc.constant('timeline' as const),
      private: fc.boolean(),
      reason: fc.constant(null),
    }),
    sources: fc.record({
      name: fc.constant('sources' as const),
      private: fc.boolean(),
      reason: fc.constant(null),
    }),
    stories: fc.record({ name: fc.constant('stories' as const), private: fc.boolean() }),
    use: fc.record({
      name: fc.constant('use' as const),
      target: nullable(short),
      private: fc.boolean(),
    }),
    help: fc.record({
      name: fc.constant('help' as const),
      private: fc.boolean(),
      reason: nullable(long),
    }),
  };
  const command = fc.oneof(...Object.values(commands));

  const isoDate = fc.constantFrom('2024-11-06', '2022-08-05');
  const source: fc.Arbitrary<SourceRef> = fc.record({
    id: short,
    outlet: nullable(short),
    date: nullable(sourceDates === 'iso' ? isoDate : fc.oneof(isoDate, hostileText(3))),
    url: nullable(fc.oneof(fc.webUrl(), short, fc.constantFrom(...HOSTILE_URLS))),
    title: long,
  });
  const sources = (maxLength: number) => fc.array(source, { maxLength });

  /** `minLength` to `maxLength` citations, numbered from 1 unless numbers may be any. */
  const citations = (maxLength: number, minLength = 0): fc.Arbitrary<Citation[]> =>
    fc
      .array(
        fc.record({
          n: fc.nat(99),
          snippet: long,
          source: short,
          sources: sources(8),
          speaker: nullable(short),
        }),
        minLength > 0 ? { minLength, maxLength, size: 'max' } : { maxLength },
      )
      .map((list) => (citationNumbers === 'any' ? list : list.map((c, i) => ({ ...c, n: i + 1 }))));

  const speakerKind = fc.constantFrom(
    'person' as const,
    'organisation' as const,
    'description' as const,
  );
  const quote = fc.record({
    speaker: nullable(short),
    speakerKind: nullable(speakerKind),
    text: long,
    partial: fc.boolean(),
    sources: sources(40),
    mentions: fc.array(
      fc.record({
        source: short,
        speaker: nullable(short),
        text: long,
        segments: fc.array(long, { maxLength: 4 }),
      }),
      { maxLength: 3 },
    ),
  });
  const speakerCounts = fc.array(
    fc.record({ name: long, quotes: fc.nat(1000), kind: speakerKind }),
    {
      maxLength: 40,
    },
  );
  const person = fc.record({
    name: long,
    kind: speakerKind,
    aliases: fc.array(long, { maxLength: 12 }),
    role: nullable(short),
    quotes: fc.nat(1000),
    sources: sources(8),
  });

  return {
    answer: fc
      .record({
        kind: fc.constant('answer' as const),
        command,
        question: long,
        leadPrefix: nullable(short),
        lead: long,
        citations: citations(30),
        otherViews: citations(10),
        corpusSize,
        note: nullable(long),
      })
      .map((reply) =>
        citationNumbers === 'any'
          ? reply
          : {
              ...reply,
              otherViews: reply.otherViews.map((c, i) => ({
                ...c,
                n: reply.citations.length + 1 + i,
              })),
            },
      ),
    abstention: fc.record({
      kind: fc.constant('abstention' as const),
      command,
      question: long,
      message: long,
      reason: short,
      corpusSize,
      note: nullable(long),
    }),
    quotes: fc.record({
      kind: fc.constant('quotes' as const),
      command,
      speaker: long,
      about: nullable(long),
      quotes: fc.array(quote, { maxLength: 15 }),
      speakers: speakerCounts,
      corpusSize,
    }),
    speakers: fc.record({
      kind: fc.constant('speakers' as const),
      command,
      speakers: speakerCounts,
      quotes: fc.array(quote, { maxLength: 15 }),
      corpusSize,
    }),
    'unknown-speaker': fc.record({
      kind: fc.constant('unknown-speaker' as const),
      command,
      query: long,
      suggestions: fc.array(long, { maxLength: 30 }),
    }),
    sources: fc.record({
      kind: fc.constant('sources' as const),
      command,
      storyTitle: long,
      sources: sources(30),
    }),
    timeline: fc.record({
      kind: fc.constant('timeline' as const),
      command,
      storyTitle: long,
      events: fc.array(
        fc.record({
          date: fc.oneof(fc.constantFrom('2004', '2018-04', '2022-08-05'), hostileText(3)),
          approximate: fc.boolean(),
          text: long,
          publication: fc.boolean(),
          citations: citations(4),
        }),
        { maxLength: 30 },
      ),
      corpusSize,
    }),
    people: fc.record({
      kind: fc.constant('people' as const),
      command,
      people: fc.array(person, { maxLength: 30 }),
      corpusSize,
    }),
    person: fc.record({
      kind: fc.constant('person' as const),
      command,
      person,
      descriptions: fc
        .tuple(
          fc.array(long, { maxLength: 80 }),
          options.longCards ? citations(80, 40) : citations(12),
        )
        .map(([texts, cited]) =>
          cited.map((citation, i) => ({ text: texts[i] ?? citation.source, citation })),
        ),
      quotes: fc.array(quote, { maxLength: options.longCards ? 30 : 5 }),
      corpusSize,
    }),
    coverage: fc.record({
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
          alone: fc
            .tuple(
              fc.array(fc.constantFrom('quote' as const, 'fact' as const), { maxLength: 3 }),
              citations(3),
            )
            .map(([kinds, cited]) =>
              cited.map((citation, i) => ({ kind: kinds[i] ?? 'quote', citation })),
            ),
        }),
        { maxLength: 20 },
      ),
      corpusSize,
    }),
    help: fc.record(
      {
        kind: fc.constant('help' as const),
        command,
        storyTitle: long,
        reason: nullable(long),
        commands: fc.array(fc.record({ usage: long, description: long }), { maxLength: 30 }),
        examples: fc.array(short, { maxLength: 5 }),
        // Optional in the model: sometimes left out altogether.
        people: fc.array(long, { maxLength: 30 }),
      },
      { requiredKeys: ['kind', 'command', 'storyTitle', 'reason', 'commands', 'examples'] },
    ),
    notice: fc.record({
      kind: fc.constant('notice' as const),
      command: nullable(command),
      level: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
      message: long,
    }),
    stories: fc.record({
      kind: fc.constant('stories' as const),
      command: nullable(command),
      stories: fc.array(
        fc.record({
          id: short,
          title: long,
          articles: fc.nat(10_000),
          firstDate: nullable(short),
          lastDate: nullable(short),
          changed: nullable(short),
        }),
        { maxLength: 30 },
      ),
      current: nullable(short),
      message: nullable(long),
    }),
    compared: fc.record({
      kind: fc.constant('compared' as const),
      command,
      question: long,
      message: long,
      answers: fc.array(
        fc
          .record({
            kind: fc.constant('answer' as const),
            command,
            question: long,
            leadPrefix: nullable(short),
            lead: long,
            citations: citations(10),
            otherViews: citations(3),
            corpusSize,
            note: nullable(long),
          })
          .chain((answer) =>
            fc.record({ id: short, title: long }).map((story) => ({ ...answer, story })),
          ),
        { minLength: 2, maxLength: 3 },
      ),
    }),
  };
}

/**
 * Any `Reply`, every kind equally likely.
 *
 * @example
 * fc.assert(fc.property(replyArbitrary(), (reply) => { assertSlackSafe(renderReply(reply)); }));
 */
export function replyArbitrary(options: ReplyArbitraryOptions = {}): fc.Arbitrary<Reply> {
  const byKind: fc.Arbitrary<Reply>[] = Object.values(replyArbitraries(options));
  return fc.oneof(...byKind);
}
