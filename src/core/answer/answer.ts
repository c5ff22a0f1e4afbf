import {
  numbersDisagree,
  type Signature,
  signature,
  signatureOverlap,
} from '../search/corroboration.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { words } from '../text/fold.ts';
import {
  type AbstainModel,
  abstainFitFor,
  abstentionEvidence,
  answerProbability,
  STRONGEST_OF,
} from './abstain.ts';
import { bm25Idf, weightedTerms } from './evidence.ts';
import { findOtherViews } from './other-views.ts';
import { analyzeQuestion, type QuestionAnalysis } from './question.ts';
import {
  CANDIDATES,
  DEFAULT_RANK_WEIGHTS,
  EVIDENCE_CANDIDATES,
  type RankedPassage,
  type RankWeights,
  rankPassages,
} from './rank.ts';
import { ELLIPSIS, makeSnippet } from './snippet.ts';
import { FITTED_WEIGHTS } from './weights.ts';

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
    /** The abstention model's probability that the corpus answers the question. */
    readonly probability: number;
  };
}

/** Answer sizes and models; callers pass a partial, `resolveAnswerOptions` fills the rest. */
export interface AnswerOptions {
  readonly maxCitations: number;
  readonly snippetChars: number;
  /** Ranking weights (fitted; a story config may override some). */
  readonly weights: RankWeights;
  /** The abstention model (fitted). */
  readonly abstain: AbstainModel;
}

/** Defaults, merged once with what the story config sets. */
export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  maxCitations: 5,
  snippetChars: 400,
  weights: DEFAULT_RANK_WEIGHTS,
  abstain: FITTED_WEIGHTS.abstain,
};

/** Merges partial options with the defaults. */
export function resolveAnswerOptions(partial: Partial<AnswerOptions> = {}): AnswerOptions {
  return {
    ...DEFAULT_ANSWER_OPTIONS,
    ...partial,
    weights: { ...DEFAULT_RANK_WEIGHTS, ...(partial.weights ?? {}) },
    abstain: partial.abstain ?? DEFAULT_ANSWER_OPTIONS.abstain,
  };
}

/**
 * Share of a yes/no question's topic words (names aside) one of the best passages must hold.
 * A yes/no question states a claim; a passage that holds only part of it (`Did Bell sign with
 * another team?` against `Bell signed ...` and `the team ...` apart) neither confirms nor denies
 * it, and showing it as the answer would read as a confirmation.
 */
const YES_NO_TOPIC_COVERAGE = 0.75;
/**
 * A citation beyond the lead must be at least this likely relative to it (a difference of
 * scores on the log-odds scale): ln 1000, one thousandth as likely; weaker ones are noise.
 */
const CITATION_MARGIN = Math.log(1000);

/** Fewest characters of new text for a passage holding a citation's to be cited for the rest. */
const NEW_PART_CHARS = 20;

/**
 * The part of `text` outside the longest of `shown` it holds verbatim, when that part is long
 * enough to say something; null when it holds none (or nothing new beside it).
 */
export function newPart(text: string, shown: readonly string[]): string | null {
  let held = '';
  for (const s of shown) if (s.length > held.length && s !== text && text.includes(s)) held = s;
  if (!held) return null;
  const at = text.indexOf(held);
  const before = text.slice(0, at).trim();
  const after = text.slice(at + held.length).trim();
  const rest = after.length >= before.length ? after : before;
  return rest.length >= NEW_PART_CHARS ? rest : null;
}

/** A snippet of `part` (a piece of `whole`), with ellipses where `whole` goes on around it. */
function markCut(whole: string, part: string, snippet: string): string {
  const at = whole.indexOf(part);
  const open = at > 0 && !snippet.startsWith(ELLIPSIS) ? ELLIPSIS : '';
  const close = at + part.length < whole.length && !snippet.endsWith(ELLIPSIS) ? ELLIPSIS : '';
  return `${open}${snippet}${close}`;
}

/** Share of a citation's word pairs another text must repeat for both to be one citation. */
const SAME_CITATION = 0.6;

/**
 * A cheap estimate of how strongly a corpus answers a question, for shortlisting among many
 * stories before {@link answerQuestion} weighs the few that may answer: the share of the
 * question's words the corpus uses, plus the largest share of them one passage holds (0..2, the
 * scale of the routed evidence). Counts postings only: no ranking, no passage features, no word
 * vectors, no abstention model.
 *
 * @example
 * quickEvidence(index, 'How many votes did Kanye get?') // 1.67
 */
