import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_LEXICON,
  DEFAULT_STORY_CONFIG,
  EMPTY_STORY_CONFIG,
  loadStoryConfig,
  type StoryConfig,
} from '../config/story-config.ts';
import { prepareOtherViews } from '../core/answer/other-views.ts';
import { loadCorpus } from '../core/corpus/load.ts';
import type { CorpusWarning } from '../core/corpus/types.ts';
import { RiftError } from '../core/errors.ts';
import { buildStory, type Story } from '../core/story.ts';
import { completePersonNames } from '../core/story-views.ts';
import { createLexicon } from '../core/text/lexicon.ts';
import type { OpenRiftOptions, Rift } from './rift.ts';
import { cleanQuestion, runCommand } from './run.ts';
import { DEFAULT_CACHE_DIR, readSnapshot, snapshotKey, writeSnapshot } from './snapshot.ts';

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
  prepareOtherViews(story.index);
  return {
    corpusSize: story.sources.length,
    storyTitle: story.title,
    run: (command) => runCommand(story, command),
    completePeople: (query, limit) =>
      completePersonNames(
        story.views.people,
        cleanQuestion(query).question.slice(0, 100),
        Math.max(0, Math.min(limit, 25)),
      ),
    completeSpeakers: (query, limit) =>
      story.quotes.completeSpeakers(
        cleanQuestion(query).question.slice(0, 100),
        Math.max(0, Math.min(limit, 25)),
      ),
  };
}

/** Loads config, lexicon and corpus, and builds the story, or loads its matching snapshot. */
export function loadStory(options: OpenRiftOptions = {}): Story {
  const { corpusDir, config, lexicon, inputs } = storySources(options);
  if (options.cache !== false && inputs) {
    const snapshot = readSnapshot(snapshotKey(inputs), lexicon, options.cache ?? DEFAULT_CACHE_DIR);
    if (snapshot) return snapshot;
  }
  return buildStory(loadCorpus(corpusDir, { boilerplate: config.boilerplate }), config, lexicon);
}

/**
 * `rift index`: builds the story from the corpus and writes its snapshot, so later start-ups
 * load it instead of rebuilding.
 */
export function indexStory(options: OpenRiftOptions = {}): {
  story: Story;
  path: string;
  bytes: number;
} {
  const { corpusDir, config, lexicon, inputs } = storySources(options);
  const story = buildStory(
    loadCorpus(corpusDir, { boilerplate: config.boilerplate }),
    config,
    lexicon,
  );
  const cacheDir =
    options.cache === false ? DEFAULT_CACHE_DIR : (options.cache ?? DEFAULT_CACHE_DIR);
  if (!inputs)
    throw new RiftError('CORPUS_MISSING', `Corpus folder "${corpusDir}" does not exist.`);
  return { story, ...writeSnapshot(story, snapshotKey(inputs), cacheDir) };
}

/** What a story is built from: the corpus folder, its config, the lexicon, the snapshot key inputs. */
function storySources(options: OpenRiftOptions) {
  const config = chooseConfig(options);
  const corpusDir = options.corpus ?? config.corpus;
  if (!corpusDir) {
    throw new RiftError(
      'CONFIG_INVALID',
      `${config.file}: "corpus" is missing. Name the corpus folder there, or pass --corpus DIR.`,
    );
  }
  const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')), DEFAULT_LEXICON);
  // A missing corpus folder is reported by loadCorpus; it has nothing to hash either.
  const inputs = isFolder(corpusDir)
    ? { corpusDir, configFiles: [config.file ?? '', DEFAULT_LEXICON] }
    : null;
  return { corpusDir, config, lexicon, inputs };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function chooseConfig(options: OpenRiftOptions): StoryConfig {
  if (options.config) return loadStoryConfig(options.config);
  const fallback = loadStoryConfig(DEFAULT_STORY_CONFIG);
  if (!options.corpus) return fallback;
  return fallback.corpus && resolve(options.corpus) === resolve(fallback.corpus)
    ? fallback
    : EMPTY_STORY_CONFIG;
}
