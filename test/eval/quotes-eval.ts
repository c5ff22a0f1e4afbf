/**
 * Quote extraction, attribution and clustering measured against gold files in the format of
 * `test/fixtures/quotes.json`, beside a naive baseline measured in the same run.
 *
 * - precision: of the quotations listed (one per source), the share that are real: a gold full
 *   or partial quote of that source, not a title and not something else.
 * - recall: of the gold full quotes, the share found.
 * - speaker: of the gold full quotes, the share found AND attributed to the gold speaker.
 * - clusters: for each statement carried by several sources, the largest share of those sources
 *   grouped into one quote; averaged over statements.
 *
 * An extracted quotation matches a gold one when its folded text contains the folded gold
 * fragment (folding: case, curly quotes to straight, dashes to `-`, white space runs to one).
 *
 * Run: `node --import tsx test/eval/quotes-eval.ts`
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/core/corpus/load.ts';
import type { Article } from '../../src/core/corpus/types.ts';
import { buildQuoteIndex, foldText, type PersonAlias } from '../../src/core/quotes/index.ts';

/** One gold quotation. */
export interface GoldQuote {
  readonly cluster: string;
  /** A person's full name, an organisation's name, or an unnamed description as written. */
  readonly speaker: string;
  /** What kind of speaker it is; absent means a person. */
  readonly speakerKind?: 'person' | 'organisation' | 'description';
  readonly kind: 'full' | 'partial';
  readonly text: string;
}

/** A gold file: quotations by source, and quoted strings that are not quotations. */
export interface GoldFile {
  readonly corpus: string;
  readonly sources: Readonly<Record<string, readonly GoldQuote[]>>;
  readonly not_quotes: readonly string[];
}

/** The four figures, each in [0, 1]. */
export interface QuoteScores {
  readonly precision: number;
  readonly recall: number;
  readonly speaker: number;
  readonly clusters: number;
}

/** Scores of the quote index and of the baseline on one corpus. */
export interface QuotesEvaluation extends QuoteScores {
  readonly baseline: QuoteScores;
  /** What went wrong, for debugging: unmatched listings, missed and misattributed quotes. */
  readonly errors: readonly string[];
}

/** What any extractor lists: per source, quotations with text and speaker, grouped in quotes. */
interface Listing {
  readonly source: string;
  readonly text: string;
  readonly speaker: string | null;
  /** Index of the quote (cluster) the listing belongs to. */
  readonly quote: number;
}

/**
 * Scores the quote index on a corpus against a gold file, with the baseline beside it.
 *
 * @example
 * evaluateQuotes('seeds', 'test/fixtures/quotes.json', [{ name: 'Kanye West', aliases: ['Ye'] }]).recall // 1
 */
export function evaluateQuotes(
  corpusDir: string,
  goldPath: string,
  aliases: readonly PersonAlias[] = [],
): QuotesEvaluation {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
  const articles = loadCorpus(corpusDir, { boilerplate: [] }).articles;
  const index = buildQuoteIndex(articles, { aliases });
  const listings: Listing[] = index.quotes.flatMap((quote, q) =>
    quote.mentions.map((m) => ({ source: m.source, text: m.text, speaker: m.speaker, quote: q })),
  );
  const errors: string[] = [];
  const scores = score(listings, gold, errors, sameName);
  const baseline = score(baselineListings(articles), gold, [], partOfName);
  return { ...scores, baseline, errors };
}

/** The same speaker up to case and a leading `the` (`The RCMP`, `a senior official`). */
function sameName(found: string | null, want: string): boolean {
  const fold = (name: string) => foldText(name).replace(/^the /, '');
  return found !== null && fold(found) === fold(want);
}

function contains(listing: Listing, fragment: string): boolean {
  return foldText(listing.text).includes(foldText(fragment));
}

/** The baseline's `Legend` is right for `John Legend`: any name word of the gold speaker. */
function partOfName(found: string | null, want: string): boolean {
  if (!found) return false;
  const words = new Set(want.split(' '));
  return found.split(' ').every((w) => words.has(w));
}

