/** Weighted logistic regression by full-batch Adam with L2: small, deterministic, no dependency. */

/** One example: features and whether it is positive. */
export interface Example {
  readonly x: Float64Array;
  readonly y: 0 | 1;
  /** How much the example counts (1 unless said). */
  readonly weight?: number;
}

/** Fitted model: bias and weights. */
export interface Logistic {
  readonly bias: number;
  readonly w: Float64Array;
}

/** P(y = 1 | x). */
export function probability(model: Logistic, x: Float64Array): number {
  let z = model.bias;
  for (let d = 0; d < model.w.length; d++) z += (model.w[d] as number) * (x[d] as number);
  return 1 / (1 + Math.exp(-z));
}

/** Fits a logistic model; positives and negatives weigh equally in total, each by its weight. */
export function fitLogistic(
  examples: readonly Example[],
  dims: number,
  iterations = 2000,
  learningRate = 0.05,
  l2 = 1e-4,
): Logistic {
  const w = new Float64Array(dims + 1);
  const m = new Float64Array(dims + 1);
  const v = new Float64Array(dims + 1);
  const total = (y: number) =>
    examples.reduce((a, e) => a + (e.y === y ? (e.weight ?? 1) : 0), 0) || 1;
  const positives = total(1);
  const negatives = total(0);
  const weightOf = (e: Example) => ((e.weight ?? 1) * 0.5) / (e.y === 1 ? positives : negatives);
  const grad = new Float64Array(dims + 1);
  for (let it = 1; it <= iterations; it++) {
    grad.fill(0);
    for (const e of examples) {
      let z = w[dims] as number;
      for (let d = 0; d < dims; d++) z += (w[d] as number) * (e.x[d] as number);
      const p = 1 / (1 + Math.exp(-z));
      const coef = (p - e.y) * weightOf(e);
      for (let d = 0; d < dims; d++) grad[d] = (grad[d] as number) + coef * (e.x[d] as number);
      grad[dims] = (grad[dims] as number) + coef;
    }
    for (let d = 0; d <= dims; d++) {
      const gd = (grad[d] as number) + (d < dims ? 2 * l2 * (w[d] as number) : 0);
      m[d] = 0.9 * (m[d] as number) + 0.1 * gd;
      v[d] = 0.999 * (v[d] as number) + 0.001 * gd * gd;
      const mh = (m[d] as number) / (1 - 0.9 ** it);
      const vh = (v[d] as number) / (1 - 0.999 ** it);
      w[d] = (w[d] as number) - (learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { bias: w[dims] as number, w: w.slice(0, dims) };
}
