/**
 * `npm run eval:news -- PATH`: rift's quotes on human-annotated news (the Gender Gap Tracker's
 * evaluation set), each article its own corpus, scored through what `rift quotes --json` returns,
 * beside the nearest-capitalised-name baseline measured in the same run, with errors by kind.
 *
 * PATH is a folder holding `AnnotationTable_byArticle_withReplacementArticles.xlsx` and
 * `rawtext.zip` (or `rawtext/`). Options: `--by-outlet` (a row per outlet), `--verbose` (every
 * error with its text), `--outlets NAMES` (comma-separated outlet names; default the development
 * outlets; `held-out` selects the outlets kept aside, for the final check only).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJson } from '../../../src/adapters/terminal/json.ts';
import { createRift, loadStory } from '../../../src/commands/open.ts';
import { DEVELOPMENT_OUTLETS, HELD_OUT_OUTLETS, type NewsArticle, readNews } from './read-news.ts';
import {
  type ArticleListing,
  baselineListing,
  errorsByKind,
  type ListedQuote,
  type NewsEvaluation,
  type NewsScores,
  scoreNews,
} from './score-news.ts';

interface JsonQuote {
  readonly speaker: string | null;
  readonly mentions: readonly { readonly segments: readonly string[] }[];
}

/**
 * Where a listed quotation's segments are in the article: each segment is exactly the text
 * between one pair of marks, so it is found by its text, after the previous segment and at an
 * offset no other listed quotation took.
 */
function locateSegments(
  text: string,
  segments: readonly string[],
  taken: Set<number>,
): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  for (const segment of segments) {
    let at = text.indexOf(segment, from);
    while (at >= 0 && taken.has(at)) at = text.indexOf(segment, at + 1);
    if (at < 0) continue;
    taken.add(at);
    spans.push({ start: at, end: at + segment.length });
    from = at + segment.length;
  }
  return spans;
}

/**
 * Runs rift on one article as its own corpus, as the CLI would (`rift --corpus DIR quotes
 * --json`), and returns what it extracted and what it lists.
 */
