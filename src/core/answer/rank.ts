import type { PassageFeatures } from '../search/features.ts';
import { inContext, type SearchIndex, SUPPORT_SATURATION } from '../search/search-index.ts';
import { words } from '../text/fold.ts';
import type { AnswerKind, QuestionAnalysis } from './question.ts';

/** Weight of a related term (synonym, other part of a name) relative to the word asked. */
export const RELATED_WEIGHT = 0.55;
/** Weight of a word found only in the sentences before the passage. */
export const CONTEXT_WEIGHT = 0.3;
/** Weight of a name found only in the sentences before: often the "he" of the passage. */
export const NAME_CONTEXT_WEIGHT = 0.7;
/** Coverage from which a passage counts as fully on topic for the other signals. */
export const RELEVANT_COVERAGE = 0.6;
/** A term in more passages than this share (and than the floor) is too common to search for. */
export const COMMON_TERM_SHARE = 0.03;
/** Below this many passages no term counts as common: small corpora search with every term. */
export const COMMON_TERM_FLOOR = 400;
/** How many passages a postings scan keeps for full scoring. */
const SCAN_CANDIDATES = 400;
/** Most postings (passages per term, summed) a query reads; see planQuery. */
export const POSTINGS_BUDGET = 6000;
/** The fewest terms a query is cut down to. */
const MIN_QUERY_TERMS = 2;
/** How many passages minisearch proposes for re-ranking. */
export const CANDIDATES = 80;

/** A passage with the signals behind its rank. */
export interface RankedPassage {
  readonly passage: number;
  readonly score: number;
  /** Share of the question's meaning (idf-weighted concepts) the passage covers, 0..1. */
  readonly coverage: number;
  /** Share of the question's non-name concepts the passage covers, 0..1. */
  readonly topicCoverage: number;
  /** Each signal before weighting, for explaining a rank in tests and `--explain`. */
  readonly signals: Readonly<Record<keyof RankWeights, number>>;
}

/** Ranking weights, tunable in the story config (`answer.weights`). */
export interface RankWeights {
  readonly coverage: number;
  readonly bm25: number;
  /** For kinds whose answer has a visible shape (a date, a number, a place, a title, a name). */
  readonly kind: number;
  /** For `why`: a causal cue. Weaker, since causes are often implicit. */
  readonly cause: number;
  readonly support: number;
  readonly quote: number;
  readonly qualifier: number;
}

/** Defaults found to work across stories; see test/core/answer for what each one buys. */
export const DEFAULT_RANK_WEIGHTS: RankWeights = {
  coverage: 0.5,
  bm25: 0.2,
  kind: 0.5,
  cause: 0.1,
  support: 0.45,
  quote: 0.2,
  qualifier: 0.6,
};

/**
 * Ranks passages for a question: minisearch (BM25 with expansions) proposes candidates, then
 * each is scored on how much of the question it covers, whether it carries the kind of answer
 * wanted, how many outlets report it, and whether it is someone's words when words are asked for.
 *
 * @example
 * rankPassages(index, analyzeQuestion('How many votes did Kanye get?', index))[0]
 * // the passage with "about 60,000 votes in a dozen states"
 */
