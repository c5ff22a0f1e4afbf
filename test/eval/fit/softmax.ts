/**
 * A listwise linear ranker: for each question, a softmax over its candidates' scores `w · x`,
 * fitted to put the probability on the candidates holding the answer (cross-entropy against
 * "any positive"), with L2 regularisation, by full-batch Adam. Small, deterministic, no
 * dependency.
 */

/** One question's candidates: a row-major feature matrix and which rows hold the answer. */
export interface RankingGroup {
  readonly features: Float32Array;
  readonly rows: number;
  readonly positive: Uint8Array;
  /** How much the group counts in the fit (1 unless said). */
  readonly weight?: number;
}

/** Fitting options. */
export interface FitOptions {
  readonly dims: number;
  readonly iterations: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Features whose weight stays fixed at its start value (not fitted). */
  readonly frozen: ReadonlySet<number>;
  readonly start?: Float64Array;
}

/** Scores of a group's rows under weights `w`. */
export function groupScores(group: RankingGroup, w: Float64Array): Float64Array {
  const dims = w.length;
  const x = group.features;
  const out = new Float64Array(group.rows);
  for (let r = 0, base = 0; r < group.rows; r++, base += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += (x[base + d] as number) * (w[d] as number);
    out[r] = s;
  }
  return out;
}

/** Fits ranking weights; groups without a positive row are skipped. */
export function fitSoftmax(groups: readonly RankingGroup[], options: FitOptions): Float64Array {
  const { dims, iterations, learningRate, l2, frozen } = options;
  const w = options.start ? Float64Array.from(options.start) : new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const usable = groups.filter((g) => g.positive.some((p) => p === 1));
  const grad = new Float64Array(dims);
  const totalWeight = usable.reduce((a, g) => a + (g.weight ?? 1), 0);
  const e = new Float64Array(Math.max(1, ...usable.map((g) => g.rows)));
  for (let it = 1; it <= iterations; it++) {
    grad.fill(0);
    for (const g of usable) {
      const s = groupScores(g, w);
      let max = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < g.rows; r++) max = Math.max(max, s[r] as number);
      let all = 0;
      let pos = 0;
      for (let r = 0; r < g.rows; r++) {
        const x = Math.exp((s[r] as number) - max);
        e[r] = x;
        all += x;
        if (g.positive[r]) pos += x;
      }
      // d/ds_r of (-log P(positive) + log P(all)) = p_all(r) - p_positive(r)
      const x = g.features;
      for (let r = 0, base = 0; r < g.rows; r++, base += dims) {
        const er = e[r] as number;
        const coef = (g.weight ?? 1) * (er / all - (g.positive[r] ? er / pos : 0));
        if (coef === 0) continue;
        for (let d = 0; d < dims; d++)
          grad[d] = (grad[d] as number) + coef * (x[base + d] as number);
      }
    }
    for (let d = 0; d < dims; d++) {
      if (frozen.has(d)) continue;
      const gd = (grad[d] as number) / totalWeight + 2 * l2 * (w[d] as number);
      m[d] = 0.9 * (m[d] as number) + 0.1 * gd;
      v[d] = 0.999 * (v[d] as number) + 0.001 * gd * gd;
      const mh = (m[d] as number) / (1 - 0.9 ** it);
      const vh = (v[d] as number) / (1 - 0.999 ** it);
      w[d] = (w[d] as number) - (learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w;
}

/** Share of groups whose best-scored row (ties to the earlier row) holds the answer, at 1 and 3. */
export function rankAccuracy(
  groups: readonly RankingGroup[],
  w: Float64Array,
): { at1: number; at3: number } {
  let at1 = 0;
  let at3 = 0;
  for (const g of groups) {
    const s = groupScores(g, w);
    const order = [...s.keys()].sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0) || a - b);
    if (g.positive[order[0] ?? -1]) at1++;
    if (order.slice(0, 3).some((r) => g.positive[r])) at3++;
  }
  return { at1: at1 / groups.length, at3: at3 / groups.length };
}
