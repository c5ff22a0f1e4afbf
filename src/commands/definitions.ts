import type { CommandName } from './types.ts';

/** The longest question the core answers; longer ones are answered on their start, with a note. */
export const MAX_QUESTION_CHARS = 500;
/** The longest speaker name accepted in `quotes`. */
export const MAX_SPEAKER_CHARS = 100;
/** The longest topic accepted in `quotes ... about`. */
export const MAX_TOPIC_CHARS = 200;
/**
 * The longest Discord `timeline words:`; short enough that a page button's custom id carries it
 * whole beside the owner and a story id. The text syntax reads up to {@link MAX_TOPIC_CHARS}.
 */
export const MAX_TIMELINE_WORDS_CHARS = 40;
/** How far "more" reaches: no question is answered past this many citations. */
export const MAX_CITATIONS_REACHED = 30;
/** Earlier turns kept per conversation; older ones are forgotten. */
export const MAX_TURNS = 6;
/** The longest message read; longer text (a pasted page) is cut before anything reads it. */
export const MAX_MESSAGE_CHARS = 4000;

/** One option of a command, as every platform shows it. */
export interface OptionDefinition {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'boolean';
  readonly required: boolean;
  readonly maxLength?: number;
  /**
   * Offer completions: `speaker` with the corpus's speakers, `story` with the stories served.
   */
  readonly autocomplete?: 'speaker' | 'story';
}

/** One command: drives Discord command data, the Slack/terminal grammar, the CLI and help. */
export interface CommandDefinition {
  readonly name: CommandName;
  readonly description: string;
  /** How to type it in Slack or the terminal, e.g. `quotes [speaker] [about <topic>]`. */
  readonly usage: string;
  readonly options: readonly OptionDefinition[];
}

/** The `private` option every command takes. */
export const PRIVATE_OPTION: OptionDefinition = {
  name: 'private',
  description: 'Only you see the reply',
  type: 'boolean',
  required: false,
};

/** The longest story id (a folder name). */
export const MAX_STORY_CHARS = 64;

/** The `story` option every story command takes: which story, with several. */
export const STORY_OPTION: OptionDefinition = {
  name: 'story',
  description: "Which story (with several; default: the channel's, else the best answer)",
  type: 'string',
  required: false,
  maxLength: MAX_STORY_CHARS,
  autocomplete: 'story',
};

/**
 * Every command rift understands, once. Discord's command data, the text grammar of Slack and
 * the terminal, and the help reply are all derived from this list.
 */
export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'why',
    description: "Why it happened: the story's main question, answered with cited sources",
    usage: 'why',
    options: [STORY_OPTION, PRIVATE_OPTION],
  },
  {
    name: 'ask',
    description: 'Ask a question about the story; the answer quotes the articles verbatim',
    usage: 'ask <question>',
    options: [
      {
        name: 'question',
        description: 'Your question about the story, in your own words',
        type: 'string',
        required: true,
        maxLength: MAX_QUESTION_CHARS,
      },
      STORY_OPTION,
      PRIVATE_OPTION,
    ],
  },
  {
    name: 'quotes',
    description: 'What a person said, grouped across outlets; without a speaker, who spoke',
    usage: 'quotes [speaker] [about <topic>]',
    options: [
      {
        name: 'speaker',
        description: 'Who said it (a name or alias)',
        type: 'string',
        required: false,
        maxLength: MAX_SPEAKER_CHARS,
        autocomplete: 'speaker',
      },
      {
        name: 'about',
        description: 'Quotes about this topic first, best first; the others after them',
        type: 'string',
        required: false,
        maxLength: MAX_TOPIC_CHARS,
      },
      STORY_OPTION,
      PRIVATE_OPTION,
    ],
  },
  {
    name: 'who',
    description: 'Who is who: names, descriptions, roles, quotes; with a name, that person',
    usage: 'who [name]',
    options: [
      {
        name: 'name',
        description: 'A person: a name, another name the articles use, or a description',
        type: 'string',
        required: false,
        maxLength: MAX_SPEAKER_CHARS,
        autocomplete: 'speaker',
      },
      STORY_OPTION,
      PRIVATE_OPTION,
    ],
  },
  {
    name: 'timeline',
    description: 'What happened when, oldest first; a year or words keep only those events',
    usage: 'timeline [year or words]',
    options: [
      {
        name: 'words',
        description: 'A year or words: keep only the events they name (e.g. 2018)',
        type: 'string',
        required: false,
        maxLength: MAX_TIMELINE_WORDS_CHARS,
      },
      STORY_OPTION,
      PRIVATE_OPTION,
    ],
  },
  {
    name: 'sources',
    description: 'The articles: date, title, what each carries and what it alone reports',
    usage: 'sources',
    options: [STORY_OPTION, PRIVATE_OPTION],
  },
  {
    name: 'stories',
    description: 'The stories I follow: id, title, articles, dates, last change',
    usage: 'stories',
    options: [PRIVATE_OPTION],
  },
  {
    name: 'use',
    description: "Set this channel's story (channel managers); alone, show it; none clears it",
    usage: 'use [story|none]',
    options: [
      {
        name: 'story',
        description: 'The story this channel asks about by default; none to clear',
        type: 'string',
        required: false,
        maxLength: MAX_STORY_CHARS,
        autocomplete: 'story',
      },
      PRIVATE_OPTION,
    ],
  },
  {
    name: 'help',
    description: 'How to use rift',
    usage: 'help',
    options: [PRIVATE_OPTION],
  },
];

/** Example lines shown in help; general to any story except for the speaker placeholder. */
export const EXAMPLES: readonly string[] = [
  'why',
  'ask <your question>',
  'quotes <speaker>',
  'who <name>',
  'timeline',
];
