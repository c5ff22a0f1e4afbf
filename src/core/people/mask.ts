import type { Article } from '../corpus/types.ts';
import { type QuoteSegment, scanQuotes } from '../quotes/scan.ts';
import { classifySegment, type SegmentKind } from '../quotes/titles.ts';

/** A quoted segment with its kind. */
export interface ClassifiedSegment extends QuoteSegment {
  readonly kind: SegmentKind;
}

/** An article's quotations and its text with their words blanked. */
export interface MaskedArticle {
  readonly article: Article;
  readonly segments: readonly ClassifiedSegment[];
  /**
   * `raw` with the content of every quotation that is speech replaced by spaces, offsets kept,
   * so that names inside a quotation (`I respect Coach Bell`) are never taken for the reporter's
   * mentions. Titles stay visible: `the "You & I" singer` is a description.
   */
  readonly masked: string;
  /**
   * Paragraphs that are a post embedded from a social network (`... — Ana Ruiz (@anaruiz)
   * May 2, 2024`): someone else's words and byline, not the reporter's narrative, so they set no
   * subject for the pronouns that follow.
   */
  readonly embedded: readonly boolean[];
}

/** The byline an embedded post ends with: `— Name (@handle)`, then its date or nothing. */
const EMBED_BYLINE = /[—–-]\s*[^\n()—–]{1,80}\(@[\p{L}\p{N}_]{1,30}\)/u;

/**
 * Scans and classifies an article's quotations and blanks the speech out of its text.
 *
 * @example
 * maskArticle(article).masked // 'Legend said: “                    ”'
 */
export function maskArticle(article: Article): MaskedArticle {
  const segments = scanQuotes(article.raw, article.paragraphs).map(
    (segment): ClassifiedSegment => ({ ...segment, kind: classifySegment(article.raw, segment) }),
  );
  const chars = article.raw.split('');
  for (const segment of segments) {
    if (segment.kind === 'title') continue;
    for (let i = segment.start; i < segment.end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  const embedded = article.paragraphs.map((p) =>
    EMBED_BYLINE.test(article.raw.slice(p.start, p.end)),
  );
  return { article, segments, masked: chars.join(''), embedded };
}
