/**
 * Turns squad-dev stories into fitting data: for each question asked of a story, the candidate
 * passages rift proposes with their evidence vectors, which of them hold a gold answer, and the
 * question-level evidence for abstention. Questions of other stories asked of a story are the
 * foreign examples abstention is fitted on (the set's own foreign questions are kept for
 * reporting).
 */
import { loadStory } from '../../../src/commands/open.ts';
import { whyQuestion } from '../../../src/commands/run.ts';
import { type QuestionEvidence, questionEvidence } from '../../../src/core/answer/abstain.ts';
import {
  candidateEvidence,
  candidatePassages,
  featureIndex,
  paragraphOf,
  RANK_FEATURES,
  unknownNearness,
  weightedTerms,
} from '../../../src/core/answer/evidence.ts';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { CANDIDATES, topicalConcepts, topicShare } from '../../../src/core/answer/rank.ts';
import type { SearchIndex } from '../../../src/core/search/search-index.ts';
import { EVAL_CORPORA } from '../corpora.ts';
import { foldForGold, type GoldQuestion, readGoldQuestions } from '../questions-eval.ts';
import type { SquadStory } from '../squad.ts';
import type { RankingGroup } from './softmax.ts';

/** A question asked of a story: its ranking group and its question-level evidence. */
export interface AskedQuestion extends RankingGroup {
  readonly q: string;
  /** True for the story's own question, false for one from another story. */
  readonly answerable: boolean;
  readonly question: QuestionEvidence;
  /** Per candidate: share of the question's topic its own words hold. */
  readonly topic: Float32Array;
  /** Per candidate: the paragraph it belongs to. */
  readonly para: Uint32Array;
  /** Per candidate: `unknownNearness`, for abstention. */
  readonly unknownNear: Float32Array;
}

/** A story's questions, ready for fitting. */
export interface StoryData {
  readonly title: string;
  /** Its own answerable questions. */
  readonly own: readonly AskedQuestion[];
  /** Questions of other stories asked of it. */
  readonly foreign: readonly AskedQuestion[];
}

/** How many questions each other story lends as foreign questions. */
const FOREIGN_PER_SOURCE = 20;

/** One question asked of an index. */
export function askQuestion(
  index: SearchIndex,
  gold: GoldQuestion,
  answerable: boolean,
  weight = 1,
): AskedQuestion {
  const dims = RANK_FEATURES.length;
  const analysis = analyzeQuestion(gold.q, index);
  const terms = weightedTerms(index, analysis);
  const candidates = terms.length > 0 ? candidatePassages(index, terms, CANDIDATES) : [];
  const vectors = candidateEvidence(index, analysis, terms, candidates);
  const features = new Float32Array(candidates.length * dims);
  const positive = new Uint8Array(candidates.length);
  const topical = topicalConcepts(analysis);
  const topic = Float32Array.from(candidates, (c) => topicShare(index, topical, c.passage));
  const wanted = (gold.expect ?? []).map(foldForGold);
  candidates.forEach((c, r) => {
    features.set(vectors[r] as Float64Array, r * dims);
    if (!answerable) return;
    const text = foldForGold(index.passages[c.passage]?.displayText ?? '');
    positive[r] = wanted.some((w) => text.includes(w)) ? 1 : 0;
  });
  return {
    q: gold.q,
    features,
    rows: candidates.length,
    positive,
    weight,
    answerable,
    question: questionEvidence(index, analysis),
    topic,
    para: Uint32Array.from(candidates, (c) => paragraphOf(index, c.passage)),
    unknownNear: Float32Array.from(candidates, (c) => unknownNearness(index, analysis, c.passage)),
  };
}

/**
 * Builds every story and asks it its own questions and some of the questions of the stories
 * `sources(i)` names (by position), skipping any of the set's official foreign questions.
 */
export function buildData(
  stories: readonly SquadStory[],
  sources: (i: number) => readonly number[],
  log: (line: string) => void = () => {},
): StoryData[] {
  const official = new Set(
    stories.flatMap((s) => s.questions.filter((q) => q.abstain).map((q) => q.q)),
  );
  return stories.map((squad, i) => {
    const started = Date.now();
    const { index } = loadStory({ corpus: squad.corpus, cache: false });
    const own = squad.questions.filter((q) => !q.abstain).map((q) => askQuestion(index, q, true));
    const foreign = sources(i).flatMap((j) => {
      const pool = (stories[j]?.questions ?? []).filter((q) => !q.abstain && !official.has(q.q));
      const step = Math.max(1, Math.floor(pool.length / FOREIGN_PER_SOURCE));
      return pool
        .filter((_, k) => k % step === 0)
        .slice(0, FOREIGN_PER_SOURCE)
        .map((q) => askQuestion(index, { q: q.q }, false));
    });
    log(
      `  ${squad.title}: ${own.length} questions, ${foreign.length} foreign (${Date.now() - started} ms)`,
    );
    return { title: squad.title, own, foreign };
  });
}

/** Best-first rows of a group under weights, with each row's reach and coverage. */
export function topRows(
  group: AskedQuestion,
  scores: Float64Array,
  count: number,
): {
  reach: number;
  coverage: number;
  paragraph: number;
  topicCoverage: number;
  score: number;
  unknownNear: number;
}[] {
  const dims = RANK_FEATURES.length;
  const at = (r: number, name: Parameters<typeof featureIndex>[0]) =>
    group.features[r * dims + featureIndex(name)] ?? 0;
  return [...scores.keys()]
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    .slice(0, count)
    .map((r) => ({
      coverage: at(r, 'coverage'),
      paragraph: at(r, 'paragraph'),
      score: scores[r] ?? 0,
      topicCoverage: group.topic[r] ?? 0,
      unknownNear: group.unknownNear[r] ?? 0,
      reach: at(r, 'coverage') + at(r, 'related') + at(r, 'before') + at(r, 'after'),
    }));
}

/**
 * The project's own news stories (the seeds and the stadium story) as fitting data, one entry
 * per story: squad-dev has one outlet per story and few quotations, so agreement and
 * attribution can only be learnt here. Its out-of-corpus questions are its foreign ones.
 */
export function newsData(): StoryData[] {
  return EVAL_CORPORA.filter((corpus) => corpus.questions).map((corpus) => {
    const story = corpus.load();
    const gold = readGoldQuestions(corpus.questions);
    const ask = (g: GoldQuestion, answerable: boolean) =>
      askQuestion(story.index, { ...g, q: g.q === 'why' ? whyQuestion(story) : g.q }, answerable);
    return {
      title: corpus.name,
      own: gold.filter((g) => !g.abstain).map((g) => ask(g, true)),
      foreign: gold.filter((g) => g.abstain).map((g) => ask(g, false)),
    };
  });
}
