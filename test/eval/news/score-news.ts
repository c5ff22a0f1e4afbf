/**
 * Scores quote extraction and attribution on annotated news articles, each article its own
 * corpus. Pure: takes the articles, what an extractor listed for each, and returns figures and
 * errors; reading files and running rift live in `run-news.ts`.
 *
 * What is scored (the "gold" quotes): annotated quotations whose text opens with a double
 * quotation mark that does not follow a letter or digit of the reporter's sentence, i.e. quoted
 * statements set off on their own (`“...,” she said.`, `He said: “...”`), not a few quoted words
 * inside the reporter's sentence (`called it "a disgrace"`). The annotated character offsets drift
 * from the text files (a few characters per paragraph), so each annotation is located by its
 * exact text, the occurrence nearest the annotated offset; an annotation whose text is not in the
 * article is counted as unlocated and left out.
 *
 * How a listed quote matches a gold one: its segments cover at least half of the gold quote's
 * letters and digits (marks, punctuation and spaces are ignored, so `“...,”` vs `...` or one quote
 * split in two segments do not matter).
 *
 * How a speaker matches: the listed speaker equals the annotated `reference` (the full name, the
 * organisation or the description the annotator resolved) after folding case, accents,
 * punctuation, white space and a leading `the`. A surname, a longer name or a name with a title
 * in front is wrong: this is the end-to-end test a reader applies, stricter than GGT's own (a
 * speaker mention overlapping the annotated mention).
 */
import type { AnnotatedQuote, NewsArticle } from './read-news.ts';

/** A character span of an article's text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** One quotation as an extractor listed it for one article. */
export interface ListedQuote {
  readonly spans: readonly TextSpan[];
  readonly speaker: string | null;
  /** The attribution rule that chose the speaker (rift) or `baseline`. */
  readonly rule: string;
}

/** What an extractor produced for one article. */
export interface ArticleListing {
  /** Everything extracted, with or without a speaker. */
  readonly extracted: readonly ListedQuote[];
  /** What a user sees listed (for rift: the quotes of `rift quotes --json`). */
  readonly listed: readonly ListedQuote[];
}

/** What kind of speaker the annotator resolved. */
export type GoldSpeakerKind = 'person' | 'organisation' | 'description';

/** A scored gold quote, located in its article. */
export interface GoldQuote extends TextSpan {
  readonly article: string;
  readonly outlet: string;
  readonly reference: string;
  readonly kind: GoldSpeakerKind;
}

/** The figures of one extractor, each in [0, 1], with counts. */
export interface NewsScores {
  readonly articles: number;
  readonly gold: number;
  readonly named: number;
  readonly extracted: number;
  readonly recall: number;
  readonly precision: number;
  readonly speaker: number;
  readonly speakerNamed: number;
  readonly listed: number;
}

/** Why a gold quote was not right end to end, or why a listed quote was wrong. */
export type ErrorKind =
  | 'not extracted'
  | 'extracted, not listed'
  | 'listed without a speaker'
  | 'surname or part of the name only'
  | 'name with extra words'
  | 'same surname, another person'
  | 'organisation or description given to a person'
  | 'wrong organisation or description'
  | 'not a person of the article'
  | 'another person of the article'
  | 'listed, not a quote';

/** One error, for the table and for `--verbose`. */
export interface NewsError {
  readonly kind: ErrorKind;
  readonly article: string;
  readonly outlet: string;
  readonly want: string | null;
  readonly got: string | null;
  readonly rule: string | null;
  readonly span: TextSpan;
}

/** Scores and errors of one extractor. */
export interface NewsEvaluation {
  readonly scores: NewsScores;
  readonly errors: readonly NewsError[];
  /** Annotations opening with a double mark whose text is not in the article. */
  readonly unlocated: number;
}

