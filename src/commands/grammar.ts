import { COMMANDS } from './definitions.ts';
import type { Command, CommandName } from './types.ts';

const NAMES = new Set<string>(COMMANDS.map((c) => c.name));
const PREFIX = /^\s*\/?rift\b/i;
/** The option form of the flag, accepted anywhere: `--private`. */
const PRIVATE_OPTION = '--private';
/** Command names this short are too close to ordinary words (`who`, `how`) to suggest. */
const MIN_SUGGESTED_NAME = 4;
/** `story:<id>` as one word of a Slack or console line. */
const STORY_WORD = /^story:(\S+)$/i;

/**
 * Parses a line of text, as typed after `/rift` in Slack or at the terminal prompt, into a
 * command. Empty text is `help`; text that does not start with a command name is a question.
 *
 * The reply is private when `private` stands where it cannot be part of what was asked: first,
 * right after the command name, or last after a command whose words are a name or a filter
 * (`sources private`, `quotes ye private`); `--private` counts anywhere. Inside or at the end of a
 * question or a topic it is a word like any other: `why did West make the texts private` asks
 * exactly that, in public.
 *
 * With a stories folder, `story:<id>` (or `--story <id>`) names the story when it stands first,
 * right after the command name, or last (before a final `private` too).
 *
 * @example
 * parseCommandText('private quotes Ye about Trump')
 * // { name: 'quotes', speaker: 'Ye', about: 'Trump', private: true }
 */
export function parseCommandText(text: string): Command {
  let words = text.replace(PREFIX, '').trim().split(/\s+/).filter(Boolean);
  let isPrivate = false;
  if (words.some((w) => w.toLowerCase() === PRIVATE_OPTION)) {
    words = words.filter((w) => w.toLowerCase() !== PRIVATE_OPTION);
    isPrivate = true;
  }
  const takePrivate = (index: number) => {
    if (words[index]?.toLowerCase() !== 'private') return false;
    words = words.filter((_, i) => i !== index);
    isPrivate = true;
    return true;
  };
  let story: string | null = null;
  const takeStory = (index: number): boolean => {
    if (story !== null || index < 0) return false;
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
  // Last: `why story:water`, `quotes ye story:water private`, `sources --story water`.
  const last = words.length - 1;
  const beforePrivate = words[last]?.toLowerCase() === 'private' ? 1 : 0;
  const storyLast = takeStory(last - beforePrivate) || takeStory(last - beforePrivate - 1);
  // A `private` after a story word cannot be part of the question: it is the flag.
  if (storyLast && beforePrivate) takePrivate(words.length - 1);
  takePrivate(0);
  takeStory(0);
  takePrivate(0);
  const command = parseWords();
  return story === null ? command : { ...command, story };

  function parseWords(): Command {
    const first = words[0]?.toLowerCase() ?? '';
    if (!NAMES.has(first)) {
      if (words.length === 0) return { name: 'help', private: isPrivate, reason: null };
      const suggestion = suggestCommand(first);
      if (suggestion && !/\?\s*$/.test(text)) {
        return {
          name: 'help',
          private: isPrivate,
          reason: `Unknown command "${words[0]}". Did you mean "${suggestion}"?`,
        };
      }
      return { name: 'ask', question: words.join(' '), private: isPrivate };
    }
    const name = first as CommandName;
    const typedName = words[0] ?? name;
    words = words.slice(1);
    takePrivate(0);
    takeStory(0);
    takePrivate(0);
    const rest = () => words.join(' ');

    switch (name) {
      case 'ask':
        return rest()
          ? { name, question: rest(), private: isPrivate }
          : { name: 'help', private: isPrivate, reason: 'Ask needs a question: ask <question>' };
      case 'quotes': {
        // `about <topic>` is free text: a `private` ending it belongs to the topic.
        if (!/(^|\s)about\s/i.test(rest())) takePrivate(words.length - 1);
        return { name, ...parseQuotesArgs(rest()), private: isPrivate };
      }
      case 'why':
        // `why did they fall out` is a question, `why` alone is the story's main question.
        if (words.length === 1) takePrivate(0);
        return rest()
          ? { name: 'ask', question: `${typedName} ${rest()}`, private: isPrivate }
          : { name, private: isPrivate };
      case 'who':
        // `who is Ye?` asks for Ye's card; `who did Ye support?` stays a question (see run).
        if (!/\?\s*$/.test(rest())) takePrivate(words.length - 1);
        return { name, person: unquote(rest()) || null, private: isPrivate };
      case 'timeline':
      case 'sources':
        takePrivate(words.length - 1);
        return { name, private: isPrivate, reason: null, args: unquote(rest()) || null };
      case 'help':
        takePrivate(words.length - 1);
        return { name, private: isPrivate, reason: null };
      case 'stories':
        takePrivate(words.length - 1);
        return { name, private: isPrivate };
      case 'use':
        takePrivate(words.length - 1);
        return { name, target: unquote(rest()) || null, private: isPrivate };
    }
  }
}

/**
 * The command a mistyped first word most likely meant (`quote` → `quotes`, `timline` →
 * `timeline`): one letter added, dropped, changed or two swapped. Null when none is that close.
 *
 * @example
 * suggestCommand('quote') // 'quotes'
 */
export function suggestCommand(word: string): string | null {
  const typed = word.toLowerCase();
  if (typed.length < MIN_SUGGESTED_NAME - 1 || NAMES.has(typed)) return null;
  for (const name of NAMES) {
    if (name.length >= MIN_SUGGESTED_NAME && oneEditApart(typed, name)) return name;
  }
  return null;
}

/** True when `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
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
