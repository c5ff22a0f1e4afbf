import { words } from '../text/fold.ts';

/** How much of a statement a source must repeat (share of its word pairs) to report it. */
export const SAME_STATEMENT_COVERAGE = 0.6;

/**
 * Finds which sources report the same statement: a text is reported by a source when most of
 * its word pairs (after folding quotes, case and bracketed insertions such as `[sic]`) occur in
 * that source. Word pairs make the test tolerant of a few words more or less, `alining` for
 * `aligning`, and a bracketed `[Kanye and I]` for `We`.
 */
export interface Corroboration {
  /** Indexes of the sources reporting `text`, in corpus order. */
  sourcesReporting(text: string): number[];
  /** Share of `text`'s word pairs found in `other`: 1 when `other` contains all of `text`. */
  overlap(text: string, other: string): number;
}

/** Word pairs of a text, ignoring bracketed insertions. */
export function wordPairs(text: string): string[] {
  const tokens = words(text.replace(/\[[^\]]{0,40}\]/g, ' '));
  if (tokens.length === 1) return tokens;
  const pairs: string[] = [];
  for (let i = 1; i < tokens.length; i++) pairs.push(`${tokens[i - 1]} ${tokens[i]}`);
  return pairs;
}

/**
 * Indexes the word pairs of every source.
 *
 * @example
 * buildCorroboration(['He said "we aren't friends"', 'We aren’t friends.']).sourcesReporting("we aren't friends") // [0, 1]
 */
export function buildCorroboration(sourceTexts: readonly string[]): Corroboration {
  const postings = new Map<string, number[]>();
  sourceTexts.forEach((text, source) => {
    for (const pair of new Set(wordPairs(text))) {
      const list = postings.get(pair);
      if (list) list.push(source);
      else postings.set(pair, [source]);
    }
  });
  return {
    sourcesReporting(text) {
      const pairs = [...new Set(wordPairs(text))];
      if (pairs.length === 0) return [];
      const counts = new Map<number, number>();
      for (const pair of pairs) {
        for (const source of postings.get(pair) ?? []) counts.set(source, (counts.get(source) ?? 0) + 1);
      }
      return [...counts]
        .filter(([, count]) => count / pairs.length >= SAME_STATEMENT_COVERAGE)
        .map(([source]) => source)
        .sort((a, b) => a - b);
    },
    overlap(text, other) {
      const pairs = new Set(wordPairs(text));
      if (pairs.size === 0) return 0;
      const theirs = new Set(wordPairs(other));
      let shared = 0;
      for (const pair of pairs) if (theirs.has(pair)) shared++;
      return shared / pairs.size;
    },
  };
}
