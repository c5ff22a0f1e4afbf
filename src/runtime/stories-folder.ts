/**
 * A stories folder (`RIFT_STORIES`, or `stories` in `config/rift.json`): one sub-folder per story,
 * holding its `*.txt` articles and an optional `story.json`. The story id is the folder name.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STORY_ID, storyListing } from '../commands/library.ts';
import { loadStoryFrom, type SharedLexicon, storySources } from '../commands/open.ts';
import type { OpenRiftOptions } from '../commands/rift.ts';
import { RiftError } from '../core/errors.ts';
import type { StoryListing } from '../core/reply.ts';
import type { Story } from '../core/story.ts';

/** Stories in one folder at most; beyond it the rest are skipped with a warning. */
export const MAX_STORIES = 1000;

/** One story of a stories folder. */
export interface StoryEntry {
  readonly id: string;
  readonly corpus: string;
  /** Its `story.json`, or null: everything derived from the text. */
  readonly config: string | null;
}

/**
 * The stories of `dir`, sorted by id: every sub-folder whose name is a valid story id. Hidden
 * folders, files and symbolic links are skipped; each skip is reported through `onSkip`.
 * Throws a {@link RiftError} when `dir` is not a folder.
 *
 * @example
 * findStories('stories') // [{ id: 'legend-west', corpus: 'stories/legend-west', config: 'stories/legend-west/story.json' }, ...]
 */
export function findStories(
  dir: string,
  onSkip: (name: string, why: string) => void = () => {},
): StoryEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    throw new RiftError(
      'CORPUS_MISSING',
      `The stories folder "${dir}" cannot be read (${(error as Error).message}). Set RIFT_STORIES to a folder with one sub-folder per story.`,
    );
  }
  const entries: StoryEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) continue;
    if (!STORY_ID.test(name)) {
      onSkip(name, 'a story folder name is letters, digits, ".", "_" or "-" (at most 64)');
      continue;
    }
    if (entries.length >= MAX_STORIES) {
      onSkip(name, `more than ${MAX_STORIES} stories`);
      continue;
    }
    const config = join(path, 'story.json');
    entries.push({ id: name, corpus: path, config: isFile(config) ? config : null });
  }
  if (entries.length === 0)
    throw new RiftError(
      'CORPUS_MISSING',
      `The stories folder "${dir}" has no story: add one sub-folder per story, holding its .txt articles.`,
    );
  return entries;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** When an article of `dir` last changed (ISO 8601), or null when it has none. */
export function lastChange(dir: string): string | null {
  let latest = 0;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.txt') && name !== 'story.json') continue;
      latest = Math.max(latest, lstatSync(join(dir, name)).mtimeMs);
    }
  } catch {
    return null;
  }
  return latest > 0 ? new Date(latest).toISOString() : null;
}

/** Stories loaded on the calling thread, for one-shot commands and the eval. */
export interface LoadedLibrary {
  readonly stories: ReadonlyMap<string, Story>;
  readonly listings: readonly StoryListing[];
}

/**
 * Loads every story of a stories folder (from snapshots where they match). A story that cannot
 * be loaded is skipped through `onSkip`; the others still serve.
 *
 * @example
 * const { stories, listings } = loadLibrary('stories');
 */
export function loadLibrary(
  dir: string,
  options: Pick<OpenRiftOptions, 'cache' | 'limits'> = {},
  onSkip: (name: string, why: string) => void = () => {},
): LoadedLibrary {
  const stories = new Map<string, Story>();
  const listings: StoryListing[] = [];
  // One lexicon for every story: one word-vector table, not one per story.
  let shared: SharedLexicon | undefined;
  for (const entry of findStories(dir, onSkip)) {
    try {
      const storyOptions = { ...options, corpus: entry.corpus, config: entry.config };
      const sources = storySources(storyOptions, shared);
      shared ??= sources;
      const story = loadStoryFrom(sources, storyOptions);
      stories.set(entry.id, story);
      listings.push(storyListing(entry.id, story, lastChange(entry.corpus)));
    } catch (error) {
      onSkip(entry.id, (error as Error).message);
    }
  }
  if (stories.size === 0)
    throw new RiftError('CORPUS_MISSING', `No story of "${dir}" could be loaded.`);
  return { stories, listings };
}
