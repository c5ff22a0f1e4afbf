/**
 * The neutral command model: what a user asked for, whatever the platform. Adapters build a
 * `Command` from a Discord interaction, a Slack slash command or a terminal line; `runCommand`
 * turns it into a `Reply`.
 */

/** Names of the commands, in the order help lists them. */
export type CommandName =
  | 'why'
  | 'ask'
  | 'quotes'
  | 'who'
  | 'timeline'
  | 'sources'
  | 'stories'
  | 'use'
  | 'help';

interface CommandBase {
  /** Reply only to the person who asked (ephemeral on Discord and Slack). */
  readonly private: boolean;
  /**
   * With several stories: the story asked about (its id), or null/absent to use the channel's
   * default story, else to route the question to the story that answers it best.
   */
  readonly story?: string | null;
}

/** `why`: the story's main question. */
export interface WhyCommand extends CommandBase {
  readonly name: 'why';
}

/** `ask <question>`. */
export interface AskCommand extends CommandBase {
  readonly name: 'ask';
  readonly question: string;
  /**
   * Citations to skip: the answer shows the ones after the first `offset` ("more", the More
   * sources button). Absent or 0 for a new question.
   */
  readonly offset?: number;
}

/** `quotes [speaker] [about <topic>]`: with no speaker, the list of speakers. */
export interface QuotesCommand extends CommandBase {
  readonly name: 'quotes';
  readonly speaker: string | null;
  readonly about: string | null;
}

/** `who [name]`: with no name, the people of the story; with one, that person's card. */
export interface WhoCommand extends CommandBase {
  readonly name: 'who';
  readonly person: string | null;
}

/** `timeline [year or words]`, `sources`, `help`. */
export interface SimpleCommand extends CommandBase {
  readonly name: 'timeline' | 'sources' | 'help';
  /** For `help`: why it is shown (an unknown command, an empty line), or null. */
  readonly reason?: string | null;
  /**
   * Words typed after the command (`timeline of 2018`, `sources for People`), or null. `timeline`
   * keeps the events they name; `sources` says it lists every article.
   */
  readonly args?: string | null;
}

/** `stories`: the stories served. */
export interface StoriesCommand extends CommandBase {
  readonly name: 'stories';
}

/** `use [story]`: set the channel's default story; alone, show it. */
export interface UseCommand extends CommandBase {
  readonly name: 'use';
  /** The story to use; null shows the current one; `none` clears it. */
  readonly target: string | null;
}

/** Any command. */
export type Command =
  | WhyCommand
  | AskCommand
  | QuotesCommand
  | WhoCommand
  | SimpleCommand
  | StoriesCommand
  | UseCommand;
