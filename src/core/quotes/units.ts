import type { Article } from '../corpus/types.ts';
import { HONORIFICS, SPEECH_VERBS } from '../people/lexicon.ts';
import type { ClassifiedSegment } from '../people/mask.ts';
import { lower, tokenize } from '../people/tokens.ts';

/** One quotation as a reader sees it: one or more segments from the same speaker, in order. */
export interface QuoteUnit {
  readonly segments: readonly ClassifiedSegment[];
  readonly partial: boolean;
}

const MAX_CUE_WORDS = 16;
// Speech verbs that are more often nouns in a cue (`in the text message exchange`).
const NOUN_LIKE = new Set(
  'message messages text texts post posts comment comments call calls answer answers tweet tweets reply replies read'.split(
    ' ',
  ),
);

/**
 * Groups an article's speech segments into quotations: a segment joins the one before when the
 * quotation ran on from the previous paragraph, or when only white space or one short speech cue
 * separates them (`“...,” Bell said. “...”`). Titles are dropped; partial quotes stand alone.
 *
 * @example
 * groupUnits(article, segments).map((u) => u.segments.length) // [2, 1, ...]
 */
export function groupUnits(article: Article, segments: readonly ClassifiedSegment[]): QuoteUnit[] {
  const units: ClassifiedSegment[][] = [];
  let previous: ClassifiedSegment | null = null;
  for (const segment of segments) {
    // A title inside a cue (`,” the "You & I" singer told host X. “`) does not end the quote.
    if (segment.kind === 'title') continue;
    const current = units[units.length - 1];
    if (current && previous && joins(article, previous, segment)) current.push(segment);
    else units.push([segment]);
    previous = segment;
  }
  return units.map((parts) => ({
    segments: parts,
    partial: parts.every((s) => s.kind === 'partial'),
  }));
}

/** A sentence end followed by more words, not the period of `Dr.` or of an initial (`J.`). */
function endsASentenceInside(text: string): boolean {
  for (const match of text.matchAll(/(\p{L}*)[.!?]\s+\S/gu)) {
    const word = (match[1] ?? '').toLowerCase();
    if (word.length > 1 && !HONORIFICS.has(word)) return true;
  }
  return false;
}

function joins(article: Article, a: ClassifiedSegment, b: ClassifiedSegment): boolean {
  if (a.continues) {
    const next = article.paragraphs[a.paragraph + 1];
    return b.paragraph === a.paragraph + 1 && next !== undefined && b.open === next.start;
  }
  if (a.kind !== 'full' || b.kind !== 'full' || a.paragraph !== b.paragraph || a.close === null) {
    return false;
  }
  const between = article.raw.slice(a.close + 1, b.open);
  if (between.trim() === '') return true;
  // `,” Ruiz said. Valdivia came too. “`: a sentence of its own between them, with its own subject.
  if (endsASentenceInside(between.trim())) return false;
  const words = tokenize(between, { start: 0, end: between.length });
  if (words.length > MAX_CUE_WORDS) return false;
  const verbs = words.filter(
    (w) => SPEECH_VERBS.has(lower(w.text)) && !NOUN_LIKE.has(lower(w.text)),
  );
  return verbs.length >= 1;
}
