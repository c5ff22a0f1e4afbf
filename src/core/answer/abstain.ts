/**
 * Abstention as a calibrated decision: the probability that the corpus answers a question,
 * from the evidence for it (how much of the question the corpus knows, how much of it the best
 * passages hold, whether it names something the corpus never mentions), by a logistic model
 * fitted on development data (`npm run fit`). rift abstains below a fitted threshold.
 */
import type { SearchIndex } from '../search/search-index.ts';
import { bm25Idf } from './evidence.ts';
import type { QuestionAnalysis } from './question.ts';
import type { RankedPassage } from './rank.ts';

/** Every abstention feature, in the order of the vectors. */
export const ABSTAIN_FEATURES = [
  /** idf-weighted share of the question's words the corpus uses (a word it never uses weighs most). */
  'known',
  /** Words the corpus never uses, even after correcting their spelling (0, 1/3, 2/3, 1). */
  'unknown',
  /** Capitalised words (names) among them (0, 1/2, 1). */
  'unknownName',
  /** Best share of the question held by a passage with its related words and neighbours. */
  'reach',
  /** Best share of the question held by a passage's own words. */
  'coverage',
  /** Log of the number of meaningful words. */
  'words',
] as const;

/** The name of an abstention feature. */
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

/** A fitted abstention model. */
export interface AbstainModel {
  readonly bias: number;
  readonly weights: Readonly<Record<AbstainFeature, number>>;
  /** Abstain when the probability of an answer is below this. */
  readonly threshold: number;
}

/** How many top passages the evidence looks at. */
export const STRONGEST_OF = 10;

/** What the question alone tells: known share, unknown words and names, size. */
export interface QuestionEvidence {
  readonly knownShare: number;
  readonly unknown: number;
  readonly unknownNames: number;
  readonly words: number;
}

/** The question-level part of the evidence. */
export function questionEvidence(index: SearchIndex, analysis: QuestionAnalysis): QuestionEvidence {
  const unseen = bm25Idf(index, '\u0000');
  let total = 0;
  let known = 0;
  let unknown = 0;
  for (const c of analysis.concepts) {
    const idf = c.known ? bm25Idf(index, c.term) : unseen;
    total += idf;
    if (c.known) known += idf;
    else unknown++;
  }
  return {
    knownShare: total > 0 ? known / total : 0,
    unknown,
    unknownNames: analysis.unknownNames.length,
    words: analysis.concepts.length,
  };
}

/**
 * The abstention evidence: the question's own, with the best reach and coverage among the top
 * passages (`reach` and `coverage` of each, best first).
 */
export function combineEvidence(
  question: QuestionEvidence,
  top: readonly { readonly reach: number; readonly coverage: number }[],
): Float64Array {
  const v = new Float64Array(ABSTAIN_FEATURES.length);
  const strongest = top.slice(0, STRONGEST_OF);
  const reach = Math.min(1, Math.max(0, ...strongest.map((r) => r.reach)));
  const coverage = Math.max(0, ...strongest.map((r) => r.coverage));
  v[0] = question.knownShare;
  v[1] = Math.min(3, question.unknown) / 3;
  v[2] = Math.min(2, question.unknownNames) / 2;
  v[3] = reach * question.knownShare;
  v[4] = coverage * question.knownShare;
  v[5] = Math.log1p(question.words) / Math.log(10);
  return v;
}

/** The abstention evidence of a question, given its ranked passages. */
export function abstentionEvidence(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  ranked: readonly RankedPassage[],
): Float64Array {
  return combineEvidence(questionEvidence(index, analysis), ranked);
}

/** Probability that the corpus answers the question, under a model. */
export function answerProbability(model: AbstainModel, evidence: Float64Array): number {
  let z = model.bias;
  ABSTAIN_FEATURES.forEach((f, i) => {
    z += (model.weights[f] ?? 0) * (evidence[i] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}
