/**
 * The build worker of a stories folder: loads each story it is given (from its snapshot when one
 * matches, else from its articles), off the main thread, and hands each over as snapshot bytes.
 * The main thread stops it past the build budget. A story that fails is reported and skipped;
 * the others still serve.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLibraryCore, storyListing } from '../commands/library.ts';
import { loadStoryBytesFrom, type SharedLexicon, storySources } from '../commands/open.ts';
import type { OpenRiftOptions } from '../commands/rift.ts';
import { DEFAULT_LEXICON } from '../config/story-config.ts';
import type { CorpusWarning } from '../core/corpus/types.ts';
import type { Story } from '../core/story.ts';
import { corpusBytes } from './build-budget.ts';
import type { LibrarySnapshot } from './protocol.ts';
import { lastChange, type StoryEntry } from './stories-folder.ts';
import { serveCore } from './story-worker.ts';

/** What a library build worker starts from. */
export interface LibraryBuildData {
  readonly module: string;
  readonly entries: readonly StoryEntry[];
  readonly options: Pick<OpenRiftOptions, 'cache' | 'limits'>;
}

/** Library build worker -> main thread. */
export type LibraryBuildMessage =
  | {
      readonly type: 'built';
      readonly stories: readonly LibrarySnapshot[];
      readonly failed: readonly { readonly id: string; readonly message: string }[];
      readonly warnings: readonly (CorpusWarning & { readonly story: string })[];
      readonly lexicon: unknown;
      readonly lexiconFile: string;
      /** The word vectors the stories were built with, as a shared table, or null. */
      readonly vectors: SharedArrayBuffer | null;
    }
  | { readonly type: 'failed'; readonly message: string }
  /** Bytes of article text the build will read (metadata only), for the build budget. */
  | { readonly type: 'sized'; readonly bytes: number };

const data = workerData as LibraryBuildData;
try {
  const stories: LibrarySnapshot[] = [];
  const failed: { id: string; message: string }[] = [];
  const warnings: (CorpusWarning & { story: string })[] = [];
  let lexicon: unknown = null;
  const built = new Map<string, Story>();
  parentPort?.postMessage({
    type: 'sized',
    bytes: data.entries.reduce((n, e) => n + corpusBytes(e.corpus, data.options.limits), 0),
  } satisfies LibraryBuildMessage);
  // One lexicon for every story of this thread: one word-vector table, not one per story.
  let shared: SharedLexicon | undefined;
  for (const entry of data.entries) {
    try {
      const sources = storySources(
        { corpus: entry.corpus, config: entry.config, cache: data.options.cache ?? null },
        shared,
      );
      shared ??= sources;
      lexicon = sources.lexiconData;
      // From a snapshot, its bytes go to the story workers as they are: no second serialization.
      const { story, bytes } = loadStoryBytesFrom(sources, data.options);
      const snapshot = new SharedArrayBuffer(bytes.length);
      new Uint8Array(snapshot).set(bytes);
      stories.push({
        id: entry.id,
        snapshot,
        listing: storyListing(entry.id, story, lastChange(entry.corpus)),
      });
      for (const w of story.corpus.warnings) warnings.push({ ...w, story: entry.id });
      built.set(entry.id, story);
    } catch (error) {
      failed.push({
        id: entry.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  // The main thread may keep this thread as the first library worker of a first build: it holds
  // every story already, which saves a thread loading them all from the bytes.
  parentPort?.once('message', (message: { type?: string }) => {
    if (message.type === 'serve')
      serveCore(
        createLibraryCore(
          built,
          stories.map((s) => s.listing),
        ),
      );
  });
  parentPort?.postMessage({
    type: 'built',
    stories,
    failed,
    warnings,
    lexicon,
    lexiconFile: DEFAULT_LEXICON,
    // The table this thread read, in shared memory: every library worker opens it in place.
    vectors: shared?.lexicon.vectors?.table ?? null,
  } satisfies LibraryBuildMessage);
} catch (error) {
  parentPort?.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  } satisfies LibraryBuildMessage);
}