const MIN_COVERAGE = 0.5;
const OPENING_MARKS = /^["“„«]/;
const DETERMINERS = new Set(
  'a an the another one some two three several many her his their my our its this that these those'.split(
    ' ',
  ),
);

/** Folds a name for comparison: case, accents, punctuation, white space and a leading `the`. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * The gold quotes of an article: annotations that open with a double mark set off from the
 * reporter's words, located in the text.
 */
export function goldQuotes(article: NewsArticle): { gold: GoldQuote[]; unlocated: number } {
  const people = new Set(article.people.map(normaliseName));
  const gold: GoldQuote[] = [];
  let unlocated = 0;
  for (const item of article.quotes) {
    const trimmed = item.quote.trim();
    if (!OPENING_MARKS.test(trimmed)) continue;
    const at = locate(article.text, item);
    if (at === null) {
      unlocated++;
      continue;
    }
    const start = at + item.quote.indexOf(trimmed);
    if (followsWord(article.text, start)) continue;
    gold.push({
      article: article.id,
      outlet: article.outlet,
      start,
      end: start + trimmed.length,
      reference: item.reference,
      kind: speakerKind(item.reference, people),
    });
  }
  return { gold, unlocated };
}

/** Every annotated quotation of the article (any kind) that can be located: what is real. */
function annotatedSpans(article: NewsArticle): TextSpan[] {
  return article.quotes.flatMap((item) => {
    const at = locate(article.text, item);
    return at === null ? [] : [{ start: at, end: at + item.quote.length }];
  });
}

function locate(text: string, item: AnnotatedQuote): number | null {
  if (item.quote.trim() === '') return null;
  const target = item.start ?? 0;
  let best: number | null = null;
  for (let at = text.indexOf(item.quote); at >= 0; at = text.indexOf(item.quote, at + 1)) {
    if (best === null || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  return best;
}

function followsWord(text: string, mark: number): boolean {
  let i = mark - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && /[\p{L}\p{N}]/u.test(text[i] ?? '');
}

function speakerKind(reference: string, people: ReadonlySet<string>): GoldSpeakerKind {
  if (people.has(normaliseName(reference))) return 'person';
  const words = reference.split(/\s+/).filter(Boolean);
  while (words.length > 1 && DETERMINERS.has((words[0] ?? '').toLowerCase())) words.shift();
  return /^\p{Ll}/u.test(words[0] ?? '') ? 'description' : 'organisation';
}

/** Letters and digits of `span` covered by `spans`, as a share of the letters and digits of `span`. */
function coverage(text: string, span: TextSpan, spans: readonly TextSpan[]): number {
  let total = 0;
  let covered = 0;
  for (let i = span.start; i < span.end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i] ?? '')) continue;
    total++;
    if (spans.some((s) => i >= s.start && i < s.end)) covered++;
  }
  return total === 0 ? 0 : covered / total;
}

function bestMatch(
  text: string,
  gold: GoldQuote,
  quotes: readonly ListedQuote[],
): ListedQuote | null {
  let best: ListedQuote | null = null;
  let bestShare = 0;
  for (const quote of quotes) {
    const share = coverage(text, gold, quote.spans);
    if (share >= MIN_COVERAGE && share > bestShare) {
      best = quote;
      bestShare = share;
    }
  }
  return best;
}

/**
 * Scores listings against the annotations of their articles.
 *
 * @example
 * scoreNews(articles, listings).scores.speaker // 0.72 on the development outlets before issue 11
 */
