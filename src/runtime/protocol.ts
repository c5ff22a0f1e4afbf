/**
 * What the main thread and the core's worker threads say to each other. Everything crosses by
 * structured clone; the story itself crosses once, as snapshot bytes in a SharedArrayBuffer that
 * every story worker of a generation reads, and the word vectors as one shared table that every
 * worker reads in place.
 */
import type { ConversationAnswer, ConversationMessage } from '../commands/conversation.ts';
import type { Command } from '../commands/types.ts';
import type { CorpusWarning } from '../core/corpus/types.ts';
import type { Reply, StoryListing } from '../core/reply.ts';

/** A call into the core: a command, or a completion for autocomplete. */
export type CoreRequest =
  | { readonly type: 'run'; readonly command: Command }
  | { readonly type: 'converse'; readonly message: ConversationMessage }
  | {
      readonly type: 'complete';
      readonly of: 'speakers' | 'people';
      readonly query: string;
      readonly limit: number;
    };

/** What each request answers. */
export type CoreResult<R extends CoreRequest> = R extends { type: 'run' }
  ? Reply
  : R extends { type: 'converse' }
    ? ConversationAnswer
    : readonly string[];

/** Main thread -> story worker. */
export interface RequestMessage {
  readonly id: number;
  readonly request: CoreRequest;
}

/** Story worker -> main thread. */
export type StoryWorkerMessage =
  /** A spare has loaded its code and waits for a story. */
  | { readonly type: 'booted' }
  | { readonly type: 'ready' }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly value: Reply | ConversationAnswer | readonly string[];
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** What a story worker starts from. */
export interface StoryWorkerData {
  /** The module the worker entry imports (the story worker, or a test's wrapper of it). */
  readonly module: string;
  /** `v8.serialize` of the story's snapshot data. */
  readonly snapshot: SharedArrayBuffer;
  /** The lexicon the story was built with, as parsed JSON, and its file (for messages). */
  readonly lexicon: unknown;
  readonly lexiconFile: string;
  /**
   * The word vectors' table in shared memory (`WordVectors.table`), opened in place by every
   * worker, or null to run without vectors.
   */
  readonly vectors: SharedArrayBuffer | null;
  /**
   * With a stories folder: every story's snapshot bytes (then `snapshot` is empty). Each story's
   * bytes are shared by every worker and reused across reloads of the other stories.
   */
  readonly library?: readonly LibrarySnapshot[];
}

/**
 * What a *spare* story worker starts from: only its module. It loads the code, says `booted`, and
 * waits for a {@link LoadMessage} with the story; starting the thread and loading the code is
 * about half of a story worker's start, done before anyone waits for it.
 */
export interface SpareWorkerData {
  readonly module: string;
  readonly spare: true;
}

/** Main thread -> a spare story worker: the story to load and serve. */
export interface LoadMessage {
  readonly type: 'load';
  readonly data: StoryWorkerData;
}

/** One story of a library as the workers receive it. */
export interface LibrarySnapshot {
  readonly id: string;
  readonly snapshot: SharedArrayBuffer;
  readonly listing: StoryListing;
}

/** Facts about a built story the main thread keeps (it never holds the story itself). */
export interface StoryInfo {
  readonly corpusSize: number;
  readonly storyTitle: string;
  readonly corpusDir: string;
  /** Names, sizes and modification times of the articles, to tell whether anything changed. */
  readonly signature: string;
}

/** Build worker -> main thread. */
export type BuildWorkerMessage =
  /** Sent before the build starts: how many bytes of articles it will read, to size its budget. */
  | { readonly type: 'sized'; readonly bytes: number }
  | {
      readonly type: 'built';
      readonly snapshot: SharedArrayBuffer;
      readonly lexicon: unknown;
      readonly lexiconFile: string;
      readonly vectors: SharedArrayBuffer | null;
      readonly info: StoryInfo;
      readonly warnings: readonly CorpusWarning[];
    }
  | { readonly type: 'unchanged' }
  | { readonly type: 'failed'; readonly code: string | null; readonly message: string };
