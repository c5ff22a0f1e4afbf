/**
 * The fitted weights of ranking and abstention, read from `config/answer-weights.json` (written
 * by `npm run fit`, with the date, data and scores of the fit). Validated when loaded: a bad
 * file is an error naming the field, not a silent default.
 */
import { z } from 'zod';
import fitted from '../../../config/answer-weights.json' with { type: 'json' };
import { RiftError } from '../errors.ts';
import { ABSTAIN_TERMS, type AbstainModel } from './abstain.ts';
import { RANK_FEATURES, type RankFeature } from './evidence.ts';

/** Where the weights live, for messages. */
export const WEIGHTS_FILE = 'config/answer-weights.json';

const weightsOf = <T extends string>(names: readonly T[]) =>
  z.object(
    Object.fromEntries(names.map((n) => [n, z.number().finite()])) as Record<T, z.ZodNumber>,
  );

const abstainFit = z.object({
  bias: z.number().finite(),
  weights: weightsOf(ABSTAIN_TERMS),
  threshold: z.number().min(0).max(1),
});

const schema = z.object({
  fitted: z.object({ date: z.string(), data: z.string(), command: z.string() }).passthrough(),
  rank: weightsOf(RANK_FEATURES),
  abstain: abstainFit.extend({ withoutVectors: abstainFit }),
});

/** The fitted weights: ranking by feature, and the abstention model. */
export interface FittedWeights {
  readonly rank: Readonly<Record<RankFeature, number>>;
  readonly abstain: AbstainModel;
}

/** Validates weights JSON; errors name the file and the field. */
export function parseWeights(data: unknown, file = WEIGHTS_FILE): FittedWeights {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RiftError(
      'CONFIG_INVALID',
      `${file}: "${issue?.path.join('.') ?? '(root)'}" ${issue?.message ?? 'is invalid'}. Rerun \`npm run fit\` to rewrite it.`,
    );
  }
  return parsed.data as FittedWeights;
}

/** The weights in `config/answer-weights.json`. */
export const FITTED_WEIGHTS: FittedWeights = parseWeights(fitted);
