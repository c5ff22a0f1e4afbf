/**
 * The routing eval's data, shared by `npm run eval:routing` and `npm run fit:routing`: a library
 * of every story we have gold questions for (the seeds, our stadium story and squad-dev's 24
 * Wikipedia stories), split into a fit half (every other squad-dev story in name order, with the
 * seeds and stadium) and the other half, and each question's ranking of the stories.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Candidate, rankStories } from '../../src/commands/library.ts';
import { loadStory } from '../../src/commands/open.ts';
import { runCommand } from '../../src/commands/run.ts';
import type { Story } from '../../src/core/story.ts';
import { EVAL_CORPORA } from './corpora.ts';
import { type GoldQuestion, readGoldQuestions } from './questions-eval.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** squad-dev, from `RIFT_SQUAD_DEV`, default `../shared/eval/squad-dev` beside the checkout. */
export const SQUAD = resolve(ROOT, process.env.RIFT_SQUAD_DEV ?? '../shared/eval/squad-dev');

/** One story of the library with its gold questions. */
export interface Entry {
  readonly id: string;
  readonly story: Story;
  readonly questions: readonly GoldQuestion[];
  /** A squad-dev story (its questions are asked of the library without it, leave-one-out). */
  readonly squad: boolean;
}

/** Which half of the stories a story is in. */
export type Half = 'fit' | 'other';

/** Every story with gold questions; squad-dev is skipped (with a note) when absent. */
export function loadEntries(): Entry[] {
  const entries: Entry[] = EVAL_CORPORA.map((c) => ({
    id: c.name,
    story: c.load(),
    questions: readGoldQuestions(c.questions),
    squad: false,
  }));
  if (!existsSync(SQUAD)) {
    process.stderr.write(`routing: ${SQUAD} not found; squad-dev skipped\n`);
    return entries;
  }
  for (const name of readdirSync(SQUAD).sort()) {
    const dir = join(SQUAD, name);
    if (!statSync(dir).isDirectory()) continue;
    entries.push({
      id: name,
      story: loadStory({ corpus: dir }),
      questions: readGoldQuestions(join(SQUAD, `${name}.json`)),
      squad: true,
    });
  }
  return entries;
}

/** The half of each story: every other squad-dev story (in name order) is fit, from the first; the rest are fit. */
export function halves(entries: readonly Entry[]): (id: string) => Half {
  const squad = entries.filter((e) => e.squad).map((e) => e.id);
  return (id) => (squad.indexOf(id) % 2 === 1 ? 'other' : 'fit');
}

/** A question's stories, ranked (see `rankStories`). */
export interface Ranking {
  readonly question: string;
  readonly half: Half;
  /** The question's own story. */
  readonly own: string;
  readonly ranked: readonly Candidate[];
}

/** The rankings the routing rules are fitted and measured on. */
export interface Rankings {
  /** Each answerable gold question its own story answers alone, ranked over the whole library. */
  readonly inCorpus: readonly Ranking[];
  /**
   * The same questions of squad-dev stories, ranked by the library without their own story
   * (leave-one-out).
   */
  readonly withoutOwn: readonly Ranking[];
  /** The seeds' and stadium's questions marked `abstain` (of no story), over the whole library. */
  readonly foreign: readonly Ranking[];
}

/**
 * Ranks every gold question over the library (the costly part: minutes for squad-dev). `visit`
 * sees each answerable question once, after it is ranked, with whether its own story answers it
 * alone: the routing eval asks the library those, on the evidence the ranking left cached.
 */
export function collectRankings(
  entries: readonly Entry[],
  visit?: (entry: Entry, question: string, answeredAlone: boolean) => void,
): Rankings {
  const stories = new Map(entries.map((e) => [e.id, e.story]));
  const half = halves(entries);
  const inCorpus: Ranking[] = [];
  const withoutOwn: Ranking[] = [];
  const foreign: Ranking[] = [];
  for (const entry of entries) {
    const others = new Map([...stories].filter(([id]) => id !== entry.id));
    for (const q of entry.questions) {
      if (q.abstain) {
        if (!entry.squad)
          foreign.push({
            question: q.q,
            half: half(entry.id),
            own: entry.id,
            ranked: rankStories(stories, q.q),
          });
        continue;
      }
      const ranked = rankStories(stories, q.q);
      // As the routing table counts: questions the story answers alone, its own story ranked
      // or not (one the shortlist leaves out is a miss for every rule).
      const alone = runCommand(entry.story, { name: 'ask', question: q.q, private: false });
      visit?.(entry, q.q, alone.kind === 'answer');
      if (alone.kind !== 'answer') continue;
      const ranking = { question: q.q, half: half(entry.id), own: entry.id, ranked };
      inCorpus.push(ranking);
      // Cheap: each story's evidence for this question is reused from the ranking above.
      if (entry.squad) withoutOwn.push({ ...ranking, ranked: rankStories(others, q.q) });
    }
  }
  return { inCorpus, withoutOwn, foreign };
}

/** A routing rule: the story a ranking is routed to, or null for a refusal. */
export type Rule = (ranked: readonly Candidate[]) => string | null;

/** What a rule does on one half: own-story routing, wrong story, refused; leave-one-out refused. */
export interface RuleScores {
  readonly own: number;
  readonly wrong: number;
  readonly refused: number;
  readonly leaveOneOutRefused: number;
  readonly questions: number;
  readonly leaveOneOut: number;
}

/** Scores a rule on one half's rankings (shares, 0..1). */
export function scoreRule(rankings: Rankings, half: Half, rule: Rule): RuleScores {
  const ins = rankings.inCorpus.filter((r) => r.half === half);
  const loo = rankings.withoutOwn.filter((r) => r.half === half);
  let own = 0;
  let wrong = 0;
  for (const r of ins) {
    const to = rule(r.ranked);
    if (to === r.own) own += 1;
    else if (to !== null) wrong += 1;
  }
  const refused = loo.filter((r) => rule(r.ranked) === null).length;
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    own: share(own, ins.length),
    wrong: share(wrong, ins.length),
    refused: share(ins.length - own - wrong, ins.length),
    leaveOneOutRefused: share(refused, loo.length),
    questions: ins.length,
    leaveOneOut: loo.length,
  };
}

/**
 * The rule before the fitted routing model: stories ranked by answer probability alone (ties by
 * topic coverage, then listing order, `order`); a routed answer needs 0.4, and under 0.9 a lead
 * of 0.1 over the next story. Kept as the baseline the fitted rule is shown beside.
 */
export function previousRule(order: ReadonlyMap<string, number>): Rule {
  return (ranked) => {
    const byProbability = [...ranked].sort(
      (a, b) =>
        b.probability - a.probability ||
        b.topicCoverage - a.topicCoverage ||
        (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
    const best = byProbability[0];
    if (!best || best.probability < 0.4) return null;
    const lead = best.probability - (byProbability[1]?.probability ?? 0);
    if (best.probability < 0.9 && lead < 0.1) return null;
    return best.id;
  };
}
