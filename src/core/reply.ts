/**
 * The neutral reply model: plain data the core and the command layer return, which each adapter
 * renders in one `render` module (terminal text, Discord embeds, Slack Block Kit). Nothing here
 * knows about a platform; every string a user reads that comes from the corpus is verbatim.
 */
import type { Command } from '../commands/types.ts';
import type { SpeakerKind } from './quotes/index.ts';

/** One article of the corpus, as a reader should see it cited. */
export interface SourceRef {
  /** File name without `.txt`. */
  readonly id: string;
  /** Outlet name from the story config, or null (show `id`): never invented. */
  readonly outlet: string | null;
  /** Publication date `YYYY-MM-DD`, or null when the article carries none. */
  readonly date: string | null;
  /** Article URL from the story config, or null. */
  readonly url: string | null;
  readonly title: string;
}

/** Nouns whose plural is not the singular plus `s`. */
const IRREGULAR_PLURALS: Readonly<Record<string, string>> = { person: 'people' };

/**
 * A count with its noun in agreement, for every renderer: `1 fact`, `2 facts`, `1 person`.
 *
 * @example
 * countNoun(1, 'fact') // '1 fact'
 * countNoun(3, 'person') // '3 people'
 */
export function countNoun(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : (IRREGULAR_PLURALS[noun] ?? `${noun}s`)}`;
}

/** A run of eight or more hex digits: a hash or an id, which means nothing to a reader. */
const HASH_LIKE = /[0-9a-f]{8,}/i;
/** The short form of a title used to name a source: a few words, cut at a word boundary. */
export const SOURCE_TITLE_CHARS = 36;

/**
 * How a source is named to a reader: its outlet when the story config gives one; otherwise its
 * file name, unless that is a hash (`003_0e4f98ce9771d10d`), in which case the start of the
 * article's own title. Never an invented outlet. Listings that must identify the file show the
 * id beside it.
 *
 * @example
 * sourceName({ id: '003_0e4f98ce9771d10d', outlet: null, title: 'John Legend and Kanye West are not friends anymore', date: null, url: null })
 * // 'John Legend and Kanye West are not friends…'
 */
export function sourceName(source: SourceRef): string {
  if (source.outlet) return source.outlet;
  if (!HASH_LIKE.test(source.id)) return source.id;
  const title = source.title.replace(/\s+/g, ' ').trim();
  if (!title) return source.id;
  if (title.length <= SOURCE_TITLE_CHARS) return title;
  const cut = title.slice(0, SOURCE_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SOURCE_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * A verbatim snippet and every source that reports it.
 *
 * @example
 * { n: 1, snippet: '"I honestly think because we publicly disagreed on his running for office, ..."',
 *   source: '000_1995089d9ac5036f', sources: [...five SourceRefs], speaker: 'John Legend' }
 */
export interface Citation {
  /** 1-based number shown to the user. */
  readonly n: number;
  /** Verbatim corpus text, at most about 300 characters; `…` marks a cut. */
  readonly snippet: string;
  /** The source the snippet is taken from. */
  readonly source: string;
  /** Every source reporting the same statement or fact, the snippet's own source first. */
  readonly sources: readonly SourceRef[];
  /** Who said it, when the snippet is a quotation with a known speaker. */
  readonly speaker: string | null;
}

/** A cited answer to a question. */
export interface AnswerReply {
  readonly kind: 'answer';
  readonly command: Command;
  /** The question as answered (cleaned and possibly shortened). */
  readonly question: string;
  /** A template such as "According to 4 of 5 sources:", or null. */
  readonly leadPrefix: string | null;
  /** The best snippet, verbatim (the text of citation 1). */
  readonly lead: string;
  readonly citations: readonly Citation[];
  /** Passages that qualify or contradict the answer ("Another view"); may be empty. */
  readonly otherViews: readonly Citation[];
  /** Number of articles in the corpus, for "reported by N of M sources". */
  readonly corpusSize: number;
  /** A note about the question itself, e.g. that it was shortened. */
  readonly note: string | null;
  /**
   * The articles hold further citations for this question: `ask` with `offset` set to the last
   * citation's `n` shows them (the More sources button, or "more" in a thread).
   */
  readonly more?: boolean;
}

/** The corpus does not answer the question: nothing is cited. */
export interface AbstentionReply {
  readonly kind: 'abstention';
  readonly command: Command;
  readonly question: string;
  /** e.g. "The 5 articles I know don't say." */
  readonly message: string;
  /** Why the core abstained, for logs and `--json` (e.g. `unknown terms: Lakers, arena`). */
  readonly reason: string;
  readonly corpusSize: number;
  readonly note: string | null;
}

/** One quotation, possibly reported by several sources. */
export interface QuoteItem {
  readonly speaker: string | null;
  /** A person, an organisation or an unnamed description (`a spokesperson`); null with no speaker. */
  readonly speakerKind: SpeakerKind | null;
  /** The quotation's verbatim text (segments joined by ` … `). */
  readonly text: string;
  readonly partial: boolean;
  /** Every source that carries it. */
  readonly sources: readonly SourceRef[];
  /** Each outlet's report: its own speaker, text and the exact segments between the marks. */
  readonly mentions: readonly QuoteMentionItem[];
}

/** One outlet's report of a quotation. */
export interface QuoteMentionItem {
  readonly source: string;
  readonly speaker: string | null;
  readonly text: string;
  /** Exactly the characters between one pair of quotation marks each. */
  readonly segments: readonly string[];
}

/** A speaker and how many quotations the corpus has from them. */
export interface SpeakerCount {
  readonly name: string;
  readonly quotes: number;
  /** A person, an organisation or an unnamed description, each named as the article does. */
  readonly kind: SpeakerKind;
}

/** Quotations by one speaker. */
export interface QuotesReply {
  readonly kind: 'quotes';
  readonly command: Command;
  /** Canonical name of the speaker. */
  readonly speaker: string;
  readonly about: string | null;
  /** The speaker's quotes; with `about`, those about the topic first, then the rest. */
  readonly quotes: readonly QuoteItem[];
  /** Every speaker of the story, most quoted first. */
  readonly speakers: readonly SpeakerCount[];
  readonly corpusSize: number;
  /** What the topic did, e.g. that none of the quotes mention it; absent or null when nothing to say. */
  readonly note?: string | null;
}

/**
 * The speakers of the story with their quote counts (`/rift quotes` with no speaker), and every
 * quotation of the story in corpus order, attributed or not (`speaker: null`): renderers show the
 * speakers, `--json` carries both.
 */
/**
 * How a renderer labels a speaker that is not a named person, or null for a person.
 *
 * @example
 * speakerKindLabel('description') // 'unnamed source'
 */
export function speakerKindLabel(kind: SpeakerKind | null | undefined): string | null {
  if (kind === 'organisation') return 'organisation';
  if (kind === 'description') return 'unnamed source';
  return null;
}

export interface SpeakersReply {
  readonly kind: 'speakers';
  readonly command: Command;
  readonly speakers: readonly SpeakerCount[];
  readonly quotes: readonly QuoteItem[];
  readonly corpusSize: number;
  /** What was typed but not used, e.g. a topic without a speaker; absent or null when none. */
  readonly note?: string | null;
}

/** A speaker nobody in the corpus matches; `suggestions` are the known ones, closest first. */
export interface UnknownSpeakerReply {
  readonly kind: 'unknown-speaker';
  readonly command: Command;
  readonly query: string;
  readonly suggestions: readonly string[];
}

/** The articles of the corpus. */
export interface SourcesReply {
  readonly kind: 'sources';
  readonly command: Command;
  readonly storyTitle: string;
  readonly sources: readonly SourceRef[];
}

/** One dated event of the story. */
export interface TimelineEvent {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: as precise as the articles are. */
  readonly date: string;
  /** The articles name a span (`this week`, `the early 2000s`), not a point. */
  readonly approximate: boolean;
  /** The event's sentence, verbatim (citation 1's snippet). */
  readonly text: string;
  /** True when the event is an article's own publication (its headline or first sentence). */
  readonly publication: boolean;
  /** One per outlet telling the event, each listing every outlet that does. */
  readonly citations: readonly Citation[];
}

/** `timeline`: dated events, oldest first. */
export interface TimelineReply {
  readonly kind: 'timeline';
  readonly command: Command;
  readonly storyTitle: string;
  readonly events: readonly TimelineEvent[];
  readonly corpusSize: number;
  /** The year or words the events were chosen by (`timeline of 2018`), or absent/null for all. */
  readonly filter?: string | null;
}

/** A person of the story as the articles name and describe them. */
export interface PersonSummary {
  readonly name: string;
  /** A person, an organisation or an unnamed description that is quoted. */
  readonly kind: SpeakerKind;
  /** Other names and descriptions the articles use, verbatim (`Ye`, `the rapper`). */
  readonly aliases: readonly string[];
  /** From the descriptions (`coach`, `council member`), or null when none says. */
  readonly role: string | null;
  /** Statements of theirs quoted, each counted once across outlets. */
  readonly quotes: number;
  /** Articles mentioning them. */
  readonly sources: readonly SourceRef[];
}

/** `who`: the people of the story, most mentioned first. */
export interface PeopleReply {
  readonly kind: 'people';
  readonly command: Command;
  readonly people: readonly PersonSummary[];
  readonly corpusSize: number;
}

/** A description of a person with the sentence that uses it. */
export interface PersonDescriptionItem {
  /** The description as written, e.g. `the 43-year-old singer`. */
  readonly text: string;
  /** The first sentence using it (`n` is its position on the card). */
  readonly citation: Citation;
}

/** `who <name>`: one person's card. */
export interface PersonReply {
  readonly kind: 'person';
  readonly command: Command;
  readonly person: PersonSummary;
  readonly descriptions: readonly PersonDescriptionItem[];
  /** Their most widely reported quotes. */
  readonly quotes: readonly QuoteItem[];
  readonly corpusSize: number;
}

/** What one article carries of the story. */
export interface SourceCoverage {
  readonly source: SourceRef;
  /** Statements (quote clusters and key facts) it carries. */
  readonly statements: number;
  readonly quotes: number;
  readonly facts: number;
  /** How many statements no other article carries. */
  readonly aloneCount: number;
  /** The longest of those, verbatim, at most a few. */
  readonly alone: readonly CoverageItem[];
}

/** A statement one article alone carries: a quotation (text between the marks) or a fact. */
export interface CoverageItem {
  readonly kind: 'quote' | 'fact';
  readonly citation: Citation;
}

/** `sources`: each article with its date, title and coverage of the story's statements. */
export interface CoverageReply {
  readonly kind: 'coverage';
  readonly command: Command;
  readonly storyTitle: string;
  /** Statements in the whole story. */
  readonly statements: number;
  readonly sources: readonly SourceCoverage[];
  readonly corpusSize: number;
  /** What was typed but not used (`sources for People`); absent or null when none. */
  readonly note?: string | null;
}

/** Usage: the commands, their options and examples. */
export interface HelpReply {
  readonly kind: 'help';
  readonly command: Command;
  readonly storyTitle: string;
  /** Why help is shown, e.g. "Unknown command "foo"." or null when asked for. */
  readonly reason: string | null;
  readonly commands: readonly {
    readonly usage: string;
    readonly description: string;
  }[];
  readonly examples: readonly string[];
  /** The people of the story, most quoted first, for `quotes <speaker>` and `who <name>`. */
  readonly people?: readonly string[];
}

/** A short message that is not an answer: "coming soon", "slow down", an apology. */
export interface NoticeReply {
  readonly kind: 'notice';
  readonly command: Command | null;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

/** Which story, of several one rift serves, a reply comes from. */
export interface StoryTag {
  /** The story's folder name, as `--story` takes it. */
  readonly id: string;
  readonly title: string;
}

/** One story of a stories folder, as `stories` lists it. */
export interface StoryListing extends StoryTag {
  readonly articles: number;
  /** Earliest and latest publication dates (`YYYY-MM-DD`), or null when no article has one. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  /** When an article last changed (ISO 8601), or null when unknown. */
  readonly changed: string | null;
}

/** `stories`, `use`, and `why` asked of several stories with none chosen: the stories served. */
export interface StoriesReply {
  readonly kind: 'stories';
  readonly command: Command | null;
  readonly stories: readonly StoryListing[];
  /** The channel's default story (`use`), or null. */
  readonly current: string | null;
  /** Why the list is shown, e.g. "Which story? ..."; null for plain `stories`. */
  readonly message: string | null;
}

/** A question no story was named for, answered comparably well by several: the best of each. */
export interface ComparedReply {
  readonly kind: 'compared';
  readonly command: Command;
  readonly question: string;
  /** Says that several stories answer, and how to pick one. */
  readonly message: string;
  /** Each story's answer, strongest first; every one carries its story. */
  readonly answers: readonly (AnswerReply & { readonly story: StoryTag })[];
}

/** Everything the command layer can return; renderers switch on `kind`. */
export type Reply = (
  | AnswerReply
  | AbstentionReply
  | QuotesReply
  | SpeakersReply
  | UnknownSpeakerReply
  | SourcesReply
  | TimelineReply
  | PeopleReply
  | PersonReply
  | CoverageReply
  | HelpReply
  | NoticeReply
  | StoriesReply
  | ComparedReply
) & {
  /** With several stories: the story the reply comes from (routing names it). */
  readonly story?: StoryTag;
};

/** Compile-time check that a `switch` over `Reply['kind']` handled every case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled reply kind: ${JSON.stringify(value)}`);
}
