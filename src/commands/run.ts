import { answerQuestion, type CoreCitation } from '../core/answer/answer.ts';
import { findOtherViews } from '../core/answer/other-views.ts';
import { personCard, type StoryPerson } from '../core/people-view/index.ts';
import type { Quote } from '../core/quotes/index.ts';
import { onTopic } from '../core/quotes/topic.ts';
import type {
  AnswerReply,
  Citation,
  CoverageReply,
  HelpReply,
  PersonSummary,
  QuoteItem,
  Reply,
  TimelineReply,
} from '../core/reply.ts';
import type { Story } from '../core/story.ts';
import { findPerson } from '../core/story-views.ts';
import { stripInvisible, words } from '../core/text/fold.ts';
import type { CoreTimelineEvent } from '../core/timeline/index.ts';
import { COMMANDS, EXAMPLES, MAX_CITATIONS_REACHED, MAX_QUESTION_CHARS } from './definitions.ts';
import type { Command, QuotesCommand, SimpleCommand, WhoCommand } from './types.ts';

/** How many words of a headline or lede a `why` question without config quotes. */
const MAX_TOPIC_WORDS = 14;

/** The longest speaker or topic text considered; longer input is cut, not rejected. */
const MAX_QUOTES_ARG = 200;

/**
 * Turns a command into a reply. Deterministic, and total: any input gets a reply, never an
 * exception (bad input gets help or an abstention).
 *
 * @example
 * runCommand(story, { name: 'why', private: false }).kind // 'answer'
 */
