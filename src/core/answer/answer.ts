import {
  numbersDisagree,
  type Signature,
  signature,
  signatureOverlap,
} from '../search/corroboration.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { words } from '../text/fold.ts';
import { findOtherViews } from './other-views.ts';
import { analyzeQuestion, type QuestionAnalysis } from './question.ts';
import { DEFAULT_RANK_WEIGHTS, type RankWeights, rankPassages } from './rank.ts';
import { makeSnippet, snippetPieces } from './snippet.ts';

/** A cited snippet, by source id; the command layer adds outlet names and dates. */
export interface CoreCitation {
  /** Verbatim text, `…` marking cuts. */
  readonly snippet: string;
  /** Source the snippet is taken from. */
  readonly source: string;
  /** Every source reporting it, `source` first, then in corpus order. */
  readonly sources: readonly string[];
  /** The passage cited (index into `SearchIndex.passages`). */
  readonly passage: number;
  /** Who is quoted in the snippet, when the quote index knows. */
  readonly speaker: string | null;
}

/** The core's answer to a question. */
export interface AnswerResult {
  readonly abstained: boolean;
  /** Why it abstained, for logs and `--json`; null when it answered. */
  readonly reason: string | null;
  readonly citations: readonly CoreCitation[];
  /** Passages that qualify or contradict the citations ("Another view"); empty when abstaining. */
  readonly otherViews: readonly CoreCitation[];
  readonly analysis: QuestionAnalysis;
  /**
   * How strongly the corpus answers, comparable across stories (each share is 0..1 whatever the
   * corpus's size): the best passages' coverage of the question and of its topic. Zero when
   * abstaining. Routing a question among stories compares these.
   */
  readonly evidence: {
    readonly coverage: number;
    readonly topicCoverage: number;
    /** Share of the question's concepts the corpus uses at all. */
    readonly known: number;
  };
}

/** Answer sizes and thresholds; callers pass a partial, `resolveAnswerOptions` fills the rest. */
export interface AnswerOptions {
  readonly maxCitations: number;
  readonly snippetChars: number;
  /** Below this share of the question covered by the best passage, abstain. */
  readonly minCoverage: number;
  /** Below this share of the question's non-name words known to the corpus, abstain. */
  readonly minKnownShare: number;
  readonly weights: RankWeights;
}

/** Defaults, merged once with what the story config sets. */
export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  maxCitations: 5,
  snippetChars: 300,
  minCoverage: 0.3,
  minKnownShare: 0.5,
  weights: DEFAULT_RANK_WEIGHTS,
};

/** Merges partial options with the defaults. */
export function resolveAnswerOptions(partial: Partial<AnswerOptions> = {}): AnswerOptions {
  return {
    ...DEFAULT_ANSWER_OPTIONS,
    ...partial,
    weights: { ...DEFAULT_RANK_WEIGHTS, ...(partial.weights ?? {}) },
  };
}

/** Two or more meaningful words the corpus never uses: the question is about something else. */
const MAX_UNKNOWN_WORDS = 2;
/** Share of a yes/no question's words the best passages must cover. */
const YES_NO_TOPIC_COVERAGE = 0.75;
/** Abstention looks at the best coverage among this many top-ranked passages. */
const STRONGEST_OF = 10;

/** Share of a citation's word pairs another text must repeat for both to be one citation. */
const SAME_CITATION = 0.6;

/**
 * Answers a question from the index: ranks passages, abstains when the corpus does not cover
 * the question, and merges the same statement reported by several outlets into one citation.
 *
 * @example
 * answerQuestion(index, 'How many votes did Kanye get?').citations[0].snippet
 * // "West's highly publicized bid ... about 60,000 votes in a dozen states."
 */
