/**
 * The fitted routing model, read from `config/routing-weights.json` (written by
 * `npm run fit:routing`, with the date, data and scores of the fit). Two small logistic models:
 *
 * 1. A story's strength for a question: how likely it is the question's own story, from the
 *    story's own answer probability and its distinctiveness (how much more the story speaks of
 *    the question's words than the library's other stories do). Stories are ranked by it.
 * 2. Whether to route at all: the best story's strength against the runner-up's. When the best
 *    of many stories is taken, one of them covering part of a question by chance grows likelier
 *    with every story; a runner-up about as strong is how a question of no story looks.
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

/**
 * How likely routing to the best story is right (0..1), from its strength and the runner-up's
 * (null when no other story answers).
 */
export function routedProbability(
  weights: RoutingWeights,
  best: number,
  runnerUp: number | null,
): number {
  const w = weights.route;
  return sigmoid(w.bias + w.best * logit(best) + w.runnerUp * logit(runnerUp ?? 0));
}