function score(
  listings: readonly Listing[],
  gold: GoldFile,
  errors: string[],
  sameSpeaker: (found: string | null, want: string) => boolean,
): QuoteScores {
  let real = 0;
  for (const listing of listings) {
    const items = gold.sources[listing.source] ?? [];
    const isTitle = gold.not_quotes.some((t) => foldText(listing.text) === foldText(t));
    if (!isTitle && items.some((g) => contains(listing, g.text))) real++;
    else errors.push(`not a quote: ${listing.source} "${listing.text.slice(0, 70)}"`);
  }
  let full = 0;
  let found = 0;
  let attributed = 0;
  for (const [source, items] of Object.entries(gold.sources)) {
    for (const item of items.filter((g) => g.kind === 'full')) {
      full++;
      const matches = listings.filter((l) => l.source === source && contains(l, item.text));
      if (matches.length === 0) {
        errors.push(`missed: ${source} "${item.text}"`);
        continue;
      }
      found++;
      if (matches.some((m) => sameSpeaker(m.speaker, item.speaker))) attributed++;
      else
        errors.push(
          `speaker: ${source} "${item.text}" → ${matches[0]?.speaker} (gold ${item.speaker})`,
        );
    }
  }
  const clusterShares: number[] = [];
  const byCluster = new Map<string, { source: string; text: string }[]>();
  for (const [source, items] of Object.entries(gold.sources)) {
    for (const item of items) {
      byCluster.set(item.cluster, [
        ...(byCluster.get(item.cluster) ?? []),
        { source, text: item.text },
      ]);
    }
  }
  for (const [cluster, items] of byCluster) {
    const sources = new Set(items.map((i) => i.source));
    if (sources.size < 2) continue;
    const perQuote = new Map<number, Set<string>>();
    for (const item of items) {
      for (const l of listings) {
        if (l.source !== item.source || !contains(l, item.text)) continue;
        const set = perQuote.get(l.quote) ?? new Set<string>();
        set.add(item.source);
        perQuote.set(l.quote, set);
      }
    }
    const best = Math.max(0, ...[...perQuote.values()].map((s) => s.size));
    if (best < sources.size) errors.push(`cluster: ${cluster} ${best}/${sources.size}`);
    clusterShares.push(best / sources.size);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    precision: ratio(real, listings.length),
    recall: ratio(found, full),
    speaker: ratio(attributed, full),
    clusters: ratio(
      clusterShares.reduce((a, b) => a + b, 0),
      clusterShares.length,
    ),
  };
}

const BASELINE_PAIR = /[“"]([^“”"\n]+)[”"]/g;
const BASELINE_NAME = /\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*/gu;

/**
 * The baseline: every pair of double quotation marks is a quote, attributed to the nearest
 * capitalised name outside it (a name counts as right when it is part of the gold speaker's
 * full name, so `Legend` is John Legend); identical texts are one cluster.
 */
function baselineListings(articles: readonly Article[]): Listing[] {
  const listings: Listing[] = [];
  const clusterOf = new Map<string, number>();
  for (const article of articles) {
    const body = article.paragraphs.map((p) => article.raw.slice(p.start, p.end)).join('\n');
    const pairs = [...body.matchAll(BASELINE_PAIR)].map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      text: m[1] ?? '',
    }));
    const inside = (at: number) => pairs.some((p) => at >= p.start && at < p.end);
    const names = [...body.matchAll(BASELINE_NAME)]
      .filter((m) => !inside(m.index ?? 0))
      .map((m) => ({ at: m.index ?? 0, name: m[0] }));
    for (const pair of pairs) {
      const nearest = [...names].sort((a, b) => distance(a.at, pair) - distance(b.at, pair))[0];
      const key = foldText(pair.text);
      if (!clusterOf.has(key)) clusterOf.set(key, clusterOf.size);
      listings.push({
        source: article.id,
        text: pair.text,
        speaker: nearest?.name ?? null,
        quote: clusterOf.get(key) ?? 0,
      });
    }
  }
  return listings;
}

function distance(at: number, span: { start: number; end: number }): number {
  return at < span.start ? span.start - at : at - span.end;
}

/** The seeds' people as the story config gives them. */
export const SEED_ALIASES: readonly PersonAlias[] = [
  { name: 'Kanye West', aliases: ['Ye', 'Yeezy'] },
  { name: 'John Legend', aliases: ['JL'] },
];

function percent(n: number): string {
  return `${(n * 100).toFixed(1)}%`.padStart(7);
}

/** The evaluation as a small table. */
export function formatQuotesEval(label: string, result: QuotesEvaluation): string {
  const row = (name: string, s: QuoteScores) =>
    `  ${name.padEnd(10)}${[s.precision, s.recall, s.speaker, s.clusters].map((x) => percent(x).trim().padStart(10)).join('')}`;
  return [
    `${label}`,
    `  ${''.padEnd(10)}${['precision', 'recall', 'speaker', 'clusters'].map((h) => h.padStart(10)).join('')}`,
    row('rift', result),
    row('baseline', result.baseline),
  ].join('\n');
}

/** Runs the quote evaluation on the seeds (with and without aliases), the second and third corpora. */
export function printQuotesEval(verbose = false): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const runs: [string, string, string, readonly PersonAlias[]][] = [
    ['seeds, config aliases', `${root}seeds`, `${root}test/fixtures/quotes.json`, SEED_ALIASES],
    ['seeds, no config', `${root}seeds`, `${root}test/fixtures/quotes.json`, []],
    [
      'stadium, no config',
      `${root}test/fixtures/corpora/stadium`,
      `${root}test/fixtures/corpora/stadium.quotes.json`,
      [],
    ],
    [
      'water, no config',
      `${root}test/fixtures/corpora/water`,
      `${root}test/fixtures/corpora/water.quotes.json`,
      [],
    ],
  ];
  for (const [label, dir, gold, aliases] of runs) {
    const result = evaluateQuotes(dir, gold, aliases);
    console.log(formatQuotesEval(`Quotes: ${label}`, result));
    if (verbose) for (const error of result.errors) console.log(`    ${error}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printQuotesEval(process.argv.includes('--verbose'));
}
