/**
 * Abstention as a calibrated decision: the probability that the corpus answers a question,
 * from the evidence for it (how much of the question the corpus knows, how much of it the best
 * passages hold, whether it names something the corpus never mentions), by a logistic model
 * fitted on development data (`npm run fit`). rift abstains below a fitted threshold.
 */
import type { SearchIndex } from '../search/search-index.ts';
import { bm25Idf, unknownNearness } from './evidence.ts';
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
  /** idf-weighted share of the question read through a spelling correction. */
  'corrected',
  /** idf-weighted share of the words the corpus never uses that have a close word in it (vectors). */
  'similarKnown',
  /** Best share of the question held by a top passage's paragraph. */
  'paragraph',
  /** A yes/no question: how much of what it asks about the best passages speak of. */
  'yesNoTopic',
  /**
   * How rare in general English the rarest word the corpus never uses is: a paraphrase uses
   * common words (`greatly`, `famous`), another story's topic rare ones (`imperialism`).
   */
  'unknownRarity',
  /** The best passage's ranking score (log-odds scale, tenths). */
  'score',
  /**
   * How far the best passage leads the second (log-odds, tenths; 1 with a single passage): an
   * answer stands out, a question matched on common words finds many passages alike.
   */
  'gap',
  /**
   * Best share of the question a top passage holds by meaning through the words the corpus never
   * uses (`unknownNearness`): a paraphrase is near the answer, another story's topic is not.
   */
  'unknownNear',
  /**
   * The question asks for one attribute of something (`What is the capacity of the stadium?`)
   * and the corpus never uses the attribute's word: of all the words it may not know, that is
   * the one an answer must speak of.
   */
  'focusUnknown',
] as const;

/** The name of an abstention feature. */
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

/**
 * The terms of the model: each feature, then the product of every pair (`a*b`, `a*a`): the
 * evidence combines (a question of many words with a weak best passage is another story's;
 * the same passage strength for a two-word question is not), which a sum alone cannot say.
 */
export const ABSTAIN_TERMS: readonly string[] = [
  ...ABSTAIN_FEATURES,
  ...ABSTAIN_FEATURES.flatMap((a, i) => ABSTAIN_FEATURES.slice(i).map((b) => `${a}*${b}`)),
];

/** The model's terms of an evidence vector, in the order of `ABSTAIN_TERMS`. */
export function abstainTerms(evidence: Float64Array): Float64Array {
  const n = ABSTAIN_FEATURES.length;
  const out = new Float64Array(ABSTAIN_TERMS.length);
  out.set(evidence.subarray(0, n));
  let k = n;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) out[k++] = (evidence[i] ?? 0) * (evidence[j] ?? 0);
  return out;
}

/**
 * The evidence only word vectors give. A story without vectors has none of it, and reading
 * that as "nothing near in meaning" would refuse its paraphrases: such a story is judged by a
 * model fitted without these features (`AbstainModel.withoutVectors`).
 */
export const VECTOR_FEATURES: readonly AbstainFeature[] = [
  'similarKnown',
  'unknownRarity',
  'unknownNear',
];

/** One fitted logistic model with its threshold. */
export interface AbstainFit {
  readonly bias: number;
  /** Weight of each term of `ABSTAIN_TERMS`. */
  readonly weights: Readonly<Record<string, number>>;
  /** Abstain when the probability of an answer is below this. */
  readonly threshold: number;
}

/**
 * The fitted abstention models: one over all the evidence, for stories with word vectors, and
 * one fitted on the same questions with `VECTOR_FEATURES` held at 0, for stories without.
 */
export interface AbstainModel extends AbstainFit {
  readonly withoutVectors: AbstainFit;
}

/** The evidence with what only word vectors give held at 0 (a copy). */
export function withoutVectorEvidence(evidence: Float64Array): Float64Array {
  const out = Float64Array.from(evidence);
  for (const f of VECTOR_FEATURES) out[ABSTAIN_FEATURES.indexOf(f)] = 0;
  return out;
}

/** How many top passages the evidence looks at. */
export const STRONGEST_OF = 10;

/** What the question alone tells: known share, unknown words and names, size. */
export interface QuestionEvidence {
  readonly knownShare: number;
  readonly unknown: number;
  readonly unknownNames: number;
  readonly words: number;
  readonly correctedShare: number;
  readonly similarShare: number;
  readonly yesNo: boolean;
  readonly unknownRarity: number;
  /** The question's focus (`QuestionAnalysis.focus`) is a word the corpus never uses. */
  readonly focusUnknown: boolean;
}

/** Cosine from which a corpus word counts as close in meaning to a word it never uses. */
export const SIMILAR_KNOWN = 0.6;

const surfaceRowsByIndex = new WeakMap<SearchIndex, Int32Array>();