export function quickEvidence(index: SearchIndex, question: string): number {
  const analysis = analyzeQuestion(question, index);
  const concepts = analysis.concepts.length;
  if (concepts === 0) return 0;
  const terms = weightedTerms(index, analysis);
  // Per passage, how many of the question's terms it holds (a term once, whichever its form).
  const held = new Uint16Array(index.passages.length);
  const counted = new Int32Array(index.passages.length).fill(-1);
  let most = 0;
  terms.forEach((t, k) => {
    for (const form of [t.term, ...t.forms]) {
      for (const passage of index.postings.get(form) ?? []) {
        if (counted[passage] === k) continue;
        counted[passage] = k;
        const n = (held[passage] ?? 0) + 1;
        held[passage] = n;
        if (n > most) most = n;
      }
    }
  });
  return terms.length / concepts + most / concepts;
}

/**
 * The last question ranked on each index, so the same question asked again (a repeat, a page of
 * More sources) is not ranked again. Only for the same question, ranking weights and abstention
 * model (the options object is rebuilt per call; these parts are shared), and the ranking only
 * in the same mode: evidence alone (`only: 'evidence'`, routing) ranks
 * {@link EVIDENCE_CANDIDATES} candidates, an answer all of them, so the answer of a story
 * routing shows is the one the story gives when named (its first candidates' words are read by
 * then, which is much of a ranking's cost), and routing weighs every story on the same evidence.
 * The question's analysis is the same in both modes and is reused either way.
 */
const lastRanking = new WeakMap<
  SearchIndex,
  {
    readonly question: string;
    readonly weights: RankWeights;
    readonly abstain: AbstainModel;
    /** Ranked on every candidate, not only the first {@link EVIDENCE_CANDIDATES}. */
    readonly full: boolean;
    readonly analysis: QuestionAnalysis;
    readonly ranked: readonly RankedPassage[];
    readonly probability: number;
  }
>();