export function runCommand(story: Story, command: Command): Reply {
  switch (command.name) {
    case 'why':
      return ask(story, command, whyQuestion(story), null);
    case 'ask': {
      const { question, note } = cleanQuestion(command.question);
      if (!question) return help(story, command, 'Ask needs a question: ask <question>');
      return ask(story, command, question, note, command.offset);
    }
    case 'quotes':
      return quotesReply(story, command);
    case 'who':
      return whoReply(story, command);
    case 'timeline':
      return timelineReply(story, command);
    case 'sources':
      return coverageReply(story, command);
    case 'help':
      return help(story, command, command.reason ?? null);
    case 'stories':
    case 'use':
      return {
        kind: 'notice',
        command,
        level: 'info',
        message: `I follow one story: "${story.title}" (${story.sources.length} articles). A stories folder (RIFT_STORIES) lets me follow several.`,
      };
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
  if (!speaker) {
    const quotes = story.quotes.quotes.map((q) => toQuoteItem(story, q));
    // A topic ranks one speaker's quotes; with no speaker there is nothing to rank.
    const note = about
      ? `“about ${about}” needs a speaker, so it was not used: try quotes <speaker> about ${about}.`
      : null;
    return { kind: 'speakers', command, speakers: story.quotes.speakers, quotes, corpusSize, note };
  }
  const match = story.quotes.findSpeaker(speaker);
  if (match.kind === 'none' || !match.name) {
    return { kind: 'unknown-speaker', command, query: speaker, suggestions: match.suggestions };
  }
  // A topic ranks: the quotes about it come first, the rest follow, so a topic the person never
  // spoke about still lists what they did say, and says so.
  const all = story.quotes.quotesBy(match.name);
  const topical = about ? onTopic(all, about) : all;
  const first = new Set(topical);
  const ranked = [...topical, ...all.filter((q) => !first.has(q))];
  return {
    kind: 'quotes',
    command,
    speaker: match.name,
    about: about || null,
    quotes: ranked.map((q) => toQuoteItem(story, q)),
    speakers: story.quotes.speakers,
    corpusSize,
    note: topicNote(match.name, about, topical.length, all.length),
  };
}

/** What a topic did to the list, when it did not simply keep every quote. */
function topicNote(speaker: string, about: string, matched: number, total: number): string | null {
  if (!about || total === 0 || matched === total) return null;
  if (matched === 0)
    return `None of ${speaker}'s quotes mention “${about}”, so all ${total} are shown.`;
  return `${matched} of ${total} mention “${about}”; they come first.`;
}

function toQuoteItem(story: Story, q: Quote): QuoteItem {
  const ids = [...new Set(q.mentions.map((m) => m.source))];
  return {
    speaker: q.speaker,
    speakerKind: q.speakerKind,
    text: q.text,
    partial: q.partial,
    sources: refs(story, ids),
    mentions: q.mentions.map((m) => ({
      source: m.source,
      speaker: m.speaker,
      text: m.text,
      segments: m.segments,
    })),
  };
}

/** The longest `who` argument considered a name; longer text is read as a question. */
const MAX_NAME_WORDS = 4;
/** Most "only here" statements shown per article in `sources`. */
const ALONE_SHOWN = 3;

/**
 * `who`: the people; `who <name>` (or `who is <name>`): that person's card. Text that names
 * nobody and reads like a question (`who did Ye support in 2020?`) is answered as one.
 */
function whoReply(story: Story, command: WhoCommand): Reply {
  const corpusSize = story.sources.length;
  const raw = command.person ? cleanQuestion(command.person).question.slice(0, MAX_QUOTES_ARG) : '';
  if (!raw) {
    return {
      kind: 'people',
      command,
      people: story.views.people.map((p) => summary(story, p)),
      corpusSize,
    };
  }
  const name = raw
    .replace(/^(is|was|are|were)\s+(?=\S)/i, '')
    .replace(/[?!.]+$/, '')
    .trim();
  const match = findPerson(story.views.people, name);
  if (match.kind === 'found') {
    const card = personCard(story, match.person);
    return {
      kind: 'person',
      command,
      person: summary(story, match.person),
      descriptions: card.descriptions.map((d, i) => ({
        text: d.text,
        citation: {
          n: i + 1,
          snippet: d.snippet,
          source: d.source,
          sources: refs(story, d.sources),
          speaker: null,
        },
      })),
      quotes: card.quotes.map((q) => toQuoteItem(story, q)),
      corpusSize,
    };
  }
  const wordsCount = name.split(/\s+/).length;
  if (
    /\?$/.test(raw) ||
    wordsCount > MAX_NAME_WORDS ||
    name !== raw.replace(/[?!.]+$/, '').trim()
  ) {
    const { question, note } = cleanQuestion(`who ${raw}`);
    return ask(story, { name: 'ask', question, private: command.private }, question, note);
  }
  return { kind: 'unknown-speaker', command, query: name, suggestions: match.suggestions };
}

function summary(story: Story, person: StoryPerson): PersonSummary {
  return {
    name: person.name,
    kind: person.kind,
    aliases: person.aliases,
    role: person.role,
    quotes: person.quotes,
    sources: refs(story, person.sources),
  };
}

function timelineReply(story: Story, command: SimpleCommand): TimelineReply {
  const filter = command.args ? cleanQuestion(command.args).question.slice(0, MAX_QUOTES_ARG) : '';
  const keep = filter ? timelineFilter(story, filter) : () => true;
  return {
    kind: 'timeline',
    command,
    storyTitle: story.title,
    filter: filter || null,
    events: story.views.timeline.filter(keep).map((event) => ({
      date: event.date,
      approximate: event.approximate,
      text: event.text,
      publication: event.publication,
      citations: event.citations.map((c, i) => ({
        n: i + 1,
        snippet: c.snippet,
        source: c.source,
        sources: refs(story, c.sources),
        speaker: c.speaker,
      })),
    })),
    corpusSize: story.sources.length,
  };
}

function coverageReply(story: Story, command: SimpleCommand): CoverageReply {
  const coverage = story.views.coverage;
  const args = command.args ? cleanQuestion(command.args).question.slice(0, MAX_QUOTES_ARG) : '';
  return {
    kind: 'coverage',
    command,
    storyTitle: story.title,
    note: args ? `sources lists every article; “${args}” was not used.` : null,
    statements: coverage.statements.length,
    sources: coverage.articles.flatMap((article) => {
      const source = story.sourceById.get(article.source);
      if (!source) return [];
      return [
        {
          source,
          statements: article.statements,
          quotes: article.quotes,
          facts: article.facts,
          aloneCount: article.alone.length,
          alone: article.alone.slice(0, ALONE_SHOWN).map((s, i) => ({
            kind: s.kind,
            citation: {
              n: i + 1,
              snippet: s.text,
              source: s.source,
              sources: refs(story, s.sources),
              speaker: s.speaker,
            },
          })),
        },
      ];
    }),
    corpusSize: story.sources.length,
  };
}

/** Prepositions people put before a timeline filter: `timeline of 2018`, `timeline since 2016`. */
const FILTER_LEAD = /^(of|for|in|during|from|since|after|before|until|about|on|around)\s+/i;

/**
 * Which events a `timeline` filter keeps: a year or month (`2018`, `of 2018-04`), a range
 * (`2016-2018`, `2016 to 2018`, `since 2016`, `before 2020`), or else words every kept event's
 * text contains (`timeline of the texts`), compared as index terms so `text` finds `texts`.
 */
function timelineFilter(story: Story, filter: string): (event: CoreTimelineEvent) => boolean {
  const lead = FILTER_LEAD.exec(filter)?.[1]?.toLowerCase() ?? null;
  const rest = filter.replace(FILTER_LEAD, '').trim();
  const period = /^(\d{4})(?:-(\d{2}))?$/.exec(rest);
  if (period) {
    const key = rest;
    const year = Number(period[1]);
    if (lead === 'since' || lead === 'after' || lead === 'from')
      return (e) => (lead === 'after' ? yearOf(e) > year : yearOf(e) >= year);
    if (lead === 'before' || lead === 'until') return (e) => yearOf(e) < year;
    return (e) => e.date.startsWith(key);
  }
  const range = /^(\d{4})\s*(?:-|–|—|to|until|through)\s*(\d{4})$/i.exec(rest);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])].sort((a, b) => a - b);
    return (e) => yearOf(e) >= (from ?? 0) && yearOf(e) <= (to ?? 0);
  }
  const lexicon = story.index.lexicon;
  const wanted = words(rest)
    .filter((w) => !lexicon.isStopWord(w))
    .map((w) => lexicon.term(w));
  if (wanted.length === 0) return () => true;
  return (e) => {
    const terms = new Set(words(e.text).map((w) => lexicon.term(w)));
    return wanted.every((t) => terms.has(t));
  };
}

