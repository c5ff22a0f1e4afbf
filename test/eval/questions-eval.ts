import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { createRift } from '../../src/commands/open.ts';
import { whyQuestion } from '../../src/commands/run.ts';
import type { Story } from '../../src/core/story.ts';
import { fold } from '../../src/core/text/fold.ts';

/** One gold question: expected phrases, or `abstain: true`. */
export interface GoldQuestion {
  readonly q: string;
  readonly expect?: readonly string[];
  readonly abstain?: boolean;
}

/** Scores of one system on one question set. */
export interface QuestionScores {
  readonly answerable: number;
  readonly passAt1: number;
  readonly passAt3: number;
  /** Share of out-of-corpus questions abstained. */
  readonly abstention: number;
  /** Answerable questions wrongly abstained. */
  readonly falseAbstentions: number;
  /** Per question: rank of the first passing citation (1-based), 0 for none, 'abstained'. */
  readonly details: readonly {
    readonly q: string;
    readonly rank: number | 'abstained';
    readonly expectAbstain: boolean;
  }[];
}

/** Reads a gold question file (`{questions: [...]}`). */
export function readGoldQuestions(path: string): GoldQuestion[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { questions: GoldQuestion[] }).questions;
}

/**
 * Folding used by the gold data: case, curly quotes to straight, dashes to `-`, white space
 * runs to one space. Ellipses stay as they are so a cut snippet cannot pass on its stub.
 */
export function foldForGold(text: string): string {
  return fold(text).replace(/\.\.\./g, '…');
}

/** Scores ranked citation lists (or null for an abstention) against gold questions. */
export function score(
  gold: readonly GoldQuestion[],
  answer: (q: string) => readonly string[] | null,
): QuestionScores {
  let answerable = 0;
  let p1 = 0;
  let p3 = 0;
  let outOfCorpus = 0;
  let abstained = 0;
  let falseAbstentions = 0;
  const details: { q: string; rank: number | 'abstained'; expectAbstain: boolean }[] = [];
  for (const g of gold) {
    const citations = answer(g.q);
    if (g.abstain) {
      outOfCorpus++;
      if (citations === null) abstained++;
      details.push({ q: g.q, rank: citations === null ? 'abstained' : 0, expectAbstain: true });
      continue;
    }
    answerable++;
    if (citations === null) {
      falseAbstentions++;
      details.push({ q: g.q, rank: 'abstained', expectAbstain: false });
      continue;
    }
    const expect = (g.expect ?? []).map(foldForGold);
    const index = citations.findIndex((c) => expect.some((e) => foldForGold(c).includes(e)));
    if (index === 0) p1++;
    if (index >= 0 && index < 3) p3++;
    details.push({ q: g.q, rank: index + 1, expectAbstain: false });
  }
  return {
    answerable,
    passAt1: answerable ? p1 / answerable : 0,
    passAt3: answerable ? p3 / answerable : 0,
    abstention: outOfCorpus ? abstained / outOfCorpus : 1,
    falseAbstentions,
    details,
  };
}

/** rift's own answers: `why` is the story's main question. */
export function evaluateRift(story: Story, gold: readonly GoldQuestion[]): QuestionScores {
  const rift = createRift(story);
  return score(gold, (q) => {
    const reply =
      q === 'why'
        ? rift.run({ name: 'why', private: false })
        : rift.run({ name: 'ask', question: q, private: false });
    return reply.kind === 'answer' ? reply.citations.map((c) => c.snippet) : null;
  });
}

/**
 * The baseline: plain minisearch with default options over the raw paragraphs (lines) of the
 * same files, top paragraphs as citations; it abstains only when nothing matches.
 */
export function evaluateBaseline(story: Story, gold: readonly GoldQuestion[]): QuestionScores {
  const paragraphs = story.corpus.articles.flatMap((a) =>
    a.raw
      .split('\n')
      .map((text) => text.trim())
      .filter(Boolean),
  );
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  search.addAll(paragraphs.map((text, id) => ({ id, text })));
  return score(gold, (q) => {
    const question = q === 'why' ? whyQuestion(story) : q;
    const results = search.search(question);
    return results.length === 0
      ? null
      : results.slice(0, 5).map((r) => paragraphs[r.id as number] ?? '');
  });
}
