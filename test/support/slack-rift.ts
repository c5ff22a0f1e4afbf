/**
 * A small hand-made `Rift` over the seed story's shape, for the Slack adapter's render tests and
 * for end-to-end tests of replies the real core does not give yet (twelve quotes to page through).
 * Quotes are verbatim from `seeds/`; the answers are fixed, not searched.
 */
import { MAX_QUESTION_CHARS } from '../../src/commands/definitions.ts';
import type { Rift } from '../../src/commands/rift.ts';
import type { Command } from '../../src/commands/types.ts';
import type { Citation, QuoteItem, Reply, SourceRef } from '../../src/core/reply.ts';
import { converseByRun } from './converse.ts';

/** The five seed sources, as the story config would cite them. */
export const SOURCES: readonly SourceRef[] = [
  {
    id: '000_1995089d9ac5036f',
    outlet: 'People',
    date: '2022-08-05',
    url: 'https://people.com/legend-west',
    title: 'John Legend on Kanye West',
  },
  {
    id: '001_eb9eaa3cbaa232cb',
    outlet: 'CNN',
    date: '2022-08-04',
    url: 'https://cnn.com/axe-files?a=1&b=2',
    title: 'The Axe Files',
  },
  {
    id: '002_e37ff9940fa829ac',
    outlet: 'Fox News',
    date: '2022-08-05',
    url: null,
    title: 'Legend and West',
  },
  { id: '003_0e4f98ce9771d10d', outlet: null, date: null, url: null, title: 'Untitled' },
  {
    id: '004_0b61b2ffab8b2ab8',
    outlet: 'Billboard',
    date: '2022-08-06',
    url: 'https://billboard.com/x',
    title: 'Friendship over politics',
  },
];

const LEAD =
  '"I honestly think because we publicly disagreed on his running for office, his supporting Trump. I think it became too much for us to sustain our friendship."';

const CITATIONS: readonly Citation[] = [
  {
    n: 1,
    snippet: LEAD,
    source: SOURCES[0]?.id ?? '',
    sources: SOURCES.slice(0, 4),
    speaker: 'John Legend',
  },
  {
    n: 2,
    snippet:
      '"He was upset that I didn\'t support his run for presidency of the United States of America — for understandable reasons."',
    source: SOURCES[1]?.id ?? '',
    sources: SOURCES.slice(1, 3),
    speaker: 'John Legend',
  },
  {
    n: 3,
    snippet:
      "West's highly publicized bid to become our next POTUS in 2020 ultimately resulted in him garnering about 60,000 votes in a dozen states.",
    source: SOURCES[0]?.id ?? '',
    sources: SOURCES.slice(0, 1),
    speaker: null,
  },
];

/** Twelve quotes, so `quotes Ye` needs three pages of five. */
export const KANYE_QUOTES: readonly QuoteItem[] = Array.from({ length: 12 }, (_, i) => ({
  speaker: 'Kanye West',
  speakerKind: 'person',
  text: `"Quote number ${i + 1} about John Legend & politics."`,
  partial: i % 4 === 3,
  sources: SOURCES.slice(0, 1 + (i % 5)),
  mentions: [],
}));

const ALIASES: Readonly<Record<string, string>> = {
  ye: 'Kanye West',
  kanye: 'Kanye West',
  'kanye west': 'Kanye West',
  legend: 'John Legend',
  'john legend': 'John Legend',
};

/**
 * Wraps a `Rift` so a question containing `word` throws, as a bug in the core would; every other
 * command goes to `rift`.
 */
export function throwingOn(rift: Rift, word: string): Rift {
  return {
    corpusSize: rift.corpusSize,
    storyTitle: rift.storyTitle,
    completeSpeakers: (query, limit) => rift.completeSpeakers(query, limit),
    completePeople: (query, limit) => rift.completePeople(query, limit),
    async run(command) {
      if (command.name === 'ask' && command.question.includes(word))
        throw new Error('index exploded');
      return rift.run(command);
    },
    async converse(message) {
      if (message.text.includes(word)) throw new Error('index exploded');
      return rift.converse(message);
    },
  };
}

