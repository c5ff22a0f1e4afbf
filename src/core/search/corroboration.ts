import { words } from '../text/fold.ts';

/** How much of a statement a source must repeat (share of its word pairs) to report it. */
export const SAME_STATEMENT_COVERAGE = 0.6;
/**
 * A run of this many words, one of them a number, repeated verbatim is the same fact told in
 * other words around it: `about 60,000 votes in a dozen states`.
 */
export const SAME_FACT_RUN = 5;

/**
 * Finds which sources report the same statement or fact. A text is reported by a source when
 * most of its word pairs (after folding quotes, case and bracketed insertions such as `[sic]`)
 * occur in that source, or when the source repeats a run of words holding one of its numbers.
 * Word pairs make the test tolerant of a few words more or less, `alining` for `aligning`, and
 * a bracketed `[Kanye and I]` for `We`.
 */
export interface Corroboration {
  /** Indexes of the sources reporting `text` (its statement or one of its facts), in corpus order. */
  sourcesReporting(text: string): number[];
  /** Indexes of the sources repeating `text`'s statement itself (word pairs only). */
  sourcesRepeating(text: string): number[];
  /** Share of `text`'s word pairs found in `other` (1 when `other` repeats one of its facts). */
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

/** Runs of `SAME_FACT_RUN` words that hold a number: the fingerprints of a factual claim. */
export function factRuns(text: string): string[] {
  const tokens = words(text.replace(/\[[^\]]{0,40}\]/g, ' '));
  const runs: string[] = [];
  for (let i = 0; i + SAME_FACT_RUN <= tokens.length; i++) {
    const run = tokens.slice(i, i + SAME_FACT_RUN);
    if (run.some((t) => /\d/.test(t))) runs.push(run.join(' '));
  }
  return runs;
}

function addPosting(map: Map<string, number[]>, key: string, source: number): void {
  const list = map.get(key);
  if (list) list.push(source);
  else map.set(key, [source]);
}

/**
 * Indexes the word pairs and numeric runs of every source.
 *
 * @example
 * buildCorroboration(['He said "we aren't friends"', 'We aren’t friends.']).sourcesReporting("we aren't friends") // [0, 1]
 */
export function buildCorroboration(sourceTexts: readonly string[]): Corroboration {
  const pairPostings = new Map<string, number[]>();
  const factPostings = new Map<string, number[]>();
  sourceTexts.forEach((text, source) => {
    for (const pair of new Set(wordPairs(text))) addPosting(pairPostings, pair, source);
    for (const run of new Set(factRuns(text))) addPosting(factPostings, run, source);
  });
  const repeating = (text: string) => {
    const pairs = [...new Set(wordPairs(text))];
    const counts = new Map<number, number>();
    for (const pair of pairs) {
      for (const source of pairPostings.get(pair) ?? []) {
        counts.set(source, (counts.get(source) ?? 0) + 1);
      }
    }
    const sources = new Set<number>();
    for (const [source, count] of counts) {
      if (count / pairs.length >= SAME_STATEMENT_COVERAGE) sources.add(source);
    }
    return sources;
  };
  return {
    sourcesRepeating: (text) => [...repeating(text)].sort((a, b) => a - b),
    sourcesReporting(text) {
      const reporting = repeating(text);
      for (const run of factRuns(text)) {
        for (const source of factPostings.get(run) ?? []) reporting.add(source);
      }
      return [...reporting].sort((a, b) => a - b);
    },
    overlap(text, other) {
      const otherRuns = new Set(factRuns(other));
      if (factRuns(text).some((run) => otherRuns.has(run))) return 1;
      const pairs = new Set(wordPairs(text));
      if (pairs.size === 0) return 0;
      const otherPairs = new Set(wordPairs(other));
      let shared = 0;
      for (const pair of pairs) if (otherPairs.has(pair)) shared++;
      return shared / pairs.size;
    },
  };
}
