/**
 * The story the Discord end-to-end tests run against: the real seed corpus through
 * `openRift()`. While the core's `quotes` cannot fill more than one page (it answers "coming
 * soon" for now), quote replies come from the hand-made fake so pagination is still exercised.
 */
import { QUOTES_PER_PAGE } from '../../src/adapters/discord/render.ts';
import { openRift } from '../../src/commands/open.ts';
import type { Rift } from '../../src/commands/rift.ts';
import { inProcessRift } from '../../src/runtime/in-process.ts';
import { fakeRift } from './discord-rift.ts';

/** A story and two questions about it: one it answers, one it does not. */
export interface TestStory {
  readonly rift: Rift;
  readonly answerable: string;
  readonly unanswerable: string;
  /** False while quote replies come from the fake. */
  readonly realQuotes: boolean;
}

/** Loads the seed story (once per test file). */
export function storyRift(): TestStory {
  const core = openRift();
  const real = inProcessRift(core);
  const probe = core.run({ name: 'quotes', speaker: 'Ye', about: null, private: false });
  // Pagination scenarios need more quotes than one page holds.
  const realQuotes = probe.kind === 'quotes' && probe.quotes.length > QUOTES_PER_PAGE;
  const fake = fakeRift({ quotesCount: 10 });
  const rift: Rift = realQuotes
    ? real
    : {
        corpusSize: real.corpusSize,
        storyTitle: real.storyTitle,
        completeSpeakers: (query, limit) => real.completeSpeakers(query, limit),
        completePeople: (query, limit) => real.completePeople(query, limit),
        run: (command) => (command.name === 'quotes' ? fake.run(command) : real.run(command)),
        converse: (message) => real.converse(message),
      };
  return {
    rift,
    answerable: 'Who did John Legend support for president?',
    unanswerable: 'What did the Lakers score against the Celtics?',
    realQuotes,
  };
}
