/**
 * `npm run fit:routing`: fits the routing model (src/commands/routing-model.ts) and writes it,
 * with the date, the data and the scores, to `config/routing-weights.json`. Rerun it after
 * `npm run fit` changes the answer core's abstention model (the story strength is built on its
 * probabilities); `--dry-run` only prints.
 *
 * Fitted on the fit half of the routing eval's stories only (see routing-data.ts), and shown on
 * both halves beside the previous rule and the ablations, each chosen the same way:
 *
 * 1. Story strength: a logistic model over each story that answers a question (the logit of its
 *    answer probability, the log of its distinctiveness), positive for the question's own story. Fitted
 *    with both classes weighing equally, then its bias shifted back by the log of the classes'
 *    ratio, so a strength is a probability at the data's own mix.
 * 2. Routing: a logistic model over the rankings by that strength (the logits of the best story's
 *    strength and the runner-up's; the best story's answer probability, distinctiveness,
 *    coverage, topic coverage, known share and unknown names; the log of the number of stories
 *    answering), positive for a question its own story comes first for, negative for every
 *    question asked of the library without its own story (leave-one-out).
 * 3. Threshold: the highest routed probability that keeps the fit half's own-story routing at
 *    `TARGET_OWN_STORY` (the issue's target) or more: the most refusals for that.
 *
 * `RIFT_SQUAD_DEV` points at squad-dev.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Candidate } from '../../src/commands/library.ts';
import {
  logit,
  parseRoutingWeights,
  ROUTE_TERMS,
  type RoutingWeights,
  routedProbability,
  routeFeatures,
  storyStrength,
} from '../../src/commands/routing-model.ts';
import { type Example, fitLogistic } from './fit/logistic.ts';
import {
  collectRankings,
  type Half,
  loadEntries,
  previousRule,
  type Ranking,
  type Rankings,
  type Rule,
  type RuleScores,
  scoreRule,
} from './routing-data.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = resolve(ROOT, 'config/routing-weights.json');

/** Own-story routing the threshold keeps on the fit half (the issue's target). */
export const TARGET_OWN_STORY = 0.95;
const ITERATIONS = 3000;
const LEARNING_RATE = 0.05;
const L2 = 1e-4;

type StoryWeights = RoutingWeights['story'];
type RouteWeights = Omit<RoutingWeights['route'], 'threshold'>;
type RouteTerm = (typeof ROUTE_TERMS)[number];

/** The parts of the model an ablation keeps. */
interface Variant {
  readonly name: string;
  readonly distinctiveness: boolean;
  /** The routing model's terms it uses (the others are held at 0). */
  readonly route: readonly RouteTerm[];
}

/** The best story's own evidence, beside its strength. */
const BEST_EVIDENCE: readonly RouteTerm[] = [
  'probability',
  'distinctiveness',
  'coverage',
  'topicCoverage',
  'known',
  'unknownNames',
];

/** The rule routing used before the best story's evidence and the count of stories answering. */
const PREVIOUS_RIFT = 'probability + distinctiveness, runner-up (previous rift)';
const RIFT = 'probability + distinctiveness, runner-up, best evidence, answering (rift)';

const VARIANTS: readonly Variant[] = [
  { name: 'answer probability', distinctiveness: false, route: ['best'] },
  { name: 'answer probability, runner-up', distinctiveness: false, route: ['best', 'runnerUp'] },
  { name: 'probability + distinctiveness', distinctiveness: true, route: ['best'] },
  { name: PREVIOUS_RIFT, distinctiveness: true, route: ['best', 'runnerUp'] },
  {
    name: 'probability + distinctiveness, runner-up, answering',
    distinctiveness: true,
    route: ['best', 'runnerUp', 'answering'],
  },
  {
    name: 'probability + distinctiveness, runner-up, best evidence',
    distinctiveness: true,
    route: ['best', 'runnerUp', ...BEST_EVIDENCE],
  },
  {
    name: RIFT,
    distinctiveness: true,
    route: ['best', 'runnerUp', ...BEST_EVIDENCE, 'answering'],
  },
];

