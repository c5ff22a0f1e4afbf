import { answerQuestion, type CoreCitation } from '../core/answer/answer.ts';
import { shorten } from '../core/corpus/load.ts';
import type { AnswerReply, Citation, HelpReply, Reply } from '../core/reply.ts';
import type { Story } from '../core/story.ts';
import { stripInvisible } from '../core/text/fold.ts';
import { COMMANDS, EXAMPLES, MAX_QUESTION_CHARS } from './definitions.ts';
import type { Command, QuotesCommand } from './types.ts';

/** Runs the `quotes` command differently (tests, other quote sources). */
export type QuotesRunner = (command: QuotesCommand) => Reply;

/** How much of the lede a `why` question without config quotes. */
const MAX_LEDE_CHARS = 150;

/** The longest speaker or topic text considered; longer input is cut, not rejected. */
const MAX_QUOTES_ARG = 200;

/**
 * Turns a command into a reply. Deterministic, and total: any input gets a reply, never an
 * exception (bad input gets help or an abstention).
 *
 * @example
 * runCommand(story, { name: 'why', private: false }).kind // 'answer'
 */
export function runCommand(story: Story, command: Command, quotes?: QuotesRunner): Reply {
  switch (command.name) {
    case 'why':
      return ask(story, command, whyQuestion(story), null);
    case 'ask': {
      const { question, note } = cleanQuestion(command.question);
      if (!question) return help(story, command, 'Ask needs a question: ask <question>');
      return ask(story, command, question, note);
    }
    case 'quotes':
      return quotes ? quotes(command) : quotesReply(story, command);
    case 'timeline':
      return { kind: 'notice', command, level: 'info', message: 'The timeline is coming soon.' };
    case 'sources':
      return { kind: 'sources', command, storyTitle: story.title, sources: story.sources };
    case 'help':
      return help(story, command, command.reason ?? null);
  }
}

/**
 * Cleans a question typed by a user: strips control, zero-width and bidi characters, folds white
 * space, and keeps the first `MAX_QUESTION_CHARS` characters (at a word boundary) with a note.
 */
export function cleanQuestion(raw: string): { question: string; note: string | null } {
  const text = defang(stripInvisible(raw)).replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_QUESTION_CHARS) return { question: text, note: null };
  const cut = text.slice(0, MAX_QUESTION_CHARS);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_QUESTION_CHARS / 2)).trim();
  return {
    question: atWord,
    note: `Your question was longer than ${MAX_QUESTION_CHARS} characters; I answered its first ${atWord.length}.`,
  };
}

/**
 * Neutralises chat syntax in a question so no renderer can echo it live: mentions (`<@123>`,
 * `<#C1>`, `<!channel>`, `@everyone`, `@here`) lose their markers and markdown characters are
 * dropped. None of them carries meaning for retrieval.
 */
export function defang(text: string): string {
  return text
    .replace(/<([@#!][^<>\s]{0,80})>/g, '$1')
    .replace(/<(https?:[^<>|\s]+)(\|[^<>]*)?>/g, '$1')
    .replace(/@(everyone|here|channel)\b/gi, '$1')
    .replace(/[@!](?=(everyone|here|channel)\b)/gi, '')
    .replace(/[*_`~|<>]/g, ' ');
}

/**
 * `quotes`: the speakers with counts, or one speaker's quotes (alias- and typo-tolerant),
 * optionally ranked by a topic; an unknown speaker gets the known ones, closest first.
 */
function quotesReply(story: Story, command: QuotesCommand): Reply {
  const corpusSize = story.sources.length;
  const speaker = command.speaker
    ? cleanQuestion(command.speaker).question.slice(0, MAX_QUOTES_ARG)
    : '';
  const about = command.about ? cleanQuestion(command.about).question.slice(0, MAX_QUOTES_ARG) : '';
  if (!speaker) return { kind: 'speakers', command, speakers: story.quotes.speakers, corpusSize };
  const match = story.quotes.findSpeaker(speaker);
  if (match.kind === 'none' || !match.name) {
    return { kind: 'unknown-speaker', command, query: speaker, suggestions: match.suggestions };
  }
  const quotes = story.quotes.quotesBy(match.name, about || null).map((q) => {
    const ids = [...new Set(q.mentions.map((m) => m.source))];
    return {
      speaker: q.speaker,
      text: q.text,
      partial: q.partial,
      sources: ids.flatMap((id) => story.sourceById.get(id) ?? []),
      mentions: q.mentions.map((m) => ({
        source: m.source,
        speaker: m.speaker,
        text: m.text,
        segments: m.segments,
      })),
    };
  });
  return {
    kind: 'quotes',
    command,
    speaker: match.name,
    about: about || null,
    quotes,
    speakers: story.quotes.speakers,
    corpusSize,
  };
}

/** The question `why` answers: the story's main question, or one about the corpus's lede. */
export function whyQuestion(story: Story): string {
  if (story.mainQuestion) return story.mainQuestion;
  // No main question configured: ask why about the lede, kept short enough to read.
  const lede = story.corpus.articles[0]?.title ?? story.title;
  return `Why? ${shorten(lede, MAX_LEDE_CHARS)}`;
}

function ask(story: Story, command: Command, question: string, note: string | null): Reply {
  const result = answerQuestion(story.index, question, story.answerOptions);
  const corpusSize = story.sources.length;
  if (result.abstained || result.citations.length === 0) {
    return {
      kind: 'abstention',
      command,
      question,
      message: `The ${corpusSize} article${corpusSize === 1 ? '' : 's'} I know don't say.`,
      reason: result.reason ?? 'no citation',
      corpusSize,
      note,
    };
  }
  const citations = result.citations.map((c, i) => toCitation(story, c, i + 1));
  const first = citations[0] as Citation;
  const reply: AnswerReply = {
    kind: 'answer',
    command,
    question,
    leadPrefix: `According to ${first.sources.length} of ${corpusSize} sources:`,
    lead: first.snippet,
    citations,
    otherViews: result.otherViews.map((c, i) => toCitation(story, c, citations.length + i + 1)),
    corpusSize,
    note,
  };
  return reply;
}

function toCitation(story: Story, citation: CoreCitation, n: number): Citation {
  return {
    n,
    snippet: citation.snippet,
    source: citation.source,
    sources: citation.sources.flatMap((id) => story.sourceById.get(id) ?? []),
    speaker: citation.speaker,
  };
}

function help(story: Story, command: Command, reason: string | null): HelpReply {
  return {
    kind: 'help',
    command: command.name === 'help' ? command : { name: 'help', private: command.private, reason },
    storyTitle: story.title,
    reason,
    commands: COMMANDS.map((c) => ({ usage: c.usage, description: c.description })),
    examples: EXAMPLES,
  };
}
