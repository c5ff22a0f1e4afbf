import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_LEXICON, DEFAULT_STORY_CONFIG, EMPTY_STORY_CONFIG, loadStoryConfig, type StoryConfig } from '../config/story-config.ts';
import { loadCorpus } from '../core/corpus/load.ts';
import type { CorpusWarning } from '../core/corpus/types.ts';
import { RiftError } from '../core/errors.ts';
import { buildStory, type Story } from '../core/story.ts';
import { fold } from '../core/text/fold.ts';
import { createLexicon } from '../core/text/lexicon.ts';
import type { OpenRiftOptions, Rift } from './rift.ts';
import { runCommand } from './run.ts';

/**
 * Loads a story from disk and returns it ready to answer commands. With no options it loads
 * `config/story.json` and the corpus it names (`seeds/`). With only a corpus folder, the
 * default config applies when it describes that same folder; otherwise the corpus is used with
 * no config, everything derived from the text.
 *
 * @example
 * openRift().run({ name: 'why', private: false }).kind // 'answer'
 */
export function openRift(
  options: OpenRiftOptions = {},
  onWarning: (warning: CorpusWarning) => void = () => {},
): Rift {
  const story = loadStory(options);
  for (const warning of story.corpus.warnings) onWarning(warning);
  return createRift(story);
}

/** Wraps a built story in the `Rift` interface. */
export function createRift(story: Story): Rift {
  const people = story.index.names.filter((n) => n.person);
  return {
    corpusSize: story.sources.length,
    storyTitle: story.title,
    run: (command) => runCommand(story, command),
    completeSpeakers(query, limit) {
      const q = fold(query);
      const scored = people
        .map((p) => ({ name: p.name, rank: matchRank(q, p.forms) }))
        .filter((p) => p.rank < 3)
        .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
      return scored.slice(0, limit).map((p) => p.name);
    },
  };
}

/** Loads config, lexicon and corpus, and builds the story. */
export function loadStory(options: OpenRiftOptions = {}): Story {
  const config = chooseConfig(options);
  const corpusDir = options.corpus ?? config.corpus;
  if (!corpusDir) {
    throw new RiftError('CONFIG_INVALID', `${config.file}: "corpus" is missing. Name the corpus folder there, or pass --corpus DIR.`);
  }
  const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')), DEFAULT_LEXICON);
  const corpus = loadCorpus(corpusDir, { boilerplate: config.boilerplate });
  return buildStory(corpus, config, lexicon);
}

function chooseConfig(options: OpenRiftOptions): StoryConfig {
  if (options.config) return loadStoryConfig(options.config);
  const fallback = loadStoryConfig(DEFAULT_STORY_CONFIG);
  if (!options.corpus) return fallback;
  return fallback.corpus && resolve(options.corpus) === resolve(fallback.corpus) ? fallback : EMPTY_STORY_CONFIG;
}

/** 0: a form starts with the query, 1: a word of a form does, 2: the query occurs inside. */
function matchRank(query: string, forms: readonly string[]): number {
  if (!query) return 0;
  if (forms.some((f) => f.startsWith(query))) return 0;
  if (forms.some((f) => f.split(' ').some((w) => w.startsWith(query)))) return 1;
  if (forms.some((f) => f.includes(query))) return 2;
  return 3;
}
