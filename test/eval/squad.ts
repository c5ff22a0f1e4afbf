/**
 * The squad-dev evaluation: stories built from half of the SQuAD v1.1 development set (kept
 * outside the repository, see its README), scored for rift through the same command the CLI's
 * `rift ask --json` runs, beside a textbook BM25 measured in the same run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRift, loadStory } from '../../src/commands/open.ts';
import type { Story } from '../../src/core/story.ts';
import { createBm25 } from './bm25.ts';
import { foldForGold, type GoldQuestion } from './questions-eval.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Where the data is looked for unless `--squad DIR` or `RIFT_SQUAD_DEV` says otherwise. */
export const DEFAULT_SQUAD_DIR = resolve(ROOT, '../shared/eval/squad-dev');

/** The data folder: `--squad DIR`, then `RIFT_SQUAD_DEV`, then the default. */
export function squadDir(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const flag = argv.indexOf('--squad');
  const given = flag >= 0 ? argv[flag + 1] : undefined;
  return resolve(given ?? env.RIFT_SQUAD_DEV ?? DEFAULT_SQUAD_DIR);
}

/** One story of the set: its corpus folder and its questions. */
export interface SquadStory {
  readonly title: string;
  readonly corpus: string;
  readonly questions: readonly GoldQuestion[];
}

/** The stories of a squad-dev folder, by title; empty when the folder does not exist. */
export function readSquadStories(dir: string): SquadStory[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const title = name.slice(0, -'.json'.length);
      const corpus = join(dir, title);
      if (!existsSync(corpus) || !statSync(corpus).isDirectory()) return [];
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        questions: GoldQuestion[];
      };
      return [{ title, corpus, questions: data.questions }];
    });
}

/** Why a question was missed at rank 1, from the most to the least specific. */
export type MissKind =
  | 'wrong abstention'
  | 'ranked 2-3'
  | 'outside snippet window'
  | 'in neighbour sentence'
  | 'not in top 3, BM25 had it'
  | 'not in top 3'
  | 'foreign answered';

/** One question's outcome for one system. */
export interface Outcome {
  readonly q: string;
  readonly foreign: boolean;
  /** The citations' snippets, as shown; null when the system abstained. */
  readonly snippets: readonly string[] | null;
  /** 1-based rank of the first snippet holding a gold answer, 0 for none. */
  readonly rank: number;
}

/** Aggregated figures of one system on a set of outcomes. */
export interface SquadScores {
  readonly answerable: number;
  readonly foreign: number;
  readonly passAt1: number;
  readonly passAt3: number;
  /** Answerable questions abstained, as a share of the answerable. */
  readonly wrongAbstentions: number;
  /** Foreign questions abstained (a count). */
  readonly foreignAbstained: number;
  /** Mean length in characters of the snippets shown (first three per answer). */
  readonly meanSnippetChars: number;
}

/** 1-based rank of the first text holding one of the expected answers (folded), 0 for none. */
export function goldRank(texts: readonly string[], expect: readonly string[]): number {
  const wanted = expect.map(foldForGold);
  return texts.findIndex((t) => wanted.some((e) => foldForGold(t).includes(e))) + 1;
}

/** Runs one system over gold questions. `answer` returns snippets, or null to abstain. */
export function outcomes(
  gold: readonly GoldQuestion[],
  answer: (q: string) => readonly string[] | null,
): Outcome[] {
  return gold.map((g) => {
    const snippets = answer(g.q);
    const foreign = g.abstain === true;
    const rank = snippets && !foreign ? goldRank(snippets.slice(0, 3), g.expect ?? []) : 0;
    return { q: g.q, foreign, snippets, rank };
  });
}