/**
 * Answers a question from the index: ranks passages, abstains when the evidence says the
 * corpus does not answer it, and merges the same statement reported by several outlets into
 * one citation.
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
   * Stop once the evidence is known (no citations), ranking only BM25's first
   * {@link EVIDENCE_CANDIDATES} proposals: routing a question among many stories needs only
   * that, and a full ranking and snippets cost several times as much.
   */
  only: 'answer' | 'evidence' = 'answer',
): AnswerResult {
  const full = only === 'answer';
  const last = lastRanking.get(index);
  const same =
    last?.question === question &&
    last.weights === options.weights &&
    last.abstain === options.abstain
      ? last
      : null;
  // The ranking is reused only in the same mode: the evidence of a full ranking reads 100
  // candidates, routing's 20, so reusing a full one for routing would weigh this story on other
  // evidence than the stories beside it, and a repeated question could be routed otherwise.
  const reuse = same?.full === full ? same : null;
  const analysis = same?.analysis ?? analyzeQuestion(question, index);
  const abstain = (reason: string): AnswerResult => ({
    abstained: true,
    reason,
    citations: [],
    otherViews: [],
    analysis,
    evidence: { coverage: 0, topicCoverage: 0, known: 0, probability: 0 },
  });

  if (analysis.concepts.length === 0) return abstain('the question has no words to look for');
  const ranked =
    reuse?.ranked ??
    rankPassages(index, analysis, options.weights, full ? CANDIDATES : EVIDENCE_CANDIDATES);
  const best = ranked[0];
  const missing = analysis.concepts.filter((c) => !c.known).map((c) => c.word);
  const model = abstainFitFor(index, options.abstain);
  const probability =
    reuse?.probability ?? answerProbability(model, abstentionEvidence(index, analysis, ranked));
  lastRanking.set(index, {
    ...options,
    question,
    full,
    analysis,
    ranked,
    probability,
  });
  if (!best || probability < model.threshold) {
    return abstain(
      missing.length > 0
        ? `the corpus never uses ${missing.join(', ')} (answer probability ${probability.toFixed(2)})`
        : `no passage holds enough of the question (answer probability ${probability.toFixed(2)})`,
    );
  }
  // `Was it A or B?` asks which, and its answer names one of the two: it is not a claim.
  const alternative = /\bor\b/i.test(question);
  if (
    analysis.kind === 'yes-no' &&
    !alternative &&
    analysis.concepts.some((c) => !c.name && c.known)
  ) {
    const topic = Math.max(0, ...ranked.slice(0, STRONGEST_OF).map((r) => r.topicCoverage));
    if (topic < YES_NO_TOPIC_COVERAGE)
      return abstain('no passage speaks of all the question asks about');
  }
  const top = ranked.slice(0, STRONGEST_OF);
  const evidence = {
    coverage: Math.max(0, ...top.map((r) => r.coverage)),
    topicCoverage: Math.max(0, ...top.map((r) => r.topicCoverage)),
    known: analysis.concepts.filter((c) => c.known).length / analysis.concepts.length,
    probability,
  };
  if (only === 'evidence')
    return { abstained: false, reason: null, citations: [], otherViews: [], analysis, evidence };

  const weight = snippetWeigher(index, analysis);
  const citations: CoreCitation[] = [];
  const chosen: Signature[] = [];
  const chosenTexts: string[] = [];
  for (const candidate of ranked) {
    if (citations.length >= options.maxCitations) break;
    // Weak candidates would dilute the answer; keep those close to the best one.
    if (candidate.score < best.score - CITATION_MARGIN) break;
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
    const passage = index.passages[candidate.passage];
    if (!passage) continue;
    // A passage shown over the sentence after a citation's (`Extension causes ...` + `This is
    // primarily accomplished through normal faulting ...`): its new part is cited on its own.
    const text = newPart(passage.displayText, chosenTexts) ?? passage.displayText;
    const own = signature(text);
    // The same words with other numbers: shown as another view, not as a second citation.
    if (chosen.some((other) => numbersDisagree(own, other, SAME_CITATION))) continue;
    const duplicate = chosen.some(
      (other) =>
        signatureOverlap(own, other) >= SAME_CITATION ||
        signatureOverlap(other, own) >= SAME_CITATION,
    );
    if (duplicate) continue;
    const cut = makeSnippet(text, weight, options.snippetChars);
    const snippet = text === passage.displayText ? cut : markCut(passage.displayText, text, cut);
    // Counted on the whole passage, not on the snippet: a statement is reported by the same
    // outlets in every answer, whichever words the snippet centres on.
    const reporting = index.corroboration
      .sourcesReporting(passage.text)
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
    chosenTexts.push(passage.displayText);
  }
  // Every citation of a `why` answer is a reason given, and a rebuttal of it is on topic
  // whatever its words; other answers' views must speak of what was asked.
  const about =
    analysis.kind === 'why'
      ? null
      : new Set(analysis.concepts.filter((c) => !c.name).flatMap((c) => [c.term, ...c.related]));
  const otherViews = findOtherViews(index, citations, options.snippetChars, about);
  return { abstained: false, reason: null, citations, otherViews, analysis, evidence };
}

/** True when a word of one of `speaker`'s name forms is among the question subject's terms. */
function speaksAs(index: SearchIndex, speaker: string, subject: readonly string[]): boolean {
  const forms = index.names.find((n) => n.name === speaker)?.forms ?? [speaker.toLowerCase()];
  // Split as the question's words are: `Saint-Pierre` is asked about as `saint` and `pierre`.
  return forms
    .flatMap((f) => f.split(/[\s\-‐–]+/))
    .some((w) => w && subject.includes(index.lexicon.term(w)));
}

/**
 * How much each word of a passage matters for its snippet: a question word by its rarity in the
 * corpus (idf, over that of the question's rarest word the corpus uses), a related word half as
 * much. A story's own subject is in every sentence and says nothing about where in a long one
 * the answer is.
 */
function snippetWeigher(index: SearchIndex, analysis: QuestionAnalysis): (word: string) => number {
  // A word the corpus never uses is rarest of all but is not in the passage: not the scale.
  const rarest = Math.max(
    0,
    ...analysis.concepts.filter((c) => c.known).map((c) => bm25Idf(index, c.term)),
  );
  const weights = new Map<string, number>();
  for (const c of analysis.concepts) {
    const own = rarest > 0 ? Math.min(1, bm25Idf(index, c.term) / rarest) : 1;
    for (const t of c.related) weights.set(t, Math.max(weights.get(t) ?? 0, own / 2));
    weights.set(c.term, Math.max(weights.get(c.term) ?? 0, own));
  }
  return (token) => {
    const word = words(token)[0];
    if (!word || index.lexicon.isStopWord(word)) return 0;
    return weights.get(index.lexicon.term(word)) ?? 0;
  };
}