function fitStory(rankings: Rankings, variant: Variant): StoryWeights {
  const examples: Example[] = [];
  for (const r of rankings.inCorpus) {
    if (r.half !== 'fit') continue;
    for (const c of r.ranked)
      examples.push({
        x: Float64Array.of(
          logit(c.probability),
          variant.distinctiveness ? Math.log(Math.max(0.001, c.distinctiveness)) : 0,
        ),
        y: c.id === r.own ? 1 : 0,
      });
  }
  const model = fitLogistic(examples, 2, ITERATIONS, LEARNING_RATE, L2);
  const positives = examples.filter((e) => e.y === 1).length;
  const negatives = examples.length - positives;
  return {
    bias: round(model.bias + Math.log(positives / Math.max(1, negatives))),
    probability: round(model.w[0] ?? 0),
    distinctiveness: round(model.w[1] ?? 0),
  };
}

/** The candidates re-ranked by a story model's strength (ties as `rankStories` breaks them). */
function rerank(
  ranked: readonly Candidate[],
  story: StoryWeights,
  order: ReadonlyMap<string, number>,
): Candidate[] {
  const none = Object.fromEntries(ROUTE_TERMS.map((t) => [t, 0])) as Record<RouteTerm, number>;
  const weights = { story, route: { bias: 0, ...none, threshold: 0 } };
  return ranked
    .map((c) => ({ ...c, strength: storyStrength(weights, c.probability, c.distinctiveness) }))
    .sort(
      (a, b) =>
        b.strength - a.strength ||
        b.topicCoverage - a.topicCoverage ||
        (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
}

/** The routing model's features, the terms a variant leaves out held at 0. */
function variantFeatures(ranked: readonly Candidate[], variant: Variant): Float64Array | null {
  const x = routeFeatures(ranked);
  if (!x) return null;
  ROUTE_TERMS.forEach((t, i) => {
    if (!variant.route.includes(t)) x[i] = 0;
  });
  return x;
}

function fitRoute(rankings: Rankings, variant: Variant): RouteWeights {
  const examples: Example[] = [];
  const push = (ranked: readonly Candidate[], y: 0 | 1) => {
    const x = variantFeatures(ranked, variant);
    if (x) examples.push({ x, y });
  };
  for (const r of rankings.inCorpus)
    if (r.half === 'fit' && r.ranked[0]?.id === r.own) push(r.ranked, 1);
  for (const r of rankings.withoutOwn) if (r.half === 'fit') push(r.ranked, 0);
  const model = fitLogistic(examples, ROUTE_TERMS.length, ITERATIONS, LEARNING_RATE, L2);
  const weights = Object.fromEntries(
    ROUTE_TERMS.map((t, i) => [t, variant.route.includes(t) ? round(model.w[i] ?? 0) : 0]),
  ) as Record<RouteTerm, number>;
  return { bias: round(model.bias), ...weights };
}

/** The rankings re-ranked by a story model. */
function reranked(rankings: Rankings, story: StoryWeights, order: ReadonlyMap<string, number>) {
  const map = (rs: readonly Ranking[]) =>
    rs.map((r) => ({ ...r, ranked: rerank(r.ranked, story, order) }));
  return {
    inCorpus: map(rankings.inCorpus),
    withoutOwn: map(rankings.withoutOwn),
    foreign: map(rankings.foreign),
  };
}

/** A rule of the fitted model at a threshold, on rankings already ranked by its strength. */
function fittedRule(weights: RoutingWeights): Rule {
  return (ranked) => {
    const best = ranked[0];
    if (!best) return null;
    return routedProbability(weights, ranked) < weights.route.threshold ? null : best.id;
  };
}

/** The highest threshold keeping the fit half's own-story routing at the target. */
function chooseThreshold(
  rankings: Rankings,
  weights: Omit<RoutingWeights, 'route'> & { route: RouteWeights },
): number {
  const fit = rankings.inCorpus.filter((r) => r.half === 'fit');
  const right = fit
    .filter((r) => r.ranked[0]?.id === r.own)
    .map((r) =>
      routedProbability({ ...weights, route: { ...weights.route, threshold: 0 } }, r.ranked),
    )
    .sort((a, b) => b - a);
  const need = Math.ceil(TARGET_OWN_STORY * fit.length);
  if (right.length < need) return 0;
  // Rounded down, so the written threshold keeps what the exact one does.
  return Math.floor((right[need - 1] ?? 0) * 1e4) / 1e4;
}

/** Weights are written to 4 decimals, and used so rounded when the threshold is chosen. */
const round = (x: number) => Math.round(x * 1e4) / 1e4;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function row(name: string, rankings: Rankings, rule: Rule): string {
  const cells = (['fit', 'other'] as Half[]).map((h) => {
    const s: RuleScores = scoreRule(rankings, h, rule);
    return `${pct(s.own)} | ${pct(s.wrong)} | ${pct(s.refused)} | ${pct(s.leaveOneOutRefused)}`;
  });
  const foreign = rankings.foreign.filter((r) => rule(r.ranked) === null).length;
  return `| ${name} | ${cells.join(' | ')} | ${foreign} of ${rankings.foreign.length} |`;
}

/** Own-story routing levels the trade-off table reads leave-one-out refusals at. */
const CURVE_LEVELS = [0.97, 0.965, 0.96, 0.955, 0.95, 0.94, 0.92];

/**
 * Leave-one-out refused, per half, with the threshold set on that half to keep its own-story
 * routing at each of {@link CURVE_LEVELS} ('-' where never refusing falls short): a rule's
 * trade-off, whatever threshold the fit half picks.
 */
function tradeOffRow(name: string, rankings: Rankings, weights: RoutingWeights): string {
  const open = { ...weights, route: { ...weights.route, threshold: 0 } };
  const cells = (['fit', 'other'] as Half[]).flatMap((h) => {
    const ins = rankings.inCorpus.filter((r) => r.half === h);
    const right = ins
      .filter((r) => r.ranked[0]?.id === r.own)
      .map((r) => routedProbability(open, r.ranked))
      .sort((a, b) => b - a);
    const loo = rankings.withoutOwn
      .filter((r) => r.half === h)
      .map((r) => (r.ranked.length === 0 ? -1 : routedProbability(open, r.ranked)));
    return CURVE_LEVELS.map((level) => {
      const t = right[Math.ceil(level * ins.length) - 1];
      if (t === undefined) return '-';
      return pct(loo.filter((p) => p < t).length / Math.max(1, loo.length));
    });
  });
  return `| ${name} | ${cells.join(' | ')} |`;
}

function main(): void {
  const dryRun = process.argv.includes('--dry-run');
  const started = performance.now();
  const entries = loadEntries();
  const order = new Map(entries.map((e, i) => [e.id, i]));
  process.stderr.write(`fit:routing: ranking the questions of ${entries.length} stories…\n`);
  const rankings = collectRankings(entries);
  const fitCount = rankings.inCorpus.filter((r) => r.half === 'fit').length;
  process.stderr.write(
    `fit:routing: ${rankings.inCorpus.length} questions (${fitCount} in the fit half) ranked in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );

  const head =
    '| rule | fit: own story | wrong | refused | leave-one-out refused | other: own story | wrong | refused | leave-one-out refused | foreign refused |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = [
    head,
    row('previous: probability >= 0.4, lead 0.1 under 0.9', rankings, previousRule(order)),
  ];
  let chosen: RoutingWeights | null = null;
  let chosenScores: Record<Half, RuleScores> | null = null;
  // The trade-off of each fitted rule: leave-one-out refusals at the same own-story routing.
  const curves: string[] = [];
  for (const variant of VARIANTS) {
    const story = fitStory(rankings, variant);
    const ranked = reranked(rankings, story, order);
    const route = fitRoute(ranked, variant);
    const partial = { story, route };
    const weights: RoutingWeights = {
      story,
      route: { ...route, threshold: chooseThreshold(ranked, partial) },
    };
    const rule = fittedRule(weights);
    lines.push(
      row(`${variant.name} (threshold ${weights.route.threshold.toFixed(3)})`, ranked, rule),
    );
    const noRefusal: Rule = (r) => r[0]?.id ?? null;
    if (variant.route.length === 1)
      lines.push(row('  same ranking, never refusing', ranked, noRefusal));
    if (variant.name === PREVIOUS_RIFT || variant.name === RIFT)
      curves.push(tradeOffRow(variant.name, ranked, weights));
    if (variant.name === RIFT) {
      chosen = weights;
      chosenScores = {
        fit: scoreRule(ranked, 'fit', rule),
        other: scoreRule(ranked, 'other', rule),
      };
      process.stdout.write('\nThreshold sweep of the fitted model (fit half | other half):\n\n');
      process.stdout.write(
        '| threshold | fit: own story | leave-one-out refused | other: own story | leave-one-out refused | foreign refused |\n|---:|---:|---:|---:|---:|---:|\n',
      );
      const sweep = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, weights.route.threshold];
      for (const t of [...new Set(sweep)].sort((a, b) => a - b)) {
        const r = fittedRule({ ...weights, route: { ...weights.route, threshold: t } });
        const [f, o] = (['fit', 'other'] as Half[]).map((h) => scoreRule(ranked, h, r));
        const foreign = ranked.foreign.filter((x) => r(x.ranked) === null).length;
        process.stdout.write(
          `| ${t.toFixed(3)} | ${pct(f?.own ?? 0)} | ${pct(f?.leaveOneOutRefused ?? 0)} | ${pct(o?.own ?? 0)} | ${pct(o?.leaveOneOutRefused ?? 0)} | ${foreign} of ${ranked.foreign.length} |\n`,
        );
      }
    }
  }
  process.stdout.write(
    `\nTrade-off: leave-one-out refused when the threshold is set for each half's own-story routing to be at least (fit half | other half):\n\n| rule | ${CURVE_LEVELS.map((l) => `fit ${pct(l)}`).join(' | ')} | ${CURVE_LEVELS.map((l) => `other ${pct(l)}`).join(' | ')} |\n|---|${'---:|'.repeat(2 * CURVE_LEVELS.length)}\n${curves.join('\n')}\n`,
  );
  process.stdout.write(
    `\nRouting rules, each fitted on the fit half with its threshold chosen there (own-story routing >= ${pct(TARGET_OWN_STORY)}), same rankings:\n\n${lines.join('\n')}\n`,
  );
  if (!chosen || !chosenScores) throw new Error('no model fitted');
  const output = {
    $comment:
      "Written by `npm run fit:routing` (test/eval/fit-routing.ts); do not edit by hand, rerun the fit. story: a logistic model of how likely a story is a question's own, over the logit of its answer probability and the log of its distinctiveness. route: a logistic model of how likely routing to the best story is right, over the logits of the best story's strength and the runner-up's, the best story's answer probability (logit), distinctiveness (log), coverage, topic coverage, known share and unknown names, and the log of the number of stories answering; a routed question under threshold is refused.",
    fitted: {
      date: new Date().toISOString().slice(0, 10),
      data: `the routing eval's fit half: seeds, stadium and every other squad-dev story in name order from the first (${fitCount} questions); the other half is reported, not fitted`,
      command: 'npm run fit:routing',
      targetOwnStory: TARGET_OWN_STORY,
      scores: Object.fromEntries(
        Object.entries(chosenScores).map(([h, s]) => [
          h,
          {
            ownStory: round(s.own),
            wrongStory: round(s.wrong),
            refused: round(s.refused),
            leaveOneOutRefused: round(s.leaveOneOutRefused),
          },
        ]),
      ),
    },
    story: chosen.story,
    route: chosen.route,
  };
  parseRoutingWeights(output);
  process.stdout.write(`\n${JSON.stringify({ story: output.story, route: output.route })}\n`);
  if (dryRun) process.stdout.write('\n--dry-run: nothing written\n');
  else {
    writeFileSync(OUTPUT, `${JSON.stringify(output, null, 2)}\n`);
    process.stdout.write(`\nwrote ${OUTPUT}\n`);
  }
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

main();
