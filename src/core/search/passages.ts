import type { Article, Span } from '../corpus/types.ts';

/** A retrievable unit: one sentence, with the span shown to a reader when it is cited. */
export interface Passage {
  /** Dense id: position in the passage table. */
  readonly id: number;
  /** Index of the article in the corpus. */
  readonly article: number;
  readonly source: string;
  /** The sentence's index within its article. */
  readonly sentence: number;
  /** The sentence text, verbatim. */
  readonly text: string;
  /**
   * What a citation shows: the sentence, extended over the next one when the sentence only
   * introduces it (`...what compelled him to post the private messages.` + `"I tweeted..."`).
   */
  readonly display: Span;
  readonly displayText: string;
  /** True for the article's headline line. */
  readonly headline: boolean;
}

/** Joins context sentences; never inside a sentence, since sentences never span lines. */
export const CONTEXT_SEPARATOR = '\n';
/** How many preceding sentences form a passage's context. */
export const CONTEXT_SENTENCES = 2;
const HAS_QUOTE = /["“”]/;
// A sentence opening with a demonstrative or bare pronoun subject refers to the one before.
const LEANS_BACK =
  /^["“‘']?(That|This|These|Those|It|Such|So)('s|’s)?\s+(is|was|are|were|has|had|will|would|means|meant)\b/;
const PURE_QUOTE = /^["“][\s\S]*["”]$/;

/** A sentence that is only a quotation, with no attribution outside the marks. */
function isPureQuote(text: string): boolean {
  return PURE_QUOTE.test(text) && !/["”],?\s+\p{L}/u.test(text.slice(1, -1));
}

/**
 * The two sentences before a passage in its article, indexed with a low weight: in news prose
 * they usually say who "he" is and what "that" refers to. Built when indexing, not stored.
 */
export function passageContext(articles: readonly Article[], passage: Passage): string {
  const sentences = articles[passage.article]?.sentences ?? [];
  return sentences
    .slice(Math.max(0, passage.sentence - CONTEXT_SENTENCES), passage.sentence)
    .map((c) => c.text)
    .join(CONTEXT_SEPARATOR);
}

/**
 * Turns every sentence of every article into a passage.
 *
 * @example
 * buildPassages(corpus.articles)[0].text // 'When it comes to what changed John Legend and ...'
 */
export function buildPassages(articles: readonly Article[]): Passage[] {
  const passages: Passage[] = [];
  articles.forEach((article, a) => {
    const { sentences } = article;
    sentences.forEach((sentence, s) => {
      const next = sentences[s + 1];
      const sameParagraphNext = next && next.paragraph === sentence.paragraph ? next : undefined;
      // A sentence without quotation marks followed by an unattributed quotation introduces it.
      const introduces =
        sameParagraphNext !== undefined &&
        !HAS_QUOTE.test(sentence.text) &&
        isPureQuote(sameParagraphNext.text);
      // `That is not a threat.` leans on the sentence before it for what "that" is.
      const prev = sentences[s - 1];
      const leans =
        prev !== undefined &&
        prev.paragraph === sentence.paragraph &&
        LEANS_BACK.test(sentence.text);
      const display = {
        start: leans && prev ? prev.start : sentence.start,
        end: introduces && sameParagraphNext ? sameParagraphNext.end : sentence.end,
      };
      const paragraph = article.paragraphs[sentence.paragraph];
      passages.push({
        id: passages.length,
        article: a,
        source: article.id,
        sentence: s,
        text: sentence.text,
        display,
        displayText: article.raw.slice(display.start, display.end),
        headline: paragraph?.headline ?? false,
      });
    });
  });
  return passages;
}