function yearOf(event: CoreTimelineEvent): number {
  return Number(event.date.slice(0, 4));
}

function refs(story: Story, ids: readonly string[]) {
  return ids.flatMap((id) => story.sourceById.get(id) ?? []);
}

/**
 * The question `why` answers: the story's main question, or, with none configured, "why" about
 * the first headline of the corpus (`Why Mariners coach fires back at mayor over stadium?`), or
 * about the first words of the lede when no article has a headline. Short enough to read.
 */
export function whyQuestion(story: Story): string {
  if (story.mainQuestion) return story.mainQuestion;
  const topic = storyHeadline(story).replace(/[\s.,;:!?…]+$/, '');
  return `Why ${topic}?`;
}

/** The first headline of the corpus, else the start of the first article's first sentence. */
function storyHeadline(story: Story): string {
  for (const article of story.corpus.articles) {
    const headline = article.paragraphs.find((p) => p.headline);
    if (headline) return shortenWords(article.raw.slice(headline.start, headline.end));
  }
  return shortenWords(story.corpus.articles[0]?.sentences[0]?.text ?? story.title);
}

/** At most {@link MAX_TOPIC_WORDS} words, cut at a word and marked with `…`. */
function shortenWords(text: string): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  if (all.length <= MAX_TOPIC_WORDS) return all.join(' ');
  return `${all
    .slice(0, MAX_TOPIC_WORDS)
    .join(' ')
    .replace(/[\s,;:–—-]+$/, '')}…`;
}

function ask(
  story: Story,
  command: Command,
  question: string,
  note: string | null,
  offset = 0,
): Reply {
  const size = story.answerOptions.maxCitations;
  // Past the cap there is no next page: showing the last one again would never end.
  if ((Math.trunc(offset) || 0) >= MAX_CITATIONS_REACHED) {
    return {
      kind: 'notice',
      command,
      level: 'info',
      message: `That is every source I show on “${question}” (at most ${MAX_CITATIONS_REACHED}).`,
    };
  }
  const start = Math.max(0, Math.trunc(offset) || 0);
  // One citation past those shown says whether there is more to show.
  const result = answerQuestion(story.index, question, {
    ...story.answerOptions,
    maxCitations: start + size + 1,
  });
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
  const shown = result.citations.slice(start, Math.min(start + size, MAX_CITATIONS_REACHED));
  if (shown.length === 0) {
    return {
      kind: 'notice',
      command,
      level: 'info',
      message: `That is every source I have on “${question}”.`,
    };
  }
  const more = result.citations.length > start + size && start + size < MAX_CITATIONS_REACHED;
  const citations = shown.map((c, i) => toCitation(story, c, start + i + 1));
  // Other views qualify the citations shown: the extra one fetched above must not bring its own.
  // Later pages are more sources for the same answer, so they repeat none.
  const others =
    start > 0
      ? []
      : result.citations.length > size
        ? findOtherViews(story.index, shown, story.answerOptions.snippetChars)
        : result.otherViews;
  const first = citations[0] as Citation;
  const according = `according to ${first.sources.length} of ${corpusSize} sources:`;
  const reply: AnswerReply = {
    kind: 'answer',
    command,
    question,
    leadPrefix:
      start > 0
        ? `More sources (${start + 1} to ${start + citations.length}), ${according}`
        : `According to ${first.sources.length} of ${corpusSize} sources:`,
    lead: first.snippet,
    citations,
    otherViews: others.map((c, i) => toCitation(story, c, start + citations.length + i + 1)),
    corpusSize,
    note,
    more,
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
    people: story.views.people
      .filter((p) => p.quotes > 0)
      .sort((a, b) => b.quotes - a.quotes)
      .map((p) => p.name),
  };
}