export function scoreNews(
  articles: readonly NewsArticle[],
  listings: ReadonlyMap<string, ArticleListing>,
): NewsEvaluation {
  const errors: NewsError[] = [];
  let gold = 0;
  let named = 0;
  let extracted = 0;
  let found = 0;
  let right = 0;
  let rightNamed = 0;
  let listed = 0;
  let real = 0;
  let unlocated = 0;
  for (const article of articles) {
    const listing = listings.get(article.id) ?? { extracted: [], listed: [] };
    const located = goldQuotes(article);
    unlocated += located.unlocated;
    const people = new Set(
      [...article.people, ...article.quotes.map((q) => q.reference)].flatMap((name) =>
        normaliseName(name).split(' '),
      ),
    );
    for (const item of located.gold) {
      gold++;
      if (item.kind === 'person') named++;
      const error = (kind: ErrorKind, got: ListedQuote | null) =>
        errors.push({
          kind,
          article: article.id,
          outlet: article.outlet,
          want: item.reference,
          got: got?.speaker ?? null,
          rule: got?.rule ?? null,
          span: { start: item.start, end: item.end },
        });
      const anyMatch = bestMatch(article.text, item, listing.extracted);
      if (anyMatch) extracted++;
      const match = bestMatch(article.text, item, listing.listed);
      if (!match) {
        error(anyMatch ? 'extracted, not listed' : 'not extracted', anyMatch);
        continue;
      }
      found++;
      if (
        match.speaker !== null &&
        normaliseName(match.speaker) === normaliseName(item.reference)
      ) {
        right++;
        if (item.kind === 'person') rightNamed++;
        continue;
      }
      error(wrongKind(item, match.speaker, people), match);
    }
    const annotated = annotatedSpans(article);
    for (const quote of listing.listed) {
      listed++;
      const whole = quote.spans.reduce(
        (acc, s) => ({ start: Math.min(acc.start, s.start), end: Math.max(acc.end, s.end) }),
        { start: Number.POSITIVE_INFINITY, end: 0 },
      );
      const inside = quote.spans.map((s) => coverage(article.text, s, annotated));
      const share = inside.reduce((a, b) => a + b, 0) / Math.max(1, inside.length);
      if (share >= MIN_COVERAGE) real++;
      else {
        errors.push({
          kind: 'listed, not a quote',
          article: article.id,
          outlet: article.outlet,
          want: null,
          got: quote.speaker,
          rule: quote.rule,
          span: whole,
        });
      }
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    scores: {
      articles: articles.length,
      gold,
      named,
      extracted: ratio(extracted, gold),
      recall: ratio(found, gold),
      precision: ratio(real, listed),
      speaker: ratio(right, gold),
      speakerNamed: ratio(rightNamed, named),
      listed,
    },
    errors,
    unlocated,
  };
}

function wrongKind(
  item: GoldQuote,
  speaker: string | null,
  people: ReadonlySet<string>,
): ErrorKind {
  if (speaker === null) return 'listed without a speaker';
  const got = normaliseName(speaker).split(' ');
  const want = normaliseName(item.reference).split(' ');
  if (item.kind !== 'person') {
    return got.some((w) => people.has(w)) && !got.every((w) => want.includes(w))
      ? 'organisation or description given to a person'
      : 'wrong organisation or description';
  }
  if (got.every((w) => want.includes(w))) return 'surname or part of the name only';
  if (want.every((w) => got.includes(w))) return 'name with extra words';
  if (got[got.length - 1] === want[want.length - 1]) return 'same surname, another person';
  return got.some((w) => people.has(w))
    ? 'another person of the article'
    : 'not a person of the article';
}

/** Errors counted by kind, most frequent first. */
export function errorsByKind(errors: readonly NewsError[]): [ErrorKind, number][] {
  const counts = new Map<ErrorKind, number>();
  for (const e of errors) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

const BASELINE_PAIR = /[“"]([^“”"\n]+)[”"]/g;
const CAPITALISED_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;

/**
 * The baseline: every pair of double quotation marks is a quote, attributed to the nearest run
 * of capitalised words outside quotation marks, completed to the longest run of the article that
 * ends with the same word (`Ruiz` → `Ana Ruiz`), so it is judged by the same strict
 * full-name test as rift.
 */
export function baselineListing(text: string): ArticleListing {
  const pairs = [...text.matchAll(BASELINE_PAIR)].map((m) => ({
    start: (m.index ?? 0) + 1,
    end: (m.index ?? 0) + m[0].length - 1,
  }));
  const inside = (at: number) => pairs.some((p) => at >= p.start - 1 && at <= p.end);
  const runs = [...text.matchAll(CAPITALISED_RUN)]
    .filter((m) => !inside(m.index ?? 0))
    .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, name: m[0] }));
  const fullest = new Map<string, string>();
  for (const run of runs) {
    const last = run.name.split(/\s+/).pop() ?? '';
    const known = fullest.get(last);
    if (!known || run.name.split(/\s+/).length > known.split(/\s+/).length) {
      fullest.set(last, run.name);
    }
  }
  const distance = (run: TextSpan, pair: TextSpan) =>
    run.end <= pair.start ? pair.start - run.end : run.start - pair.end;
  const quotes = pairs.map((pair): ListedQuote => {
    let nearest: (typeof runs)[number] | undefined;
    for (const run of runs) {
      if (!nearest || distance(run, pair) < distance(nearest, pair)) nearest = run;
    }
    const last = nearest?.name.split(/\s+/).pop() ?? '';
    return {
      spans: [pair],
      speaker: nearest ? (fullest.get(last) ?? nearest.name) : null,
      rule: 'baseline',
    };
  });
  return { extracted: quotes, listed: quotes };
}