export function rankPassages(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  weights: RankWeights = DEFAULT_RANK_WEIGHTS,
): RankedPassage[] {
  const termWeight = new Map<string, number>();
  const concepts = analysis.concepts.filter((c) => c.known);
  for (const c of concepts) {
    for (const t of c.related) termWeight.set(t, Math.max(termWeight.get(t) ?? 0, RELATED_WEIGHT));
  }
  for (const c of concepts) termWeight.set(c.term, 1);
  if (termWeight.size === 0) return [];

  const plan = planQuery(index, termWeight);
  // Terms so common that minisearch would score a large share of the corpus: scan our own
  // postings instead, with a plain idf sum standing in for BM25, and score every passage read.
  const questionWords = new Set(analysis.concepts.map((c) => c.word));
  // What lifts a passage regardless of its words (answer shape, agreement, a qualified cause):
  // used to choose among passages that tie on common terms.
  const prior = (id: number) => {
    const f = index.features[id];
    if (!f) return 0;
    return (
      kindScore(analysis.kind, f, questionWords) +
      Math.min(index.support[id] ?? 1, SUPPORT_SATURATION) / SUPPORT_SATURATION +
      (analysis.restrictive && f.qualifiedCause ? 1 : 0) +
      (analysis.wantsQuote && f.quote ? 0.5 : 0)
    );
  };
  const results =
    plan.read > POSTINGS_BUDGET
      ? scanPostings(index, plan.terms, termWeight, prior)
      : index.miniSearch
          .search(plan.terms.join(' '), { boostTerm: (term) => termWeight.get(term) ?? 1 })
          .slice(0, CANDIDATES)
          .map((r) => ({ id: r.id as number, score: r.score }));
  const top = results[0]?.score ?? 1;
  const n = index.passages.length;
  const idf = (term: string) => Math.log(1 + n / (1 + (index.documentFrequency.get(term) ?? 0)));
  const sources = index.articles.length;
  const saturation = Math.min(sources, SUPPORT_SATURATION);
  // A name in every article says little about which passage answers: weigh it by its spread.
  const nameWeight = (term: string) =>
    (index.articleFrequency.get(term) ?? 0) >= Math.max(2, sources * 0.8) ? 0.3 : 0.6;

  const ranked = results.map((result): RankedPassage => {
    const id = result.id;
    const own = index.terms[id] ?? new Set<string>();
    const context = { has: (term: string) => inContext(index, id, term) };
    let covered = 0;
    let total = 0;
    let topicCovered = 0;
    let topicTotal = 0;
    const features = index.features[id];
    for (const c of concepts) {
      const w = c.name ? idf(c.term) * nameWeight(c.term) : idf(c.term);
      const placeAnswers =
        analysis.kind === 'where' && features?.place === true && index.lexicon.isLocative(c.term);
      const found =
        own.has(c.term) || placeAnswers
          ? 1
          : c.related.some((t) => own.has(t))
            ? RELATED_WEIGHT
            : context.has(c.term) || c.related.some((t) => context.has(t))
              ? c.name
                ? NAME_CONTEXT_WEIGHT
                : CONTEXT_WEIGHT
              : 0;
      covered += w * found;
      total += w;
      if (!c.name) {
        topicCovered += found;
        topicTotal += 1;
      }
    }
    const coverage = total > 0 ? covered / total : 0;
    const topicCoverage = topicTotal > 0 ? topicCovered / topicTotal : 1;
    const support = index.support[id] ?? 1;
    const kindMatch = features ? kindScore(analysis.kind, features, questionWords) : 0;
    const quote =
      analysis.wantsQuote && features?.quote
        ? quoteScore(
            analysis,
            index.speakers[id] ?? null,
            index.passages[id]?.displayText ?? '',
            index,
          )
        : 0;
    const qualifier = analysis.restrictive && features?.qualifiedCause ? 1 : 0;
    const signals = {
      coverage,
      bm25: result.score / top,
      kind: analysis.kind === 'why' ? 0 : kindMatch,
      cause: analysis.kind === 'why' ? kindMatch : 0,
      support: saturation > 1 ? (Math.min(support, saturation) - 1) / (saturation - 1) : 0,
      quote,
      qualifier,
    };
    // Shape, agreement and attribution only count for passages on the question's topic:
    // a date is no answer to "when" if the passage is about something else.
    const relevance = Math.min(1, coverage / RELEVANT_COVERAGE);
    const score = (Object.keys(signals) as (keyof RankWeights)[]).reduce(
      (sum, key) =>
        sum + weights[key] * signals[key] * (key === 'coverage' || key === 'bm25' ? 1 : relevance),
      0,
    );
    return { passage: id, score, coverage, topicCoverage, signals };
  });
  // Ties go to the earlier passage, so the same question always gets the same answer.
  return ranked.sort((a, b) => b.score - a.score || a.passage - b.passage);
}

/**
 * The terms worth asking minisearch for. Search time follows the postings read, so the query
 * takes the rarest terms first, within a budget of postings: a small corpus is searched with
 * every term, a big one with the terms that tell passages apart. Terms in a large share of a big
 * corpus never propose candidates. Every term still counts when candidates are scored.
 */
