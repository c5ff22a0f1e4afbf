import { createLibraryCore } from '../commands/library.ts';
import type { CoreRift, Rift } from '../commands/rift.ts';
import type { Command } from '../commands/types.ts';
import type { Reply } from '../core/reply.ts';
import type { LoadedLibrary } from './stories-folder.ts';

/**
 * The core on the calling thread behind the asynchronous `Rift` interface: for one-shot CLI
 * commands, which serve nobody else while they run, and for tests of adapters that are not about
 * the runtime. A core exception becomes an apology notice, as in the worker runtime.
 *
 * @example
 * const rift = inProcessRift(openRift());
 * (await rift.run({ name: 'why', private: false })).kind // 'answer'
 */
export function inProcessRift(core: CoreRift): Rift {
  return {
    get corpusSize() {
      return core.corpusSize;
    },
    get storyTitle() {
      return core.storyTitle;
    },
    run: async (command) => {
      try {
        return core.run(command);
      } catch {
        return failedReply(command);
      }
    },
    converse: async (message) => {
      try {
        return core.converse(message);
      } catch {
        return { reply: failedReply(null), page: 0, turn: null, followUp: null };
      }
    },
    completeSpeakers: async (query, limit) => core.completeSpeakers(query, limit),
    completePeople: async (query, limit) => core.completePeople(query, limit),
  };
}

/** The reply to a request the core failed on; says nothing about the failure. */
export function failedReply(command: Command | null): Reply {
  return {
    kind: 'notice',
    command,
    level: 'error',
    message: 'Sorry, something went wrong answering that. Please try again.',
  };
}

/**
 * Several stories on the calling thread, behind the `Rift` interface: for one-shot CLI commands
 * over a stories folder. Completions come from every story, best first per story.
 *
 * @example
 * const rift = inProcessLibrary(loadLibrary('stories'));
 * (await rift.run({ name: 'stories', private: false })).kind // 'stories'
 */
export function inProcessLibrary(library: LoadedLibrary): Rift {
  const core = createLibraryCore(library.stories, library.listings);
  return {
    ...inProcessRift(core),
    stories: () => library.listings,
  };
}