/** The figures of a list of outcomes. */
export function scoreOutcomes(list: readonly Outcome[]): SquadScores {
  const answerable = list.filter((o) => !o.foreign);
  const foreign = list.filter((o) => o.foreign);
  const shown = answerable.flatMap((o) => (o.snippets ?? []).slice(0, 3));
  const share = (n: number) => (answerable.length ? n / answerable.length : 0);
  return {
    answerable: answerable.length,
    foreign: foreign.length,
    passAt1: share(answerable.filter((o) => o.rank === 1).length),
    passAt3: share(answerable.filter((o) => o.rank >= 1 && o.rank <= 3).length),
    wrongAbstentions: share(answerable.filter((o) => o.snippets === null).length),
    foreignAbstained: foreign.filter((o) => o.snippets === null).length,
    meanSnippetChars: shown.length ? shown.reduce((a, s) => a + s.length, 0) / shown.length : 0,
  };
}

/** rift's answer to a question as a user sees it: the citations' snippets, or null. */
export function riftAnswerer(story: Story): (q: string) => string[] | null {
  const rift = createRift(story);
  return (q) => {
    const reply = rift.run({ name: 'ask', question: q, private: false });
    return reply.kind === 'answer' ? reply.citations.map((c) => c.snippet) : null;
  };
}

/**
 * The BM25 baseline's answer: its top three sentences. BM25 has no notion of abstaining: a
 * question sharing no word with the story gets no sentence, which scores as a miss, not as an
 * abstention.
 */
export function bm25Answerer(story: Story): (q: string) => string[] {
  const bm25 = createBm25(story.corpus.articles.map((a) => a.raw));
  return (q) => bm25.search(q);
}

/**
 * Sorts one of rift's misses into a kind, so the next change aims at the biggest group.
 * `sentences` are the story's sentences in corpus order, `baseline` BM25's outcome.
 */
export function missKind(
  outcome: Outcome,
  expect: readonly string[],
  sentences: readonly { readonly source: string; readonly text: string }[],
  baseline: Outcome,
): MissKind | null {
  if (outcome.foreign) return outcome.snippets === null ? null : 'foreign answered';
  if (outcome.snippets === null) return 'wrong abstention';
  if (outcome.rank === 1) return null;
  if (outcome.rank > 1) return 'ranked 2-3';
  const wanted = expect.map(foldForGold);
  const holds = (text: string) => wanted.some((e) => foldForGold(text).includes(e));
  // The sentences the first three snippets were cut from, and their neighbours.
  const cited = outcome.snippets.slice(0, 3).flatMap((snippet) => {
    const piece = snippet.replace(/^…/, '').split('…')[0]?.trim() ?? '';
    const at = sentences.findIndex((s) => s.text.includes(piece) || piece.includes(s.text));
    return at >= 0 ? [at] : [];
  });
  const window = (at: number, span: number) =>
    sentences
      .slice(Math.max(0, at - span), at + span + 1)
      .filter((s) => s.source === sentences[at]?.source)
      .map((s) => s.text);
  if (cited.some((at) => window(at, 0).some(holds) || holds(window(at, 1).join(' '))))
    return cited.some((at) => window(at, 0).some(holds))
      ? 'outside snippet window'
      : 'in neighbour sentence';
  if (baseline.rank >= 1 && baseline.rank <= 3) return 'not in top 3, BM25 had it';
  return 'not in top 3';
}

/** Per story: both systems' outcomes and rift's misses by kind. */
export interface SquadStoryResult {
  readonly title: string;
  readonly rift: readonly Outcome[];
  readonly bm25: readonly Outcome[];
  readonly misses: ReadonlyMap<MissKind, readonly string[]>;
}

/** Evaluates one story: rift and BM25 over the same files, misses sorted by kind. */
export function evaluateSquadStory(story: SquadStory): SquadStoryResult {
  const loaded = loadStory({ corpus: story.corpus, cache: false });
  const rift = outcomes(story.questions, riftAnswerer(loaded));
  const bm25 = outcomes(story.questions, bm25Answerer(loaded));
  const sentences = loaded.corpus.articles.flatMap((a) =>
    a.sentences.map((s) => ({ source: a.id, text: s.text })),
  );
  const misses = new Map<MissKind, string[]>();
  rift.forEach((o, i) => {
    const kind = missKind(o, story.questions[i]?.expect ?? [], sentences, bm25[i] as Outcome);
    if (kind) misses.set(kind, [...(misses.get(kind) ?? []), o.q]);
  });
  return { title: story.title, rift, bm25, misses };
}
