/**
 * Quotes by speaker: every quotation of the corpus, attributed and grouped across outlets.
 * Platform-free: adapters and the CLI render what this returns.
 */
import type { Article } from '../corpus/types.ts';
import { nameForms } from '../people/model.ts';
import type { PersonAlias } from '../people/types.ts';
import { type AnalysedUnit, analyseCorpus, type CorpusAnalysis, consensus } from './pipeline.ts';
import { completeNames, matchSpeaker, type SpeakerForms, type SpeakerMatch } from './speakers.ts';
import type { SpeakerKind } from './subject.ts';
import { rankByTopic } from './topic.ts';

export type { PersonAlias } from '../people/types.ts';
export type { AttributionRule } from './attribute.ts';
export { clusterQuotes } from './cluster.ts';
export { foldText } from './fold.ts';
export { type QuoteSegment, scanQuotes } from './scan.ts';
export type { SpeakerMatch } from './speakers.ts';
export type { SpeakerKind } from './subject.ts';
export { classifySegment, isTitleCased, type SegmentKind } from './titles.ts';

/** One outlet's report of a quotation. */
export interface QuoteMention {
  /** Article id, e.g. `001_eb9eaa3cbaa232cb`. */
  readonly source: string;
  /**
   * A person's canonical full name, an organisation's name or an unnamed description as the
   * article writes it (`a senior official`), or null when no rule could tell (a wrong name is
   * worse).
   */
  readonly speaker: string | null;
  /** What the speaker is: a person, an organisation or an unnamed description. */
  readonly speakerKind: SpeakerKind | null;
  /** The verbatim segments joined with ` … `. */
  readonly text: string;
  /** Exactly the characters between one pair of quotation marks each, findable in the file. */
  readonly segments: readonly string[];
  /** Offsets of the segments in `article.raw`. */
  readonly spans: readonly { readonly start: number; readonly end: number }[];
  readonly partial: boolean;
  /** The attribution rule that fired: `cue-after`, `cue-before`, `according-to`, ... */
  readonly rule: string;
}

/** One statement, with a mention per outlet that carried it. */
export interface Quote {
  readonly speaker: string | null;
  readonly speakerKind: SpeakerKind | null;
  /** The longest, most complete mention's text. */
  readonly text: string;
  /** True when every outlet quoted only a few words inside its own sentence. */
  readonly partial: boolean;
  readonly mentions: readonly QuoteMention[];
}

/** The quotations of a story, searchable by speaker and topic. */
export interface QuoteIndex {
  /** The index as plain data, for snapshots. */
  readonly data: QuoteIndexData;
  /** Every statement, in corpus order. */
  readonly quotes: readonly Quote[];
  /** Speakers with their number of quotes and kind, most quoted first. */
  readonly speakers: readonly QuoteSpeaker[];
  /** Case-insensitive, alias-aware (`Ye`, `kanye`, `legend`, `JL`), typo-tolerant (`kayne`). */
  findSpeaker(query: string): SpeakerMatch;
  /**
   * A speaker's quotes in corpus order; with `about`, those about it first, most relevant
   * first, then the rest in corpus order (a topic ranks, it never empties the list).
   */
  quotesBy(name: string, about?: string | null): readonly Quote[];
  /** Canonical names for autocomplete, best first. */
  completeSpeakers(query: string, limit: number): readonly string[];
}

/** A speaker of the story: a person, an organisation or an unnamed description. */
export interface QuoteSpeaker {
  readonly name: string;
  readonly quotes: number;
  readonly kind: SpeakerKind;
}

/** Options for {@link buildQuoteIndex}. */
export interface QuoteIndexOptions {
  /** People from the story config; they add forms (`Ye`) but are never required. */
  readonly aliases?: readonly PersonAlias[];
}

/**
 * Builds the quote index of a corpus.
 *
 * @example
 * const index = buildQuoteIndex(loadCorpus('seeds', { boilerplate: [] }).articles,
 *   { aliases: [{ name: 'Kanye West', aliases: ['Ye', 'Yeezy'] }] });
 * index.findSpeaker('ye').name // 'Kanye West'
 * index.quotesBy('Kanye West')[0]?.mentions.length // 3 (three outlets carried his reply)
 */
export function buildQuoteIndex(
  articles: readonly Article[],
  options: QuoteIndexOptions = {},
): QuoteIndex {
  return quoteIndexOf(analyseCorpus(articles, options.aliases ?? []));
}

