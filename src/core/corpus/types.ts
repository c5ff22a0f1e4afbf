/**
 * The corpus model: articles as they are on disk, with every derived piece of text kept as
 * character offsets into the original file so that anything shown to a user is verbatim and
 * traceable. Offsets count UTF-16 code units of the decoded file (JavaScript string indices).
 */

/** A half-open range `[start, end)` of character offsets into an article's raw text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What the cleaner decided a line is, when it is not article text. */
export type RemovedKind =
  | 'date-prefix'
  | 'date-line'
  | 'front-matter'
  | 'credit'
  | 'caption'
  | 'read-time'
  | 'boilerplate'
  | 'related-headline'
  | 'video-label';

/** A line the cleaner dropped, and why (kept for debugging and tests). */
export interface RemovedLine extends Span {
  readonly kind: RemovedKind;
  readonly text: string;
}

/** A paragraph of article text (one line of the file, minus anything the cleaner removed). */
export interface Paragraph extends Span {
  readonly index: number;
  /** True for the headline line at the top of an article. */
  readonly headline: boolean;
}

/**
 * A sentence: the unit of retrieval. The segmenter never splits inside a quotation, so a
 * sentence may hold a whole quoted statement of several grammatical sentences.
 */
export interface Sentence extends Span {
  /** Position of the sentence in its article (0-based, across paragraphs). */
  readonly index: number;
  /** Index of the paragraph the sentence belongs to. */
  readonly paragraph: number;
  /** The verbatim text, `raw.slice(start, end)`. */
  readonly text: string;
}

/** One article file, cleaned and segmented. */
export interface Article {
  /** The file name without `.txt`, e.g. `001_eb9eaa3cbaa232cb`. */
  readonly id: string;
  /** Absolute path of the file it was read from. */
  readonly path: string;
  /** The whole file as decoded UTF-8, byte for byte. */
  readonly raw: string;
  /** Publication date `YYYY-MM-DD` from a date line or front matter, or null: never invented. */
  readonly date: string | null;
  /** The headline line, or the first sentence when there is none. */
  readonly title: string;
  readonly paragraphs: readonly Paragraph[];
  readonly sentences: readonly Sentence[];
  readonly removed: readonly RemovedLine[];
}

/** A problem with one file that did not stop the corpus from loading. */
export interface CorpusWarning {
  readonly file: string;
  readonly message: string;
}

/** Every usable article of a story, in file-name order. */
export interface Corpus {
  readonly dir: string;
  readonly articles: readonly Article[];
  readonly warnings: readonly CorpusWarning[];
}
