import type { Reply } from '../core/reply.ts';
import type { Command } from './types.ts';

/**
 * A loaded story, ready to answer commands. Built once at start-up and shared by every adapter;
 * `run` is synchronous, deterministic and never throws for any user input.
 */
export interface Rift {
  /** Number of articles in the corpus. */
  readonly corpusSize: number;
  readonly storyTitle: string;
  /** Answers one command. Same command, same reply. */
  run(command: Command): Reply;
  /** Speaker names for autocomplete: canonical names matching `query` (alias-aware), best first. */
  completeSpeakers(query: string, limit: number): readonly string[];
  /** Everyone in the story, quoted or not, for `who` autocomplete: canonical names, best first. */
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
}
