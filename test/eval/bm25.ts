/**
 * The textbook baseline the answer core is measured against: Okapi BM25 (k1 1.2, b 0.75, Lucene's
 * idf) over sentences cut by `Intl.Segmenter`, words lower-cased, Lucene's English stop words
 * removed and Porter-stemmed. It shares no code with rift's retrieval (only the Porter stemmer
 * package), so a change to rift cannot move the baseline.
 */
import { stemmer } from 'stemmer';

/** Lucene's `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`. */
export const LUCENE_STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
]);

/** BM25 parameters; the defaults are the textbook (and Lucene) ones. */
export interface Bm25Options {
  readonly k1: number;
  readonly b: number;
  /** How many sentences a question gets. */
  readonly top: number;
}

const DEFAULTS: Bm25Options = { k1: 1.2, b: 0.75, top: 3 };

/** Lower-cased words, stop words removed, Porter-stemmed. */
export function bm25Terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !LUCENE_STOP_WORDS.has(w))
    .map((w) => stemmer(w));
}

/** Sentences of a text by `Intl.Segmenter`, each paragraph (blank-line separated) on its own. */
export function segmentSentences(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => [...segmenter.segment(paragraph)].map((s) => s.segment.trim()))
    .filter(Boolean);
}

/** A BM25 index over sentences. */
export interface Bm25 {
  readonly sentences: readonly string[];
  /** The best sentences for a query, best first (ties in corpus order); empty when none matches. */
  search(query: string): string[];
}

/**
 * Builds the baseline over the texts (articles) given, in order.
 *
 * @example
 * createBm25(['The cat sat. A dog ran.']).search('Where did the cat sit?') // ['The cat sat.']
 */
export function createBm25(texts: readonly string[], options: Partial<Bm25Options> = {}): Bm25 {
  const { k1, b, top } = { ...DEFAULTS, ...options };
  const sentences = texts.flatMap(segmentSentences);
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = sentences.map((sentence, doc) => {
    const terms = bm25Terms(sentence);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t) ?? [];
      list.push({ doc, tf: n });
      postings.set(t, list);
    }
    return terms.length;
  });
  const n = sentences.length;
  const average = lengths.reduce((a, x) => a + x, 0) / Math.max(1, n);
  return {
    sentences,
    search(query) {
      const scores = new Map<number, number>();
      for (const t of new Set(bm25Terms(query))) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = k1 * (1 - b + (b * (lengths[doc] ?? 0)) / average);
          scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (k1 + 1)) / (tf + norm));
        }
      }
      return [...scores]
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, top)
        .map(([doc]) => sentences[doc] ?? '');
    },
  };
}
