import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { PROJECT_ROOT } from '../config/story-config.ts';
import {
  articleNames,
  type CorpusLimits,
  DEFAULT_CORPUS_LIMITS,
  readCorpusFile,
} from '../core/corpus/load.ts';
import { type Story, type StoryData, storyData, storyFromData } from '../core/story.ts';
import type { Lexicon } from '../core/text/lexicon.ts';
import { snapshotProblem } from './snapshot-schema.ts';

/** Bump when the snapshot layout changes in a way the code hash would not catch. */
const SNAPSHOT_FORMAT = 2;
/** Where snapshots are kept unless RIFT_CACHE says otherwise. */
export const DEFAULT_CACHE_DIR = resolve(PROJECT_ROOT, '.rift-cache');

/** Everything a snapshot depends on; any change gives another key, so a stale one is never used. */
export interface SnapshotInputs {
  readonly corpusDir: string;
  /** Config files whose contents shape the story (story config, lexicon). */
  readonly configFiles: readonly string[];
}

/**
 * The content hash keying a snapshot: the corpus files (names and bytes), the config files, the
 * fitted answer weights and the core's source code, so new articles, an edited config, a new fit
 * or a new release all rebuild.
 *
 * @example
 * snapshotKey({ corpusDir: 'seeds', configFiles: ['config/story.json', 'config/lexicon.json'] }) // 'a3f…'
 */
export function snapshotKey(
  inputs: SnapshotInputs,
  limits: CorpusLimits = DEFAULT_CORPUS_LIMITS,
): string {
  const hash = createHash('sha256').update(`rift snapshot ${SNAPSHOT_FORMAT}\n`);
  const add = (label: string, content: Buffer | string) => {
    hash.update(`${label}\n${content.length}\n`);
    hash.update(content);
  };
  // Read exactly as the loader reads: a FIFO, a link out or an oversized file is never opened
  // or read in full here either; what the loader would skip is hashed by its reason.
  const root = resolve(inputs.corpusDir);
  hash.update(`limits ${limits.maxArticleBytes} ${limits.maxArticles}\n`);
  for (const name of articleNames(root).slice(0, limits.maxArticles)) {
    const file = readCorpusFile(root, name, limits.maxArticleBytes);
    add(`corpus:${name}`, 'bytes' in file ? file.bytes : `skipped: ${file.skipped}`);
  }
  for (const file of inputs.configFiles)
    add(`config:${file}`, existsSync(file) ? readFileSync(file) : '');
  hash.update(`code\n${codeHash()}\n`);
  // The fitted weights are read by the core and kept in the snapshot with the answer options.
  add('weights', readFileSync(resolve(PROJECT_ROOT, 'config/answer-weights.json')));
  return hash.digest('hex');
}

let codeDigest: string | null = null;
/**
 * The core's source files, hashed once per process: the code cannot change under a running
 * process, and a stories folder asks for a key per story.
 */
function codeHash(): string {
  if (codeDigest) return codeDigest;
  const hash = createHash('sha256');
  for (const file of sourceFiles(resolve(PROJECT_ROOT, 'src/core'))) {
    const content = readFileSync(file);
    hash.update(`code:${file}\n${content.length}\n`).update(content);
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
    })
    .sort();
}

/** The snapshot file for a key. */
export function snapshotPath(key: string, cacheDir = DEFAULT_CACHE_DIR): string {
  return join(cacheDir, `${key.slice(0, 32)}.snapshot`);
}

/**
 * Writes a story's snapshot atomically (write aside, then rename); returns its path and size.
 * The story is serialized on its own inside the file, so a reader can hand those bytes to a
 * worker as they are, without serializing the story again.
 */
export function writeSnapshot(
  story: Story,
  key: string,
  cacheDir = DEFAULT_CACHE_DIR,
): { path: string; bytes: number } {
  mkdirSync(cacheDir, { recursive: true });
  const path = snapshotPath(key, cacheDir);
  const data = serialize({ key, story: serialize(storyData(story)) });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
  return { path, bytes: data.length };
}

/**
 * Reads the snapshot for a key, or null when there is none or it cannot be used (another key,
 * a truncated or foreign file, contents failing {@link snapshotProblem}): the caller then
 * builds the story from the corpus.
 */
export function readSnapshot(
  key: string,
  lexicon: Lexicon,
  cacheDir = DEFAULT_CACHE_DIR,
): Story | null {
  return readSnapshotBytes(key, lexicon, cacheDir)?.story ?? null;
}

/**
 * {@link readSnapshot}, with the story's serialized bytes as the file holds them (what a worker
 * loads the story from).
 */
export function readSnapshotBytes(
  key: string,
  lexicon: Lexicon,
  cacheDir = DEFAULT_CACHE_DIR,
): { story: Story; bytes: Uint8Array } | null {
  const path = snapshotPath(key, cacheDir);
  if (!existsSync(path)) return null;
  try {
    const stored = deserialize(readFileSync(path)) as { key?: unknown; story?: unknown } | null;
    if (stored?.key !== key || !(stored.story instanceof Uint8Array)) return null;
    const data: unknown = deserialize(stored.story);
    // Anything that deserializes is not yet a story: it must pass the schema and the checks.
    if (snapshotProblem(data) !== null) return null;
    return { story: storyFromData(data as StoryData, lexicon), bytes: stored.story };
  } catch {
    return null;
  }
}