export function answerQuestion(
  index: SearchIndex,
  question: string,
  options: AnswerOptions = DEFAULT_ANSWER_OPTIONS,
  /**
   * Stop once the evidence is known (the same abstention decision, no citations): routing a
   * question among many stories needs only that, and snippets cost as much as the ranking.
   */
  only: 'answer' | 'evidence' = 'answer',
): AnswerResult {
  const analysis = analyzeQuestion(question, index);
  const abstain = (reason: string): AnswerResult => ({
    abstained: true,
    reason,
    citations: [],
    otherViews: [],
    analysis,
    evidence: { coverage: 0, topicCoverage: 0, known: 0 },
  });

  if (analysis.concepts.length === 0) return abstain('the question has no words to look for');
  if (analysis.unknownNames.length > 0) {
    return abstain(`the corpus never mentions ${analysis.unknownNames.join(', ')}`);
  }
  const topical = analysis.concepts.filter((c) => !c.name);
  const missing = topical.filter((c) => !c.known).map((c) => c.word);
  const focusMissing = analysis.focus !== null && missing.includes(analysis.focus);
  if (
    focusMissing ||
    missing.length >= MAX_UNKNOWN_WORDS ||
    (topical.length > 0 && 1 - missing.length / topical.length < options.minKnownShare)
  ) {
    return abstain(`the corpus never uses ${missing.join(', ')}`);
  }
  const ranked = rankPassages(index, analysis, options.weights);
  const best = ranked[0];
  const top = ranked.slice(0, STRONGEST_OF);
  const strongest = Math.max(0, ...top.map((r) => r.coverage));
  const topicStrongest = Math.max(0, ...top.map((r) => r.topicCoverage));
  // A yes/no question is only answered by a passage that speaks of all it asks about.
  const topicNeeded = analysis.kind === 'yes-no' ? YES_NO_TOPIC_COVERAGE : Number.MIN_VALUE;
  if (
    !best ||
    strongest < options.minCoverage ||
    (topical.length > 0 && topicStrongest < topicNeeded)
  ) {
    return abstain('no passage covers enough of the question');
  }
  const known = analysis.concepts.filter((c) => c.known).length / analysis.concepts.length;
  const evidence = { coverage: strongest, topicCoverage: topicStrongest, known };
  if (only === 'evidence')
    return { abstained: false, reason: null, citations: [], otherViews: [], analysis, evidence };

  const weight = snippetWeigher(index, analysis);
  const citations: CoreCitation[] = [];
  const chosen: Signature[] = [];
  for (const candidate of ranked) {
    if (citations.length >= options.maxCitations) break;
    // Weak candidates would dilute the answer; keep those close to the best one.
    const shaped = candidate.signals.kind > 0 && candidate.coverage > 0;
    if ((candidate.coverage < options.minCoverage && !shaped) || candidate.score < best.score * 0.5)
      continue;
    // Asked for someone's words: another person's quotation is no answer.
    const speaker = index.speakers[candidate.passage] ?? null;
    if (
      analysis.wantsQuote &&
      analysis.subject.length > 0 &&
      speaker &&
      !speaksAs(index, speaker, analysis.subject)
    ) {
      continue;
    }
    // Beyond the lead, a citation must speak of the question's topic, not only its people.
    if (citations.length > 0 && topical.length > 0 && candidate.topicCoverage === 0) continue;
    const passage = index.passages[candidate.passage];
    if (!passage) continue;
    const own = signature(passage.displayText);
    // The same words with other numbers: shown as another view, not as a second citation.
    if (chosen.some((other) => numbersDisagree(own, other, SAME_CITATION))) continue;
    const duplicate = chosen.some(
      (other) =>
        signatureOverlap(own, other) >= SAME_CITATION ||
        signatureOverlap(other, own) >= SAME_CITATION,
    );
    if (duplicate) continue;
    const snippet = makeSnippet(passage.displayText, weight, options.snippetChars);
    const reporting = index.corroboration
      .sourcesReporting(snippetPieces(snippet).join(' '))
      .map((a) => index.articles[a]?.id ?? '')
      .filter((id) => id && id !== passage.source);
    citations.push({
      snippet,
      source: passage.source,
      sources: [passage.source, ...reporting],
      passage: passage.id,
      speaker: index.speakers[passage.id] ?? null,
    });
    chosen.push(own);
  }
  const otherViews = findOtherViews(index, citations, options.snippetChars);
  return {
    abstained: false,
    reason: null,
    citations,
    otherViews,
    analysis,
    evidence,
  };
}

/** True when one of `speaker`'s name forms is among the question subject's terms. */
function speaksAs(index: SearchIndex, speaker: string, subject: readonly string[]): boolean {
  const forms = index.names.find((n) => n.name === speaker)?.forms ?? [speaker.toLowerCase()];
  return forms.flatMap((f) => f.split(' ')).some((w) => subject.includes(index.lexicon.term(w)));
}

function snippetWeigher(index: SearchIndex, analysis: QuestionAnalysis): (word: string) => number {
  const weights = new Map<string, number>();
  for (const c of analysis.concepts) {
    for (const t of c.related) weights.set(t, Math.max(weights.get(t) ?? 0, 0.5));
    weights.set(c.term, 1);
  }
  return (token) => {
    const word = words(token)[0];
    if (!word || index.lexicon.isStopWord(word)) return 0;
    return weights.get(index.lexicon.term(word)) ?? 0;
  };
}