function planQuery(
  index: SearchIndex,
  termWeight: ReadonlyMap<string, number>,
): { terms: string[]; read: number } {
  const df = (t: string) => index.documentFrequency.get(t) ?? 0;
  const present = [...termWeight.keys()].filter((t) => df(t) > 0).sort((a, b) => df(a) - df(b));
  const common = Math.max(COMMON_TERM_FLOOR, index.passages.length * COMMON_TERM_SHARE);
  const chosen: string[] = [];
  let read = 0;
  for (const t of present) {
    const enough = chosen.length >= MIN_QUERY_TERMS;
    if (enough && (df(t) > common || read + df(t) > POSTINGS_BUDGET)) break;
    chosen.push(t);
    read += df(t);
  }
  return { terms: chosen, read };
}

/**
 * Candidates from our own postings, each scored by the idf-weighted terms it holds (sorted best
 * first): used when the question's terms are too common for BM25 to be worth its cost.
 */
function scanPostings(
  index: SearchIndex,
  terms: readonly string[],
  termWeight: ReadonlyMap<string, number>,
  prior: (id: number) => number,
): { id: number; score: number }[] {
  const n = index.passages.length;
  const scores = new Map<number, number>();
  for (const t of terms) {
    const weight =
      (termWeight.get(t) ?? 1) * Math.log(1 + n / (1 + (index.documentFrequency.get(t) ?? 0)));
    for (const id of index.postings.get(t) ?? []) scores.set(id, (scores.get(id) ?? 0) + weight);
  }
  const top = Math.max(...scores.values(), 1);
  return [...scores]
    .map(([id, score]) => ({ id, score, order: score / top + prior(id) }))
    .sort((a, b) => b.order - a.order || a.id - b.id)
    .slice(0, SCAN_CANDIDATES)
    .map(({ id, score }) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Someone's words, best when the reporter attributes them to the question's subject. */
function quoteScore(
  analysis: QuestionAnalysis,
  speaker: string | null,
  text: string,
  index: SearchIndex,
): number {
  if (analysis.subject.length === 0) return 1;
  const { lexicon } = index;
  if (speaker) {
    // The quote index knows who spoke: it is the subject's words or someone else's.
    const forms =
      index.names.find((n) => n.name === speaker)?.forms ?? speaker.toLowerCase().split(' ');
    const terms = forms.flatMap((f) => f.split(' ')).map((w) => lexicon.term(w));
    if (terms.some((t) => analysis.subject.includes(t))) return 1;
    // Someone else named in the question said it: the wrong person's words.
    const named = analysis.concepts.filter((c) => c.name).some((c) => terms.includes(c.term));
    return named ? -1 : 0;
  }
  // No speaker known: look for the subject among the reporter's words, outside the marks.
  const terms = words(text.replace(/["“][^"“”]*["”]?/g, ' ')).map((w) => lexicon.term(w));
  if (terms.some((t) => analysis.subject.includes(t))) return 1;
  // Words attributed to another person named in the question are that person's, not the subject's.
  const others = analysis.concepts.filter((c) => c.name && !analysis.subject.includes(c.term));
  return others.some((c) => terms.includes(c.term) || c.related.some((r) => terms.includes(r)))
    ? 0
    : 0.3;
}

/** The passage feature that shows a passage has the shape of the answer a kind wants. */
const SHAPE: Partial<Record<AnswerKind, 'cause' | 'date' | 'place' | 'number' | 'age' | 'title'>> =
  {
    why: 'cause',
    when: 'date',
    where: 'place',
    'how-many': 'number',
    age: 'age',
    title: 'title',
  };

function kindScore(
  kind: AnswerKind,
  f: PassageFeatures,
  questionWords: ReadonlySet<string>,
): number {
  if (kind === 'who') {
    // Someone not already named in the question.
    return f.names.some((name) => !name.split(' ').some((part) => questionWords.has(part))) ? 1 : 0;
  }
  const feature = SHAPE[kind];
  return feature && f[feature] ? 1 : 0;
}
