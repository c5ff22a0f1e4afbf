/**
 * The fitted routing model, read from `config/routing-weights.json` (written by
 * `npm run fit:routing`, with the date, data and scores of the fit). Two small logistic models:
 *
 * 1. A story's strength for a question: how likely it is the question's own story, from the
 *    story's own answer probability and its distinctiveness (how much more the story speaks of
 *    the question's words than the library's other stories do). Stories are ranked by it.
 * 2. Whether to route at all: the best story's strength against the runner-up's, beside the best
 *    story's own evidence and how many stories answer. When the best of many stories is taken,
 *    one of them covering part of a question by chance grows likelier with every story; a
 *    runner-up about as strong, or many stories answering a little, is how a question of no
 *    story looks. The strength is fitted to pick the right story among those present; whether
 *    the right one is present at all is told by other parts of the evidence (how sure the best
 *    story's answer is, how much of the question its best passages hold, names it never uses),
 *    which the ranking weighs differently or not at all.
 *
 * Validated when loaded: a bad file is an error naming the field, not a silent default.
 */
import { z } from 'zod';
import fitted from '../../config/routing-weights.json' with { type: 'json' };
import { RiftError } from '../core/errors.ts';

/** Where the weights live, for messages. */
export const ROUTING_WEIGHTS_FILE = 'config/routing-weights.json';

const finite = z.number().finite();
const schema = z.object({
  fitted: z.object({ date: z.string(), data: z.string(), command: z.string() }).passthrough(),
  story: z.object({
    bias: finite,
    probability: finite,
    distinctiveness: finite,
  }),
  route: z.object({
    bias: finite,
    best: finite,
    runnerUp: finite,
    probability: finite,
    distinctiveness: finite,
    coverage: finite,
    topicCoverage: finite,
    known: finite,
    unknownNames: finite,
    answering: finite,
    threshold: z.number().min(0).max(1),
  }),
});

/** The fitted routing weights. */
export interface RoutingWeights {
  readonly story: {
    readonly bias: number;
    /** Weight of the logit of the story's answer probability. */
    readonly probability: number;
    /** Weight of the log of its distinctiveness (a ratio, > 0). */
    readonly distinctiveness: number;
  };
  readonly route: {
    readonly bias: number;
    /** Weight of the logit of the best story's strength. */
    readonly best: number;
    /** Weight of the logit of the runner-up's strength (0 when there is none). */
    readonly runnerUp: number;
    /** Weight of the logit of the best story's answer probability. */
    readonly probability: number;
    /** Weight of the log of the best story's distinctiveness. */
    readonly distinctiveness: number;
    /** Weight of the best story's best passages' share of the question (0..1). */
    readonly coverage: number;
    /** Weight of their share of the question's topic words (0..1). */
    readonly topicCoverage: number;
    /** Weight of the share of the question's words the best story uses at all (0..1). */
    readonly known: number;
    /** Weight of the number of capitalised words (names) of the question the best story never uses. */
    readonly unknownNames: number;
    /** Weight of the log of the number of stories answering (those weighed that do not abstain). */
    readonly answering: number;
    /** Refuse when the routed probability is under this. */
    readonly threshold: number;
  };
}

/** Validates routing weights JSON; errors name the file and the field. */
export function parseRoutingWeights(data: unknown, file = ROUTING_WEIGHTS_FILE): RoutingWeights {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RiftError(
      'CONFIG_INVALID',
      `${file}: "${issue?.path.join('.') ?? '(root)'}" ${issue?.message ?? 'is invalid'}. Rerun \`npm run fit:routing\` to rewrite it.`,
    );
  }
  return parsed.data;
}

/** The weights in `config/routing-weights.json`. */
export const ROUTING_WEIGHTS: RoutingWeights = parseRoutingWeights(fitted);

/**
 * Probabilities are clamped to this far from 0 and 1 before their logit: the abstention model
 * saturates (many stories answer with 1.000), and an infinite logit would say nothing more.
 */
const PROBABILITY_CLAMP = 0.001;

/** log(p / (1 - p)), with p clamped to [PROBABILITY_CLAMP, 1 - PROBABILITY_CLAMP]. */
export function logit(p: number): number {
  const q = Math.min(1 - PROBABILITY_CLAMP, Math.max(PROBABILITY_CLAMP, p));
  return Math.log(q / (1 - q));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * How likely a story is a question's own (0..1), from its answer probability and
 * distinctiveness (a ratio; clamped to at least a thousandth, so its log is finite).
 *
 * @example
 * storyStrength(ROUTING_WEIGHTS, 0.97, 20) > storyStrength(ROUTING_WEIGHTS, 0.97, 1) // true
 */
export function storyStrength(
  weights: RoutingWeights,
  probability: number,
  distinctiveness: number,
): number {
  const w = weights.story;
  return sigmoid(
    w.bias +
      w.probability * logit(probability) +
      w.distinctiveness * Math.log(Math.max(PROBABILITY_CLAMP, distinctiveness)),
  );
}

/** What the routing decision reads of one story's evidence for a question. */
export interface RouteEvidence {
  /** {@link storyStrength}. */
  readonly strength: number;
  /** The story's answer probability. */
  readonly probability: number;
  /** Its distinctiveness for the question (a ratio, > 0). */
  readonly distinctiveness: number;
  readonly coverage: number;
  readonly topicCoverage: number;
  readonly known: number;
  /** Capitalised words of the question the story never uses. */
  readonly unknownNames: number;
}

/**
 * The routing model's features for stories ranked by strength (every story answering, best
 * first), in the order of {@link routeTerms}; null when none answers.
 */
export function routeFeatures(ranked: readonly RouteEvidence[]): Float64Array | null {
  const best = ranked[0];
  if (!best) return null;
  return Float64Array.of(
    logit(best.strength),
    logit(ranked[1]?.strength ?? 0),
    logit(best.probability),
    Math.log(Math.max(PROBABILITY_CLAMP, best.distinctiveness)),
    best.coverage,
    best.topicCoverage,
    best.known,
    best.unknownNames,
    Math.log(ranked.length),
  );
}

/** The route weights named in the order of {@link routeFeatures}. */
export const ROUTE_TERMS = [
  'best',
  'runnerUp',
  'probability',
  'distinctiveness',
  'coverage',
  'topicCoverage',
  'known',
  'unknownNames',
  'answering',
] as const;

/** The route weights as a vector, in the order of {@link routeFeatures}. */
export function routeTerms(route: RoutingWeights['route']): Float64Array {
  return Float64Array.from(ROUTE_TERMS.map((t) => route[t]));
}

/**
 * How likely routing to the best of `ranked` (every story answering, strongest first) is
 * right (0..1); 0 when none answers.
 */
export function routedProbability(
  weights: RoutingWeights,
  ranked: readonly RouteEvidence[],
): number {
  const x = routeFeatures(ranked);
  if (!x) return 0;
  const w = routeTerms(weights.route);
  let z = weights.route.bias;
  for (let i = 0; i < w.length; i++) z += (w[i] ?? 0) * (x[i] ?? 0);
  return sigmoid(z);
}
