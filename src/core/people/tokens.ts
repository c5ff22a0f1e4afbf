import type { Span } from '../corpus/types.ts';

/** A word of the text with its offsets; `base` drops a possessive `’s`. */
export interface Token extends Span {
  readonly text: string;
  readonly base: string;
  readonly possessive: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /^(.+?)['’]s$/u;
// Contractions that end like a possessive but are not one.
const CONTRACTIONS = new Set(['it', 'he', 'she', 'that', 'there', 'what', 'who', 'let', 'here']);

/**
 * Splits `text[span]` into words, keeping offsets into `text`.
 *
 * @example
 * tokenize('CNN’s David Axelrod', { start: 0, end: 19 }).map((t) => t.base) // ['CNN', 'David', 'Axelrod']
 */
export function tokenize(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(span.start, span.end);
  for (const match of slice.matchAll(WORD)) {
    const word = match[0];
    const start = span.start + (match.index ?? 0);
    const possessive = POSSESSIVE.exec(word);
    const isPossessive =
      possessive?.[1] !== undefined && !CONTRACTIONS.has(possessive[1].toLowerCase());
    tokens.push({
      start,
      end: start + word.length,
      text: word,
      base: isPossessive && possessive?.[1] ? possessive[1] : word,
      possessive: isPossessive,
    });
  }
  return tokens;
}

/** A capitalised word that is not an all-capitals acronym (`CNN`, `MAGA`). */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !(word.length > 1 && word === word.toUpperCase());
}

/** Lower-case form used for comparisons. */
export function lower(word: string): string {
  return word.toLowerCase();
}
