import type { Span } from '../corpus/types.ts';

/** Which family of marks enclosed a segment: `“…”`/`"…"` or `‘…’`/`'…'`. */
export type MarkFamily = 'double' | 'single';

/**
 * The characters between one pair of quotation marks. `start`/`end` bound the content (marks
 * excluded), so `raw.slice(start, end)` is exactly what the outlet put inside the marks.
 */
export interface QuoteSegment extends Span {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset of the closing mark, or null when the paragraph ended first. */
  readonly close: number | null;
  /** Index of the paragraph the segment lies in. */
  readonly paragraph: number;
  readonly family: MarkFamily;
  /**
   * True when the quotation runs on into the next paragraph: the paragraph ended without a
   * closing mark and the next one opens with a mark (the convention for multi-paragraph quotes).
   */
  readonly continues: boolean;
  readonly text: string;
}

const DOUBLE_MARKS = new Set(['“', '”', '"', '„', '«', '»']);
const SINGLE_OPENERS = new Set(['‘', "'"]);
const SINGLE_CLOSERS = new Set(['’', "'"]);
// Elisions that start with an apostrophe: `'90s`, `’em`, `'til`, `'cause`.
const ELISION = /^['’](\d0s|\d\d\b|em\b|til\b|cause\b|n\b|tis\b|twas\b|bout\b)/i;

/**
 * Finds every quotation in an article at the character level. Double marks pair straight or
 * curly (`“Well, honestly."` is one quotation); single marks pair only outside a double
 * quotation (inside one they are nested and belong to it); an apostrophe (`aren’t`, `Trump’s`,
 * `’90s`) never opens or closes. A quotation left open at the end of a paragraph is cut there and
 * marked `continues` when the next paragraph opens with a mark.
 *
 * @example
 * const raw = 'Legend said: “We aren’t friends as much as we used to be.”';
 * scanQuotes(raw, [{ start: 0, end: raw.length }])[0]?.text
 * // 'We aren’t friends as much as we used to be.'
 */
export function scanQuotes(raw: string, paragraphs: readonly Span[]): QuoteSegment[] {
  const segments: QuoteSegment[] = [];
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1];
    const nextOpens = next !== undefined && opensWithMark(raw, next);
    scanParagraph(raw, paragraph, index, nextOpens, segments);
  });
  return segments;
}

function opensWithMark(raw: string, paragraph: Span): boolean {
  const first = raw[paragraph.start] ?? '';
  return first === '“' || first === '"' || first === '„' || first === '«';
}

function scanParagraph(
  raw: string,
  paragraph: Span,
  index: number,
  nextOpens: boolean,
  out: QuoteSegment[],
): void {
  let double: number | null = null;
  let single: number | null = null;
  const emit = (open: number, close: number | null, family: MarkFamily) => {
    const end = close ?? paragraph.end;
    out.push({
      start: open + 1,
      end,
      open,
      close,
      paragraph: index,
      family,
      continues: close === null && nextOpens,
      text: raw.slice(open + 1, end),
    });
  };

  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = raw[i] ?? '';
    if (DOUBLE_MARKS.has(ch)) {
      if (double === null) {
        // A closing curly mark with nothing open is a stray: never an opener.
        if (ch === '”' || ch === '»') continue;
        // A double mark inside a single-quoted run means the single mark was an apostrophe.
        single = null;
        double = i;
      } else if (ch !== '“' || closesHere(raw, i)) {
        emit(double, i, 'double');
        double = null;
      }
      continue;
    }
    if (double !== null) continue;
    if (single === null) {
      if (SINGLE_OPENERS.has(ch) && isSingleOpener(raw, i, paragraph.start)) single = i;
    } else if (SINGLE_CLOSERS.has(ch) && isSingleCloser(raw, i)) {
      emit(single, i, 'single');
      single = null;
    }
  }
  if (double !== null) emit(double, null, 'double');
  // A single mark never closed was an apostrophe or a typo: not a quotation.
}

/** `“` where a closer belongs (before a space, punctuation or the end): a typo for `”`. */
function closesHere(raw: string, i: number): boolean {
  return !/[\p{L}\p{N}]/u.test(raw[i + 1] ?? '');
}

function isSingleOpener(raw: string, i: number, floor: number): boolean {
  const prev = i > floor ? (raw[i - 1] ?? '') : ' ';
  if (!/[\s([{—–\-/]/.test(prev)) return false;
  if (!/[\p{L}\p{N}]/u.test(raw[i + 1] ?? '')) return false;
  return !ELISION.test(raw.slice(i, i + 8));
}

function isSingleCloser(raw: string, i: number): boolean {
  const prev = raw[i - 1] ?? '';
  if (/\s/.test(prev) || prev === '') return false;
  // `aren’t`, `Trump’s`: a letter on both sides is an apostrophe.
  return !/[\p{L}\p{N}]/u.test(raw[i + 1] ?? '');
}
