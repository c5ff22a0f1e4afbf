import { COMMANDS } from './definitions.ts';
import type { Command, CommandName } from './types.ts';

const NAMES = new Set<string>(COMMANDS.map((c) => c.name));
const PREFIX = /^\s*\/?rift\b/i;

/**
 * Parses a line of text, as typed after `/rift` in Slack or at the terminal prompt, into a
 * command. Empty text is `help`; text that does not start with a command name is a question.
 * The word `private` at the start, right after the command name, or at the end makes the reply
 * private; inside a question it is left alone.
 *
 * @example
 * parseCommandText('quotes Ye about Trump private')
 * // { name: 'quotes', speaker: 'Ye', about: 'Trump', private: true }
 */
export function parseCommandText(text: string): Command {
  let words = text.replace(PREFIX, '').trim().split(/\s+/).filter(Boolean);
  let isPrivate = false;
  const takePrivate = (index: number) => {
    if (words[index]?.toLowerCase() === 'private') {
      words = words.filter((_, i) => i !== index);
      isPrivate = true;
    }
  };
  let story: string | null = null;
  // `story:<id>` (or `--story <id>`) first, after the command name, or last names the story.
  const takeStory = (index: number): boolean => {
    if (story !== null) return false;
    const word = words[index] ?? '';
    const inline = STORY_WORD.exec(word);
    if (inline?.[1]) {
      story = inline[1];
      words = words.filter((_, i) => i !== index);
      return true;
    }
    if (word.toLowerCase() === '--story' && words[index + 1]) {
      story = words[index + 1] ?? null;
      words = words.filter((_, i) => i !== index && i !== index + 1);
      return true;
    }
    return false;
  };
  takePrivate(words.length - 1);
  // `why story:water private` and `why private story:water` alike.
  if (takeStory(words.length - 1) || takeStory(Math.max(0, words.length - 2)))
    takePrivate(words.length - 1);
  takePrivate(0);
  takeStory(0);
  takePrivate(0);

  const first = words[0]?.toLowerCase() ?? '';
  if (!NAMES.has(first)) {
    if (words.length === 0)
      return withStory({ name: 'help', private: isPrivate, reason: null }, story);
    return withStory({ name: 'ask', question: words.join(' '), private: isPrivate }, story);
  }
  const name = first as CommandName;
  words = words.slice(1);
  takePrivate(0);
  takeStory(0);
  takePrivate(0);
  const rest = words.join(' ');
  return withStory(parseNamed(name, rest, isPrivate), story);
}

/** `story:<id>` as one word of a Slack or console line. */
const STORY_WORD = /^story:(\S+)$/i;

function withStory(command: Command, story: string | null): Command {
  return story === null ? command : { ...command, story };
}

function parseNamed(name: CommandName, rest: string, isPrivate: boolean): Command {
  switch (name) {
    case 'ask':
      return rest
        ? { name, question: rest, private: isPrivate }
        : { name: 'help', private: isPrivate, reason: 'Ask needs a question: ask <question>' };
    case 'quotes':
      return { name, ...parseQuotesArgs(rest), private: isPrivate };
    case 'why':
      // `why did they fall out` is a question, `why` alone is the story's main question.
      return rest
        ? { name: 'ask', question: `why ${rest}`, private: isPrivate }
        : { name, private: isPrivate };
    case 'who':
      // `who is Ye?` asks for Ye's card; `who did Ye support?` stays a question (see run).
      return { name, person: unquote(rest) || null, private: isPrivate };
    case 'timeline':
    case 'sources':
    case 'help':
      return { name, private: isPrivate, reason: null };
    case 'stories':
      return { name, private: isPrivate };
    case 'use':
      return { name, target: unquote(rest) || null, private: isPrivate };
  }
}

function parseQuotesArgs(rest: string): { speaker: string | null; about: string | null } {
  const match = /^(.*?)(?:^|\s)about\s+(.+)$/i.exec(rest);
  const speaker = unquote(match ? (match[1] ?? '') : rest);
  const about = match ? unquote(match[2] ?? '') : '';
  return { speaker: speaker || null, about: about || null };
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/^["“'‘](.*)["”'’]$/, '$1')
    .trim();
}
