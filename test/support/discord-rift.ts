/**
 * A small hand-made `Rift` for the Discord adapter's tests: deterministic replies shaped like the
 * real core's, without loading a corpus.
 */
import type { Rift } from '../../src/commands/rift.ts';
import type { Command } from '../../src/commands/types.ts';
import type { Reply, SourceRef } from '../../src/core/reply.ts';
import { converseByRun } from './converse.ts';

const SOURCES: readonly SourceRef[] = [
  {
    id: '000_a',
    outlet: 'Halden Herald',
    date: '2024-11-06',
    url: 'https://example.com/a',
    title: 'Kanye votes',
  },
  { id: '001_b', outlet: 'Metro Ledger', date: '2024-11-06', url: null, title: 'Legend speaks' },
  { id: '002_c', outlet: null, date: null, url: null, title: 'Untitled' },
];
const SPEAKERS: readonly string[] = ['Kanye West', 'John Legend', 'Chrissy Teigen', 'Donald Trump'];
const ALIASES: Readonly<Record<string, string>> = { ye: 'Kanye West' };

/** Replies the fake gives; `quotesCount` quotes by Kanye West. */
export interface FakeRiftOptions {
  readonly quotesCount?: number;
  /** Makes `run` throw, for the "handler throws" scenario. */
  readonly throwOn?: (command: Command) => boolean;
}

/**
 * A fake story: `ask` answers unless the question mentions "Lakers" (then it abstains);
 * `quotes` knows Kanye West (alias `ye`).
 */
export function fakeRift(options: FakeRiftOptions = {}): Rift {
  const quotesCount = options.quotesCount ?? 10;
  const corpusSize = SOURCES.length;
  const rift: Rift = {
    corpusSize,
    storyTitle: 'Kanye West and John Legend fall out',
    completePeople(query, limit) {
      return this.completeSpeakers(query, limit);
    },
    async completeSpeakers(query, limit) {
      const q = query.trim().toLowerCase();
      const alias = ALIASES[q];
      const matches = SPEAKERS.filter((s) => s.toLowerCase().includes(q));
      return [...new Set([...(alias ? [alias] : []), ...matches])].slice(0, limit);
    },
    async run(command): Promise<Reply> {
      if (options.throwOn?.(command)) throw new Error('fake core failure');
      switch (command.name) {
        case 'why':
        case 'ask': {
          const question =
            command.name === 'ask' ? command.question : 'Why did Kanye and John Legend fall out?';
          if (/lakers/i.test(question)) {
            return {
              kind: 'abstention',
              command,
              question,
              message: "The 3 articles I know don't say.",
              reason: 'unknown terms: Lakers',
              corpusSize,
              note: null,
            };
          }
          return {
            kind: 'answer',
            command,
            question,
            leadPrefix: 'According to 2 of 3 sources:',
            lead: '"I honestly think because we publicly disagreed on his running for office," Legend said.',
            citations: [
              {
                n: 1,
                snippet:
                  '"I honestly think because we publicly disagreed on his running for office," Legend said.',
                source: '000_a',
                sources: [SOURCES[0] as SourceRef, SOURCES[1] as SourceRef],
                speaker: 'John Legend',
              },
              {
                n: 2,
                snippet: 'West received about 60,000 votes.',
                source: '001_b',
                sources: [SOURCES[1] as SourceRef],
                speaker: null,
              },
            ],
            otherViews: [],
            corpusSize,
            note: null,
          };
        }
        case 'quotes': {
          if (command.speaker === null) {
            return {
              kind: 'speakers',
              command,
              speakers: SPEAKERS.map((name, i) => ({ name, quotes: 10 - i, kind: 'person' })),
              quotes: [],
              corpusSize,
            };
          }
          const speaker =
            ALIASES[command.speaker.toLowerCase()] ?? SPEAKERS.find((s) => s === command.speaker);
          if (!speaker)
            return {
              kind: 'unknown-speaker',
              command,
              query: command.speaker,
              suggestions: ['Kanye West'],
            };
          return {
            kind: 'quotes',
            command,
            speaker,
            about: command.about,
            quotes: Array.from({ length: quotesCount }, (_, i) => ({
              speaker,
              speakerKind: 'person',
              text: `Quote number ${i + 1}: "I am not running for office," he said.`,
              partial: false,
              sources: [SOURCES[i % SOURCES.length] as SourceRef],
              mentions: [],
            })),
            speakers: [{ name: speaker, quotes: quotesCount, kind: 'person' }],
            corpusSize,
          };
        }
        case 'sources':
          return {
            kind: 'sources',
            command,
            storyTitle: 'Kanye West and John Legend fall out',
            sources: SOURCES,
          };
        case 'who':
          return { kind: 'people', command, people: [], corpusSize };
        case 'timeline':
          return {
            kind: 'notice',
            command,
            level: 'info',
            message: 'The timeline is coming soon.',
          };
        case 'help':
          return {
            kind: 'help',
            command,
            storyTitle: 'Kanye West and John Legend fall out',
            reason: command.reason ?? null,
            commands: [{ usage: 'why', description: 'Why it happened' }],
            examples: ['why'],
          };
        case 'stories':
        case 'use':
          return { kind: 'notice', command, level: 'info', message: 'I follow one story.' };
      }
    },
    converse: (message) => converseByRun(rift.run)(message),
  };
  return rift;
}
