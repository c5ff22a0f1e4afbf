/**
 * Coverage: which article carries which of the story's statements. A statement is a quotation
 * (one cluster across outlets) or a key fact (a sentence with a number or a date, outside
 * quotation marks, merged with the same fact told by other outlets). For each article: how many
 * statements it carries and which ones no other article reports.
 */
import { makeSnippet } from '../answer/snippet.ts';
import { type Signature, signature, signatureOverlap } from '../search/corroboration.ts';
import type { Story } from '../story.ts';

/** One statement of the story. */
export interface Statement {
  readonly kind: 'quote' | 'fact';
  /** Verbatim: the quotation's text, or the fact's sentence (cut at word boundaries). */
  readonly text: string;
  /** The article the text is taken from. */
  readonly source: string;
  /** Every article carrying it, `source` first, then in corpus order. */
  readonly sources: readonly string[];
  readonly speaker: string | null;
}

/** What one article carries. */
export interface ArticleCoverage {
  readonly source: string;
  /** Statements it carries, quotes and facts together. */
  readonly statements: number;
  readonly quotes: number;
  readonly facts: number;
  /** Statements no other article carries, longest first. */
  readonly alone: readonly Statement[];
}

/** The coverage of a whole story. */
export interface StoryCoverage {
  readonly statements: readonly Statement[];
  /** One entry per article, in corpus order. */
  readonly articles: readonly ArticleCoverage[];
}

/** Longest statement text (a fact's sentence or a quotation); longer ones are cut. */
export const FACT_SNIPPET_CHARS = 300;
/** Share of word pairs two fact sentences must share to be the same fact (either way round). */
export const SAME_FACT_OVERLAP = 0.6;

const cache = new WeakMap<Story, StoryCoverage>();

/**
 * Counts, per article, the statements it carries and those it alone reports.
 *
 * @example
 * storyCoverage(story).articles[0] // { source: '000_1995089d9ac5036f', statements: 14, quotes: 9, facts: 5, alone: [...] }
 */
export function storyCoverage(story: Story): StoryCoverage {
  const cached = cache.get(story);
  if (cached) return cached;
  const order = new Map(story.corpus.articles.map((a, i) => [a.id, i]));
  const byCorpusOrder = (own: string, ids: Iterable<string>) => [
    own,
    ...[...new Set(ids)]
      .filter((id) => id !== own)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  ];

  const quotes: Statement[] = story.quotes.quotes.map((quote) => {
    // The quote's text is its most complete mention's: cite that mention's article.
    const own =
      (quote.mentions.find((m) => m.text === quote.text) ?? quote.mentions[0])?.source ?? '';
    return {
      kind: 'quote',
      text: makeSnippet(quote.text, () => 0, FACT_SNIPPET_CHARS),
      source: own,
      sources: byCorpusOrder(
        own,
        quote.mentions.map((m) => m.source),
      ),
      speaker: quote.speaker,
    };
  });

  const { index } = story;
  const facts: { text: string; source: string; sources: Set<string>; sig: Signature }[] = [];
  // Two facts can only overlap if they share a word pair (a single word stands for itself), so
  // each passage is compared with the facts sharing one, in the order they were found: the same
  // result as comparing with every fact, without the cost growing with the square of the corpus.
  const factsByPair = new Map<string, number[]>();
  // The same sentence in several articles (a wire story, a syndicated copy) has the same
  // reporting sources and signature: each distinct text is looked up once.
  const known = new Map<string, { reporting: readonly string[]; sig: Signature }>();
  for (const passage of index.passages) {
    const features = index.features[passage.id];
    if (!features || passage.headline || features.quote) continue;
    if (!features.number && !features.date) continue;
    let seen = known.get(passage.text);
    if (!seen) {
      seen = {
        reporting: index.corroboration
          .sourcesReporting(passage.text)
          .map((a) => index.articles[a]?.id ?? '')
          .filter(Boolean),
        sig: signature(passage.text),
      };
      known.set(passage.text, seen);
    }
    const { reporting, sig } = seen;
    const candidates = new Set<number>();
    for (const pair of sig.pairs) for (const i of factsByPair.get(pair) ?? []) candidates.add(i);
    const same = [...candidates]
      .sort((a, b) => a - b)
      .map((i) => facts[i])
      .find(
        (f) =>
          f !== undefined &&
          (signatureOverlap(sig, f.sig) >= SAME_FACT_OVERLAP ||
            signatureOverlap(f.sig, sig) >= SAME_FACT_OVERLAP),
      );
    if (same) {
      same.sources.add(passage.source);
      for (const id of reporting) same.sources.add(id);
    } else {
      for (const pair of sig.pairs) {
        const list = factsByPair.get(pair);
        if (list) list.push(facts.length);
        else factsByPair.set(pair, [facts.length]);
      }
      facts.push({
        text: passage.text,
        source: passage.source,
        sources: new Set([passage.source, ...reporting]),
        sig,
      });
    }
  }
  const factStatements: Statement[] = facts.map((f) => ({
    kind: 'fact',
    text: makeSnippet(f.text, () => 0, FACT_SNIPPET_CHARS),
    source: f.source,
    sources: byCorpusOrder(f.source, f.sources),
    speaker: null,
  }));

  const statements = [...quotes, ...factStatements];
  const carriedBy = new Map<string, Statement[]>();
  for (const statement of statements) {
    for (const id of new Set(statement.sources)) {
      const list = carriedBy.get(id);
      if (list) list.push(statement);
      else carriedBy.set(id, [statement]);
    }
  }
  const articles = story.corpus.articles.map((article): ArticleCoverage => {
    const carried = carriedBy.get(article.id) ?? [];
    return {
      source: article.id,
      statements: carried.length,
      quotes: carried.filter((s) => s.kind === 'quote').length,
      facts: carried.filter((s) => s.kind === 'fact').length,
      // The longest first: a whole statement says more than a two-word fragment.
      alone: carried
        .filter((s) => s.sources.length === 1)
        .sort((a, b) => b.text.length - a.text.length),
    };
  });
  const coverage = { statements, articles };
  cache.set(story, coverage);
  return coverage;
}