/**
 * A `Rift` answering from fixed data: `why` and questions about the fall-out get an answer,
 * questions about unknown things (`Lakers`) an abstention, `quotes Ye` twelve quotes.
 */
export function createFakeRift(): Rift {
  return {
    corpusSize: SOURCES.length,
    storyTitle: 'John Legend and Kanye West',
    completeSpeakers: async (query, limit) =>
      ['Kanye West', 'John Legend']
        .filter((n) => n.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit),
    completePeople: async (query, limit) =>
      ['David Axelrod', 'Kanye West', 'John Legend']
        .filter((n) => n.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit),
    run: async (command: Command): Promise<Reply> => fakeReply(command),
    converse: converseByRun(async (command) => fakeReply(command)),
  };
}

/** The fake's reply to a command, synchronously, for render tests. */
export function fakeReply(command: Command): Reply {
  const corpusSize = SOURCES.length;
  switch (command.name) {
    case 'why':
    case 'ask': {
      const asked =
        command.name === 'ask' ? command.question : 'Why did John Legend and Kanye West fall out?';
      const question = asked.slice(0, MAX_QUESTION_CHARS);
      const note =
        asked.length > MAX_QUESTION_CHARS
          ? `Your question was shortened to ${MAX_QUESTION_CHARS} characters.`
          : null;
      if (/lakers/i.test(question)) {
        return {
          kind: 'abstention',
          command,
          question,
          message: `The ${corpusSize} articles I know don't say.`,
          reason: 'unknown terms: lakers',
          corpusSize,
          note,
        };
      }
      return {
        kind: 'answer',
        command,
        question,
        leadPrefix: `According to 4 of ${corpusSize} sources:`,
        lead: LEAD,
        citations: CITATIONS,
        otherViews: [],
        corpusSize,
        note,
      };
    }
    case 'quotes': {
      if (command.speaker === null) {
        return {
          kind: 'speakers',
          command,
          speakers: [
            { name: 'John Legend', quotes: 7, kind: 'person' },
            { name: 'Kanye West', quotes: 12, kind: 'person' },
          ],
          quotes: [],
          corpusSize,
        };
      }
      const speaker = ALIASES[command.speaker.toLowerCase()];
      if (!speaker) {
        return {
          kind: 'unknown-speaker',
          command,
          query: command.speaker,
          suggestions: ['John Legend', 'Kanye West'],
        };
      }
      const quotes = speaker === 'Kanye West' ? KANYE_QUOTES : KANYE_QUOTES.slice(0, 2);
      return {
        kind: 'quotes',
        command,
        speaker,
        about: command.about,
        quotes,
        speakers: [{ name: speaker, quotes: quotes.length, kind: 'person' }],
        corpusSize,
      };
    }
    case 'sources':
      return {
        kind: 'sources',
        command,
        storyTitle: 'John Legend and Kanye West',
        sources: SOURCES,
      };
    case 'who':
      return { kind: 'people', command, people: [], corpusSize };
    case 'timeline':
      return { kind: 'notice', command, level: 'info', message: 'The timeline is coming soon.' };
    case 'help':
      return {
        kind: 'help',
        command,
        storyTitle: 'John Legend and Kanye West',
        reason: command.reason ?? null,
        commands: [
          { usage: 'why', description: 'Why it happened' },
          { usage: 'ask <question>', description: 'Ask a question about the story' },
          { usage: 'quotes [speaker] [about <topic>]', description: 'What a person said' },
        ],
        examples: ['why', 'ask <your question>', 'quotes <speaker>'],
      };
    case 'stories':
    case 'use':
      return { kind: 'notice', command, level: 'info', message: 'I follow one story.' };
  }
}
