import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serialize } from 'node:v8';
import {
  DEFAULT_LEXICON,
  DEFAULT_STORY_CONFIG,
  EMPTY_STORY_CONFIG,
  loadStoryConfig,
  nearest,
  type StoryConfig,
} from '../config/story-config.ts';
import { articleNames, loadCorpus } from '../core/corpus/load.ts';
import type { CorpusWarning } from '../core/corpus/types.ts';
import { RiftError } from '../core/errors.ts';
import { buildStory, type Story, storyData } from '../core/story.ts';
import { completePersonNames } from '../core/story-views.ts';
import { createLexicon, type Lexicon } from '../core/text/lexicon.ts';
import { converse } from './conversation.ts';
import type { CoreRift, OpenRiftOptions } from './rift.ts';
import { cleanQuestion, runCommand } from './run.ts';
import {
  DEFAULT_CACHE_DIR,
  readSnapshot,
  readSnapshotBytes,
  type SnapshotInputs,
  snapshotKey,
  writeSnapshot,
} from './snapshot.ts';
import { loadWordVectors, wordVectorsDir } from './word-vectors.ts';

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
): CoreRift {
  const story = loadStory(options);
  for (const warning of story.corpus.warnings) onWarning(warning);
  return createRift(story);
}

/** Wraps a built story in the `CoreRift` interface. */
export function createRift(story: Story): CoreRift {
  return {
    corpusSize: story.sources.length,
    storyTitle: story.title,
    run: (command) => runCommand(story, command),
    converse: (message) => converse(story, message),
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
  return loadStoryFrom(storySources(options), options);
}

/** {@link loadStory} from sources already resolved. */
export function loadStoryFrom(sources: StorySources, options: OpenRiftOptions = {}): Story {
  const { corpusDir, config, lexicon, inputs } = sources;
  // The word vectors are read with the story, as its spelling tables and views are made with
  // it: reading the table (16 MB, about 100 ms) was otherwise the first question's to pay,
  // after every start. A thread that only hands stories on never calls this.
  void lexicon.vectors;
  if (options.cache !== false && inputs) {
    const key = snapshotKey(inputs, options.limits);
    const snapshot = readSnapshot(key, lexicon, options.cache ?? DEFAULT_CACHE_DIR);
    if (snapshot) return snapshot;
  }
  return buildStory(
    loadCorpus(corpusDir, { boilerplate: config.boilerplate }, options.limits),
    config,
    lexicon,
  );
}

/**
 * {@link loadStoryFrom}, with the story serialized for a worker: a snapshot's bytes as they are
 * when the story comes from one (no second serialization), else the new story's.
 */
export function loadStoryBytesFrom(
  sources: StorySources,
  options: OpenRiftOptions = {},
): { story: Story; bytes: Uint8Array } {
  if (options.cache !== false && sources.inputs) {
    const key = snapshotKey(sources.inputs, options.limits);
    const snapshot = readSnapshotBytes(key, sources.lexicon, options.cache ?? DEFAULT_CACHE_DIR);
    if (snapshot) return snapshot;
  }
  const story = loadStoryFrom(sources, { ...options, cache: false });
  return { story, bytes: serialize(storyData(story)) };
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
    loadCorpus(corpusDir, { boilerplate: config.boilerplate }, options.limits),
    config,
    lexicon,
  );
  const cacheDir =
    options.cache === false ? DEFAULT_CACHE_DIR : (options.cache ?? DEFAULT_CACHE_DIR);
  if (!inputs)
    throw new RiftError('CORPUS_MISSING', `Corpus folder "${corpusDir}" does not exist.`);
  return { story, ...writeSnapshot(story, snapshotKey(inputs, options.limits), cacheDir) };
}

/** What a story is built from: the corpus folder, its config, the lexicon, the snapshot key inputs. */
export interface StorySources {
  readonly corpusDir: string;
  readonly config: StoryConfig;
  /** The lexicon file's parsed JSON (a worker rebuilds the lexicon from it) and the lexicon. */
  readonly lexiconData: unknown;
  /** Where the word vectors' table is, or null when rift runs without vectors. */
  readonly vectorsDir: string | null;
  readonly lexicon: Lexicon;
  readonly inputs: SnapshotInputs | null;
}

/** The lexicon part of {@link StorySources}, which every story of one process may share. */
export type SharedLexicon = Pick<StorySources, 'lexicon' | 'lexiconData' | 'vectorsDir'>;

/**
 * Resolves where a story comes from; throws a {@link RiftError} when the config is unusable.
 * `shared` reuses another story's lexicon: several stories in one thread then read the lexicon
 * file once and share one word-vector table, instead of one each.
 */
export function storySources(options: OpenRiftOptions, shared?: SharedLexicon): StorySources {
  const config = chooseConfig(options);
  const corpusDir = options.corpus ?? config.corpus;
  if (!corpusDir) {
    throw new RiftError(
      'CONFIG_INVALID',
      `${config.file}: "corpus" is missing. Name the corpus folder there, or pass --corpus DIR.`,
    );
  }
  const { lexiconData, lexicon, vectorsDir } = shared ?? readLexicon(options);
  if (isFolder(corpusDir)) checkSourceIds(config, corpusDir);
  // A missing corpus folder is reported by loadCorpus; it has nothing to hash either.
  const inputs = isFolder(corpusDir)
    ? { corpusDir, configFiles: [config.file ?? '', DEFAULT_LEXICON] }
    : null;
  return {
    corpusDir,
    config,
    lexiconData,
    lexicon,
    vectorsDir,
    inputs,
  };
}

/** The lexicon file and the word vectors, read lazily on first use. */
function readLexicon(options: OpenRiftOptions): SharedLexicon {
  const lexiconData: unknown = JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8'));
  // Word vectors live in a cache folder (the story's, else the project's, where a table already made
  // is found), and are used even when snapshots are not.
  const cacheDir = typeof options.cache === 'string' ? options.cache : DEFAULT_CACHE_DIR;
  const vectorsDir = wordVectorsDir([cacheDir, DEFAULT_CACHE_DIR]);
  const lexicon = createLexicon(lexiconData, DEFAULT_LEXICON, () =>
    vectorsDir === null ? null : loadWordVectors(vectorsDir),
  );
  return { lexiconData, lexicon, vectorsDir };
}

/**
 * Names, sizes and modification times of a folder's articles: changes when any article does.
 *
 * @example
 * corpusSignature('seeds') // '000_1995089d9ac5036f.txt:5123:1722860000000\n...'
 */
export function corpusSignature(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => {
        const stat = lstatSync(join(dir, name));
        return `${name}:${stat.size}:${stat.mtimeMs}`;
      })
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * Every `sources` key of the config must name an article file of the corpus: a key that names
 * none (a typo, a renamed file) would silently show the file name instead of the outlet.
 */
function checkSourceIds(config: StoryConfig, corpusDir: string): void {
  const ids = Object.keys(config.sources ?? {});
  if (ids.length === 0) return;
  const articles = articleNames(corpusDir).map((name) => name.replace(/\.txt$/, ''));
  const present = new Set(articles);
  for (const id of ids) {
    if (present.has(id)) continue;
    const near = nearest(id, articles);
    throw new RiftError(
      'CONFIG_INVALID',
      `${config.file}: "sources.${id}" names no article of ${corpusDir} (there is no ${id}.txt)${near ? `; did you mean "${near}"?` : '; a key is an article file name without .txt'}`,
    );
  }
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