export function riftListing(article: NewsArticle): ArticleListing {
  const dir = mkdtempSync(join(tmpdir(), 'rift-news-'));
  try {
    writeFileSync(join(dir, `${article.id}.txt`), article.text);
    const story = loadStory({ corpus: dir, cache: false });
    const rift = createRift(story);
    const run = (speaker: string | null) =>
      toJson(rift.run({ name: 'quotes', speaker, about: null, private: false }));
    const all = run(null);
    let quotes = (all.quotes ?? []) as readonly JsonQuote[];
    const speakers = (all.speakers ?? []) as readonly { name: string }[];
    if (quotes.length === 0 && speakers.length > 0) {
      // The contract before issue 11: `quotes --json` listed only speakers, and a user fetched
      // each speaker's quotes; quotes without a speaker were never listed.
      quotes = speakers.flatMap((s) => (run(s.name).quotes ?? []) as readonly JsonQuote[]);
    }
    const extracted = story.quotes.quotes.flatMap((q) =>
      q.mentions.map((m): ListedQuote => ({ spans: m.spans, speaker: q.speaker, rule: m.rule })),
    );
    // The rule is not part of the JSON: read it from the index, by where the quotation starts.
    const ruleAt = new Map(extracted.map((q) => [q.spans[0]?.start ?? -1, q.rule]));
    const taken = new Set<number>();
    const listed = quotes.flatMap((q) =>
      q.mentions.map((m): ListedQuote => {
        const spans = locateSegments(article.text, m.segments, taken);
        return { spans, speaker: q.speaker, rule: ruleAt.get(spans[0]?.start ?? -1) ?? 'none' };
      }),
    );
    return { extracted, listed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both extractors scored on the same articles. */
export interface NewsRun {
  readonly rift: NewsEvaluation;
  readonly baseline: NewsEvaluation;
}

/** Scores rift and the baseline on annotated articles. */
export function evaluateNews(articles: readonly NewsArticle[]): NewsRun {
  const rift = new Map(articles.map((a) => [a.id, riftListing(a)]));
  const baseline = new Map(articles.map((a) => [a.id, baselineListing(a.text)]));
  return { rift: scoreNews(articles, rift), baseline: scoreNews(articles, baseline) };
}

const f3 = (x: number) => x.toFixed(3).padStart(10);

function row(name: string, s: NewsScores): string {
  return `  ${name.padEnd(26)}${[s.extracted, s.recall, s.precision, s.speaker, s.speakerNamed].map(f3).join('')}`;
}

const HEADER = `  ${''.padEnd(26)}${['extracted', 'recall', 'precision', 'speaker', 'named'].map((h) => h.padStart(10)).join('')}`;

/** The tables `npm run eval:news` prints. */
export function formatNews(label: string, run: NewsRun): string {
  const s = run.rift.scores;
  const lines = [
    `News quotes: ${label} (${s.articles} articles, ${s.gold} quotes set off in double marks, ${s.named} by named people; ${run.rift.unlocated} annotations not found verbatim, left out)`,
    HEADER,
    row('rift', s),
    row('baseline (nearest name)', run.baseline.scores),
    '  extracted: found with any speaker; recall: listed by `rift quotes --json`; precision: listed',
    '  quotes that are annotated quotes; speaker: listed with the annotated full name (named: people only)',
    '',
    '  Errors by kind                              rift  baseline',
  ];
  const base = new Map(errorsByKind(run.baseline.errors));
  const kinds = errorsByKind(run.rift.errors);
  for (const [kind] of base) if (!kinds.some(([k]) => k === kind)) kinds.push([kind, 0]);
  for (const [kind, n] of kinds) {
    lines.push(
      `  ${kind.padEnd(42)}${String(n).padStart(5)}${String(base.get(kind) ?? 0).padStart(10)}`,
    );
  }
  const byRule = new Map<string, number>();
  for (const e of run.rift.errors) {
    if (['not extracted', 'extracted, not listed', 'listed, not a quote'].includes(e.kind))
      continue;
    const key = `${e.rule ?? 'none'}`;
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  lines.push('', '  rift speaker errors by the rule that attributed the quote');
  for (const [rule, n] of [...byRule.entries()].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${rule.padEnd(42)}${String(n).padStart(5)}`);
  }
  return lines.join('\n');
}

/** A row per outlet: what leave-one-outlet-out checks look at. */
export function formatByOutlet(articles: readonly NewsArticle[]): string {
  const outlets = [...new Set(articles.map((a) => a.outlet))].sort();
  const lines = ['', 'By outlet (rift)', HEADER];
  for (const outlet of outlets) {
    const subset = articles.filter((a) => a.outlet === outlet);
    lines.push(row(outlet, evaluateNews(subset).rift.scores));
  }
  return lines.join('\n');
}

function verboseErrors(run: NewsRun, articles: readonly NewsArticle[]): string {
  const text = new Map(articles.map((a) => [a.id, a.text]));
  return run.rift.errors
    .map((e) => {
      const quote = (text.get(e.article) ?? '')
        .slice(e.span.start, e.span.end)
        .replace(/\s+/g, ' ');
      return `  [${e.kind}] ${e.article} (${e.outlet}) ${e.rule ?? ''}: got ${e.got ?? '-'} want ${e.want ?? '-'}\n      ${quote.slice(0, 160)}`;
    })
    .join('\n');
}

/** Parses the outlet option: default the development outlets. */
export function chooseOutlets(option: string | undefined): readonly string[] {
  if (!option || option === 'development') return DEVELOPMENT_OUTLETS;
  if (option === 'held-out') return HELD_OUT_OUTLETS;
  return option
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The CLI: `npm run eval:news -- PATH [--by-outlet] [--verbose] [--outlets NAMES]`. */
export async function main(argv: readonly string[]): Promise<number> {
  const path = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--outlets');
  if (!path) {
    console.error(
      'Usage: npm run eval:news -- PATH [--by-outlet] [--verbose]\n  PATH: a folder with AnnotationTable_byArticle_withReplacementArticles.xlsx and rawtext.zip (GenderGapTracker, commit 9e647e0).',
    );
    return 2;
  }
  const option = argv[argv.indexOf('--outlets') + 1];
  const outlets = chooseOutlets(argv.includes('--outlets') ? option : undefined);
  const label = outlets === DEVELOPMENT_OUTLETS ? 'development outlets' : outlets.join(', ');
  const articles = await readNews(path, { outlets });
  const run = evaluateNews(articles);
  console.log(formatNews(label, run));
  if (argv.includes('--by-outlet')) console.log(formatByOutlet(articles));
  if (argv.includes('--verbose')) console.log(`\n${verboseErrors(run, articles)}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
