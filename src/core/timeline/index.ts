/**
 * The story's timeline: every dated sentence of the corpus, oldest first, the same event told by
 * several outlets merged into one entry, and each dated article's own publication. Platform-free
 * and verbatim: an event's text is a sentence of the corpus, cut only at word boundaries.
 */
import { makeSnippet } from '../answer/snippet.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { Story } from '../story.ts';
import { words } from '../text/fold.ts';
import { compatibleDates, type DateKey, findDates, precision } from './dates.ts';

export { compatibleDates, type DateKey, type DateMention, findDates } from './dates.ts';

/** A cited sentence of a timeline event, by source id (the command layer adds outlets). */
export interface TimelineCitation {
  /** Verbatim, `…` marking cuts. */
  readonly snippet: string;
  readonly source: string;
  /** Every source telling the same event, `source` first. */
  readonly sources: readonly string[];
  readonly speaker: string | null;
}

/** One dated event. */
export interface CoreTimelineEvent {
  readonly date: DateKey;
  /** The words name a span (`this week`, `the early 2000s`), or outlets only agree on less. */
  readonly approximate: boolean;
  /** The event's sentence, verbatim (the first citation's snippet). */
  readonly text: string;
  /** True for an article's own publication (its headline or first sentence). */
  readonly publication: boolean;
  readonly citations: readonly TimelineCitation[];
}

/** Longest event text; longer sentences are cut around the date, at word boundaries. */
export const TIMELINE_SNIPPET_CHARS = 300;
/**
 * Share of the rarer sentence's weighted words two dated sentences must share to be one event
 * told twice (idf-weighted, so names everyone repeats count for little).
 */
export const SAME_EVENT_OVERLAP = 0.35;

interface Candidate {
  readonly date: DateKey;
  readonly approximate: boolean;
  readonly source: string;
  readonly article: number;
  readonly sentence: number;
  readonly text: string;
  readonly speaker: string | null;
  readonly dateWords: ReadonlySet<string>;
  readonly weights: ReadonlyMap<string, number>;
}

/**
 * Builds the timeline of an indexed corpus. Deterministic; sorted by date, then by corpus order.
 *
 * @example
 * buildTimeline(story.index)[0]
 * // { date: '2000', approximate: true, text: 'Legend and West brought us timeless hits in the early 2000s ...', ... }
 */
export function buildTimeline(index: SearchIndex): readonly CoreTimelineEvent[] {
  const passageOf = new Map<string, number>();
  for (const p of index.passages) passageOf.set(`${p.article}:${p.sentence}`, p.id);
  const total = Math.max(1, index.passages.length);
  const idf = (term: string) =>
    Math.log((total + 1) / ((index.documentFrequency.get(term) ?? 0) + 1));

  const candidates: Candidate[] = [];
  index.articles.forEach((article, a) => {
    article.sentences.forEach((sentence, s) => {
      const mentions = findDates(sentence.text, article.date);
      if (mentions.length === 0) return;
      const passage = passageOf.get(`${a}:${s}`);
      const terms = passage === undefined ? new Set<string>() : (index.terms[passage] ?? new Set());
      const dateWords = new Set(mentions.flatMap((m) => words(m.text)));
      const weights = new Map<string, number>();
      for (const term of terms) if (!dateWords.has(term)) weights.set(term, idf(term));
      const seen = new Set<string>();
      for (const mention of mentions) {
        if (seen.has(mention.date)) continue;
        seen.add(mention.date);
        candidates.push({
          date: mention.date,
          approximate: mention.approximate,
          source: article.id,
          article: a,
          sentence: s,
          text: sentence.text,
          speaker: passage === undefined ? null : (index.speakers[passage] ?? null),
          dateWords,
          weights,
        });
      }
    });
  });

  const groups = mergeEvents(candidates);
  const events: CoreTimelineEvent[] = groups.map((group) => toEvent(group));
  index.articles.forEach((article) => {
    if (!article.date) return;
    const title = article.title.trim();
    if (!title) return;
    const snippet = cut(title, new Set());
    events.push({
      date: article.date,
      approximate: false,
      text: snippet,
      publication: true,
      citations: [{ snippet, source: article.id, sources: [article.id], speaker: null }],
    });
  });
  const order = new Map(index.articles.map((a, i) => [a.id, i]));
  return events.sort(
    (x, y) =>
      compareDates(x.date, y.date) ||
      Number(x.publication) - Number(y.publication) ||
      Number(x.approximate) - Number(y.approximate) ||
      (order.get(x.citations[0]?.source ?? '') ?? 0) -
        (order.get(y.citations[0]?.source ?? '') ?? 0),
  );
}

/** Oldest first; a year sorts before the months and days inside it. */
function compareDates(a: DateKey, b: DateKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Greedy grouping: a candidate joins the first group holding a compatible date and its event. */
function mergeEvents(candidates: readonly Candidate[]): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const candidate of candidates) {
    const home = groups.find((group) =>
      group.some(
        (member) =>
          member.source !== candidate.source &&
          compatibleDates(member.date, candidate.date) &&
          sameEvent(member, candidate),
      ),
    );
    if (home && !home.some((m) => m.source === candidate.source)) home.push(candidate);
    else if (!home) groups.push([candidate]);
  }
  return groups;
}

function sameEvent(a: Candidate, b: Candidate): boolean {
  let shared = 0;
  for (const [term, weight] of a.weights) if (b.weights.has(term)) shared += weight;
  const mass = (w: ReadonlyMap<string, number>) => [...w.values()].reduce((s, x) => s + x, 0);
  const smaller = Math.min(mass(a.weights), mass(b.weights));
  return smaller > 0 && shared / smaller >= SAME_EVENT_OVERLAP;
}

function toEvent(group: readonly Candidate[]): CoreTimelineEvent {
  // The most precise date any outlet gives; exact when one outlet states it exactly.
  const best = Math.max(...group.map((c) => precision(c.date)));
  const precise = group.filter((c) => precision(c.date) === best);
  const lead = precise.find((c) => !c.approximate) ?? (precise[0] as Candidate);
  const members = [lead, ...group.filter((c) => c !== lead)];
  const sources = members.map((m) => m.source);
  const citations = members.map((m) => ({
    snippet: cut(m.text, m.dateWords),
    source: m.source,
    sources: [m.source, ...sources.filter((s) => s !== m.source)],
    speaker: m.speaker,
  }));
  return {
    date: lead.date,
    approximate: lead.approximate,
    text: citations[0]?.snippet ?? lead.text,
    publication: false,
    citations,
  };
}

/** The sentence, or its part around the date words when it is long. */
function cut(text: string, dateWords: ReadonlySet<string>): string {
  return makeSnippet(
    text,
    (token) => (words(token).some((w) => dateWords.has(w)) ? 1 : 0),
    TIMELINE_SNIPPET_CHARS,
  );
}

const timelines = new WeakMap<Story, readonly CoreTimelineEvent[]>();

/**
 * The story's timeline, built on first use and kept for the story's lifetime (a story never
 * changes once built).
 *
 * @example
 * storyTimeline(story)[0]?.date // '2000'
 */
export function storyTimeline(story: Story): readonly CoreTimelineEvent[] {
  const cached = timelines.get(story);
  if (cached) return cached;
  const events = buildTimeline(story.index);
  timelines.set(story, events);
  return events;
}
