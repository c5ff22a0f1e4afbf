import type { SearchIndex } from '../search/search-index.ts';
import {
  candidateEvidence,
  candidatePassages,
  featureIndex,
  RANK_FEATURES,
  type RankFeature,
  weightedTerms,
} from './evidence.ts';
import type { QuestionAnalysis } from './question.ts';
import { FITTED_WEIGHTS } from './weights.ts';

/** How many passages BM25 proposes for ranking on all the evidence. */
export const CANDIDATES = 100;

/**
 * How many of them are weighed when only the evidence is wanted (how strongly a story answers,
 * for routing a question among stories): the strongest passages are almost always among BM25's
 * first proposals, and the answer probability reads the best ten. On every eighth question of
 * squad-dev, the seeds and the stadium story, asked of its own story and of three others (2,604
 * pairs), the first 20 gave the same best passage 99.8% of the time (the first 30: every time),
 * the same abstention decision every time and answer probabilities 0.0004 apart on average; on
 * every question of the two news stories (192 pairs), where agreement across outlets lifts
 * passages BM25 proposes late, the same best passage 97.4% of the time (30: 97.9%) and every
 * decision (all measured before issue 10's last answer rules were merged). `npm run
 * eval:routing` routed as many questions to their own story with 20, 30 or all 100 (95.8%) and
 * refused as many others (87.8%; 87.7% with 100); after that merge, with 20, 95.9% and 87.5%
 * (87.3% with 100). A story
 * weighed this way costs a fraction of a full ranking the first time a question reaches it
 * (most of a ranking is reading its candidates' words, once per passage).
 */
export const EVIDENCE_CANDIDATES = 20;

/** A passage with the evidence behind its rank. */
export interface RankedPassage {
  readonly passage: number;
  /** Weighted sum of the evidence (a log-odds scale: a difference of 1 is e times as likely). */
  readonly score: number;
  /** Share of the question's meaning (idf-weighted terms) the passage holds, 0..1. */
  readonly coverage: number;
  /** The same with related terms and the sentences around it, 0..1. */
  readonly reach: number;
  /** Share of the question's non-name concepts the passage covers, 0..1. */
  readonly topicCoverage: number;
  /** Share of the question the passage's paragraph holds, 0..1. */
  readonly paragraph: number;
  /** The evidence vector, in the order of `RANK_FEATURES` (built once; read by name with `featureIndex`). */
  readonly evidence: Float64Array;
}

/** Ranking weights by feature; the fitted ones come from `config/answer-weights.json`. */
export type RankWeights = Readonly<Record<RankFeature, number>>;

/** The weights fitted by `npm run fit`. */
export const DEFAULT_RANK_WEIGHTS: RankWeights = FITTED_WEIGHTS.rank;

/**
 * Ranks passages for a question: BM25 proposes candidates, then each is scored on all its
 * evidence (how much of the question it and its neighbours hold, how close and in what order,
 * whether it has the shape of the answer wanted, agreement across outlets, whose words it
 * holds) with weights fitted on development data.
 *
 * `weighed` ranks only BM25's first proposals (see {@link EVIDENCE_CANDIDATES}), each scored as
 * in the full ranking (measured against all the candidates): the same scores, fewer of them.
 *
 * @example
 * rankPassages(index, analyzeQuestion('How many votes did Kanye get?', index))[0]
 * // the passage with "about 60,000 votes in a dozen states"
 */
export function rankPassages(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  weights: RankWeights = DEFAULT_RANK_WEIGHTS,
  weighed: number = CANDIDATES,
): RankedPassage[] {
  const terms = weightedTerms(index, analysis);
  if (terms.length === 0) return [];
  const candidates = candidatePassages(index, terms, CANDIDATES);
  const vectors = candidateEvidence(index, analysis, terms, candidates, weighed);
  const w = RANK_FEATURES.map((f) => weights[f] ?? 0);
  const topical = topicalConcepts(analysis);
  const ranked = candidates.slice(0, weighed).map((c, i): RankedPassage => {
    const v = vectors[i] as Float64Array;
    let score = 0;
    for (let i = 0; i < w.length; i++) score += (w[i] ?? 0) * (v[i] ?? 0);
    const topicCoverage = topicShare(index, topical, c.passage);
    const at = (f: RankFeature) => v[featureIndex(f)] ?? 0;
    return {
      passage: c.passage,
      score,
      coverage: at('coverage'),
      reach: at('coverage') + at('related') + at('before') + at('after'),
      topicCoverage,
      paragraph: at('paragraph'),
      evidence: v,
    };
  });
  // Ties go to the earlier passage, so the same question always gets the same answer.
  return ranked.sort((a, b) => b.score - a.score || a.passage - b.passage);
}

/** The question's known concepts that are not names: what it asks about. */
export function topicalConcepts(analysis: QuestionAnalysis): QuestionAnalysis['concepts'] {
  return analysis.concepts.filter((c) => c.known && !c.name);
}

/** Share of the topical concepts a passage's own words hold (1 when there are none). */
export function topicShare(
  index: SearchIndex,
  topical: QuestionAnalysis['concepts'],
  passage: number,
): number {
  if (topical.length === 0) return 1;
  const own = index.terms[passage];
  return (
    topical.filter((t) => own?.has(t.term) || t.related.some((r) => own?.has(r))).length /
    topical.length
  );
}
