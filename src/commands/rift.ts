import type { CorpusLimits } from '../core/corpus/load.ts';
import type { Reply, StoryListing } from '../core/reply.ts';
import type { ConversationAnswer, ConversationMessage } from './conversation.ts';
import type { Command } from './types.ts';

/**
 * What every adapter (Discord, Slack, the terminal) calls to answer a user: asynchronous, so the
 * thread talking to the platforms never waits for the core. `npm start` serves it from worker
 * threads with a time budget per request (`openServingRift`); one-shot CLI commands and tests
 * may run the core in-process (`inProcessRift`). Never rejects for user input: a request that
 * fails or runs out of time resolves to a short notice.
 */
export interface Rift {
  /** Number of articles in the corpus. */
  readonly corpusSize: number;
  readonly storyTitle: string;
  /** Answers one command. Same command, same reply. */
  run(command: Command): Promise<Reply>;
  /**
   * Answers a message of a conversation (a thread, a DM, the console) against its earlier
   * turns: follow-ups carry the person and topic over; see `commands/conversation.ts`.
   */
  converse(message: ConversationMessage): Promise<ConversationAnswer>;
  /** Speaker names for autocomplete: canonical names matching `query` (alias-aware), best first. */
  completeSpeakers(query: string, limit: number): Promise<readonly string[]>;
  /** Everyone in the story, quoted or not, for `who` autocomplete: canonical names, best first. */
  completePeople(query: string, limit: number): Promise<readonly string[]>;
  /**
   * With a stories folder: the stories served (for `stories`, `use` and the story option's
   * autocomplete). Absent when one story is served.
   */
  stories?(): readonly StoryListing[];
}

/**
 * The core over one loaded story, answering on the calling thread: synchronous, deterministic
 * and never throwing for any user input. A story worker runs one; so do `rift ask` and the eval.
 */
export interface CoreRift {
  readonly corpusSize: number;
  readonly storyTitle: string;
  run(command: Command): Reply;
  converse(message: ConversationMessage): ConversationAnswer;
  completeSpeakers(query: string, limit: number): readonly string[];
  completePeople(query: string, limit: number): readonly string[];
}

/** Where to load a story from; both default from the story config. */
export interface OpenRiftOptions {
  /** Folder of `*.txt` articles. */
  readonly corpus?: string | null;
  /** Story config file (JSON). */
  readonly config?: string | null;
  /**
   * Folder of index snapshots (`rift index` writes them): a snapshot whose content hash matches
   * corpus, config and code is loaded instead of rebuilding. Default `.rift-cache/`; false: never.
   */
  readonly cache?: string | false | null;
  /** Bounds on the corpus folder; default `DEFAULT_CORPUS_LIMITS` (core/corpus/load.ts). */
  readonly limits?: CorpusLimits;
}