/**
 * The quote index of an analysed corpus: for a caller that also needs the analysis's people
 * (a story builds both from one analysis).
 */
export function quoteIndexOf(analysis: CorpusAnalysis): QuoteIndex {
  const quotes = analysis.clusters
    .map((group) => toQuote(group.map((i) => analysis.units[i]).filter((u) => u !== undefined)))
    .filter(isQuotation);
  const counts = new Map<string, { quotes: number; kind: SpeakerKind }>();
  for (const quote of quotes) {
    if (!quote.speaker) continue;
    const known = counts.get(quote.speaker);
    if (known) known.quotes++;
    else counts.set(quote.speaker, { quotes: 1, kind: quote.speakerKind ?? 'person' });
  }
  const speakers = [...counts.entries()]
    .map(([name, { quotes: n, kind }]): QuoteSpeaker => ({ name, quotes: n, kind }))
    .sort((a, b) => b.quotes - a.quotes);
  const forms: SpeakerForms[] = speakers.map((s) => {
    const record = analysis.model.byName.get(s.name);
    const extra = record ? [...nameForms(record), ...record.descriptions] : [];
    return { name: s.name, forms: extra, quotes: s.quotes };
  });

  // Quote texts are slices of each article's masked copy, and a slice keeps its whole parent
  // string alive: cloning once copies out just the quoted characters (a tenth of the memory).
  return quoteIndexFromData(structuredClone({ quotes, speakers, forms }));
}

/** A quote index as plain data, for snapshots. */
export interface QuoteIndexData {
  readonly quotes: readonly Quote[];
  readonly speakers: readonly QuoteSpeaker[];
  readonly forms: readonly SpeakerForms[];
}

/** Rebuilds a quote index from its data (e.g. read from a snapshot). */
export function quoteIndexFromData(data: QuoteIndexData): QuoteIndex {
  const { quotes, speakers, forms } = data;
  const findSpeaker = (query: string) => matchSpeaker(query, forms);
  return {
    data,
    quotes,
    speakers,
    findSpeaker,
    quotesBy(name, about) {
      const match = findSpeaker(name);
      if (!match.name) return [];
      const own = quotes.filter((q) => q.speaker === match.name);
      return about?.trim() ? rankByTopic(own, about) : own;
    },
    completeSpeakers: (query, limit) => completeNames(query, forms, limit),
  };
}

/** The longest run of words in marks that, with no cue at all, reads as a term or a slogan. */
const MAX_TERM_WORDS = 3;

/** Rules that found who spoke in the quotation's own sentence. */
const SENTENCE_RULES: ReadonlySet<string> = new Set([
  'cue-after',
  'cue-before',
  'according-to',
  'speech-subject',
]);

/**
 * A few quoted words inside the reporter's sentence (`called it "reckless"`, `the "dock tax"
 * debate`) are a quotation only when that sentence says who said them, or when another outlet
 * carried them too; otherwise they are a term or scare quotes, not anyone's statement.
 */
function isQuotation(quote: Quote): boolean {
  if (quote.mentions.length > 1) return true;
  if (quote.partial) return quote.mentions.some((m) => SENTENCE_RULES.has(m.rule));
  // `signs reading “Save the pier,” “No dock tax”`, `“synergy,” “pivot,”`: a few
  // words set off in marks with no cue and no speaker in reach are slogans or terms.
  const words = quote.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words > MAX_TERM_WORDS || quote.mentions.some((m) => m.rule !== 'none');
}

function toQuote(units: readonly AnalysedUnit[]): Quote {
  const mentions = units.map(
    (unit): QuoteMention => ({
      source: unit.source,
      speaker: unit.speaker,
      speakerKind: unit.speaker ? unit.attribution.kind : null,
      text: unit.text,
      segments: unit.segments.map((s) => s.text),
      spans: unit.segments.map((s) => ({ start: s.start, end: s.end })),
      partial: unit.partial,
      rule: unit.rule,
    }),
  );
  const complete = [...mentions].sort(
    (a, b) => Number(a.partial) - Number(b.partial) || b.text.length - a.text.length,
  )[0];
  const speaker = consensus(mentions.map((m) => m.speaker));
  return {
    speaker,
    speakerKind:
      mentions.find((m) => speaker !== null && m.speaker === speaker)?.speakerKind ?? null,
    text: complete?.text ?? '',
    partial: mentions.every((m) => m.partial),
    mentions,
  };
}