/** Finds the word-vector rows of the corpus's words now, not on the first question. */
export function prepareAbstention(index: SearchIndex): void {
  surfaceRows(index);
}

/** The word-vector rows of the corpus's words, found once per index. */
function surfaceRows(index: SearchIndex): Int32Array {
  let rows = surfaceRowsByIndex.get(index);
  if (!rows) {
    const vectors = index.lexicon.vectors;
    const found: number[] = [];
    for (const word of index.surface) {
      const r = vectors?.row(word) ?? -1;
      if (r >= 0) found.push(r);
    }
    rows = Int32Array.from(found);
    surfaceRowsByIndex.set(index, rows);
  }
  return rows;
}

/** The best cosine between a word and any word of the corpus (0 without vectors). */
function closestInCorpus(index: SearchIndex, word: string): number {
  const vectors = index.lexicon.vectors;
  const row = vectors?.row(word) ?? -1;
  if (!vectors || row < 0) return 0;
  return vectors.closestRow(row, surfaceRows(index));
}

/** The question-level part of the evidence. */
export function questionEvidence(index: SearchIndex, analysis: QuestionAnalysis): QuestionEvidence {
  const unseen = bm25Idf(index, '\u0000');
  let total = 0;
  let known = 0;
  let unknown = 0;
  let corrected = 0;
  let similar = 0;
  let rarity = 0;
  for (const c of analysis.concepts) {
    const idf = c.known ? bm25Idf(index, c.term) : unseen;
    total += idf;
    if (c.known) known += idf;
    else unknown++;
    if (c.corrected && c.edits > 0) corrected += idf;
    if (!c.known && closestInCorpus(index, c.word) >= SIMILAR_KNOWN) similar += idf;
    if (!c.known) rarity = Math.max(rarity, index.lexicon.vectors?.rarity(c.word) ?? 1);
  }
  return {
    knownShare: total > 0 ? known / total : 0,
    unknown,
    unknownNames: analysis.unknownNames.length,
    words: analysis.concepts.length,
    correctedShare: total > 0 ? corrected / total : 0,
    similarShare: total > 0 ? similar / total : 0,
    yesNo: analysis.kind === 'yes-no',
    unknownRarity: rarity,
    focusUnknown: analysis.concepts.some((c) => c.word === analysis.focus && !c.known),
  };
}

/**
 * The abstention evidence: the question's own, with the best reach and coverage among the top
 * passages (`reach` and `coverage` of each, best first).
 */
export function combineEvidence(
  question: QuestionEvidence,
  top: readonly {
    readonly reach: number;
    readonly coverage: number;
    readonly paragraph: number;
    readonly topicCoverage: number;
    readonly score: number;
    /** `unknownNearness` of the passage. */
    readonly unknownNear: number;
  }[],
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
  v[6] = question.correctedShare;
  v[7] = question.similarShare;
  v[8] = Math.max(0, ...strongest.map((r) => r.paragraph)) * question.knownShare;
  v[9] = question.yesNo ? Math.max(0, ...strongest.map((r) => r.topicCoverage)) : 0;
  v[10] = question.unknownRarity;
  v[11] = (top[0]?.score ?? 0) / 10;
  v[12] = top.length > 1 ? ((top[0]?.score ?? 0) - (top[1]?.score ?? 0)) / 10 : top.length;
  v[13] = Math.max(0, ...strongest.map((r) => r.unknownNear));
  v[14] = question.focusUnknown ? 1 : 0;
  return v;
}

/**
 * The abstention evidence of a question, given its ranked passages; without word vectors,
 * `VECTOR_FEATURES` are 0 (see `abstainFitFor`).
 */
export function abstentionEvidence(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  ranked: readonly RankedPassage[],
): Float64Array {
  const vectors = index.lexicon.vectors !== null;
  const strongest = ranked.slice(0, STRONGEST_OF).map((r) => ({
    ...r,
    unknownNear: vectors ? unknownNearness(index, analysis, r.passage) : 0,
  }));
  const evidence = combineEvidence(questionEvidence(index, analysis), strongest);
  return vectors ? evidence : withoutVectorEvidence(evidence);
}

/** The model that judges questions asked of `index`: the one fitted without vectors when it has none. */
export function abstainFitFor(index: SearchIndex, model: AbstainModel): AbstainFit {
  return index.lexicon.vectors ? model : model.withoutVectors;
}

/** Probability that the corpus answers the question, under a model. */
export function answerProbability(model: AbstainFit, evidence: Float64Array): number {
  let z = model.bias;
  const terms = abstainTerms(evidence);
  ABSTAIN_TERMS.forEach((t, i) => {
    z += (model.weights[t] ?? 0) * (terms[i] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}
