import { words } from '../text/fold.ts';

/** How much of a statement a source must repeat (share of its word pairs) to report it. */
export const SAME_STATEMENT_COVERAGE = 0.6;
/**
 * A run of this many words, one of them a number, repeated verbatim is the same fact told in
 * other words around it: `about 60,000 votes in a dozen states`.
 */
export const SAME_FACT_RUN = 5;

/** The postings a corroboration index is made of: plain data, for snapshots. */
export interface CorroborationData {
  readonly pairPostings: Map<string, number[]>;
  readonly factPostings: Map<string, number[]>;
}

/**
 * Finds which sources report the same statement or fact. A text is reported by a source when
 * most of its word pairs (after folding quotes, case and bracketed insertions such as `[sic]`)
 * occur in that source, or when the source repeats a run of words holding one of its numbers.
 * Word pairs make the test tolerant of a few words more or less, `alining` for `aligning`, and
 * a bracketed `[Kanye and I]` for `We`.
 */
export interface Corroboration {
  /** The index's postings, for snapshots. */
  readonly data: CorroborationData;
  /** Indexes of the sources reporting `text` (its statement or one of its facts), in corpus order. */
  sourcesReporting(text: string): number[];
  /** Indexes of the sources repeating `text`'s statement itself (word pairs only), at most `limit`. */
  sourcesRepeating(text: string, limit?: number): number[];
  /** The same, from the text's word pairs already computed. */
  sourcesRepeatingPairs(pairs: readonly string[], limit?: number): number[];
  /** Share of `text`'s word pairs found in `other` (1 when `other` repeats one of its facts). */
  overlap(text: string, other: string): number;
}

/** Word pairs of a text, ignoring bracketed insertions. */
export function wordPairs(text: string): string[] {
  return pairsOf(words(text.replace(/\[[^\]]{0,40}\]/g, ' ')));
}

/** Word pairs of a list of words (a single word stands for itself). */
export function pairsOf(tokens: readonly string[]): string[] {
  if (tokens.length === 1) return [...tokens];
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

/** What two texts are compared on: word pairs and numeric runs, computed once per text. */
export interface Signature {
  readonly pairs: ReadonlySet<string>;
  readonly runs: ReadonlySet<string>;
}

/** The signature of a text. */
export function signature(text: string): Signature {
  return { pairs: new Set(wordPairs(text)), runs: new Set(factRuns(text)) };
}

/** Share of `a`'s word pairs found in `b`; 1 when `b` repeats one of `a`'s numeric facts. */
export function signatureOverlap(a: Signature, b: Signature): number {
  for (const run of a.runs) if (b.runs.has(run)) return 1;
  if (a.pairs.size === 0) return 0;
  let shared = 0;
  for (const pair of a.pairs) {
    if (b.pairs.has(pair)) shared++;
    // Another number in the same words is another claim.
    else if (/\d/.test(pair)) return 0;
  }
  return shared / a.pairs.size;
}

/**
 * True when two texts say the same thing in the same words but with other numbers: the same
 * fact reported differently, which belongs under "Another view", not beside it.
 */
export function numbersDisagree(a: Signature, b: Signature, threshold: number): boolean {
  let shared = 0;
  let words = 0;
  let differs = false;
  for (const pair of a.pairs) {
    if (/\d/.test(pair)) {
      if (!b.pairs.has(pair)) differs = true;
      continue;
    }
    words++;
    if (b.pairs.has(pair)) shared++;
  }
  return differs && words > 0 && shared / words >= threshold;
}

function addPosting(map: Map<string, number[]>, key: string, source: number): void {
  const list = map.get(key);
  if (list) list.push(source);
  else map.set(key, [source]);
}

/** Most candidate sources examined for one text; beyond it agreement is already overwhelming. */
const MAX_CANDIDATES = 512;

/** True when the sorted list holds `value`. */
function sortedHas(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid] as number;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Indexes the word pairs and numeric runs of every source.
 *
 * @example
 * buildCorroboration(['He said "we aren't friends"', 'We aren’t friends.']).sourcesReporting("we aren't friends") // [0, 1]
 */
export function buildCorroboration(sourceTexts: readonly string[]): Corroboration {
  // Postings are filled in source order, so each list is sorted and searchable by halves.
  const pairPostings = new Map<string, number[]>();
  const factPostings = new Map<string, number[]>();
  sourceTexts.forEach((text, source) => {
    for (const pair of new Set(wordPairs(text))) addPosting(pairPostings, pair, source);
    for (const run of new Set(factRuns(text))) addPosting(factPostings, run, source);
  });
  return corroborationFromData({ pairPostings, factPostings });
}

/** Rebuilds a corroboration index from its postings (e.g. read from a snapshot). */
export function corroborationFromData(data: CorroborationData): Corroboration {
  const { pairPostings, factPostings } = data;
  /**
   * Sources holding at least SAME_STATEMENT_COVERAGE of the text's pairs. Such a source must hold
   * one of the rarest (1 - coverage) share of pairs plus one, so only their sources are checked.
   */
  const repeating = (text: string, limit: number) => repeatingPairs(wordPairs(text), limit);
  const repeatingPairs = (pairs: readonly string[], limit: number) => {
    const unique = [...new Set(pairs)];
    const lists = unique.map((pair) => pairPostings.get(pair) ?? []);
    // The same words around another number are another claim: every pair holding a number
    // must be repeated, `about 60,000 votes` is not `about 66,000 votes`.
    const numeric = unique
      .filter((pair) => /\d/.test(pair))
      .map((pair) => pairPostings.get(pair) ?? []);
    const found = new Set<number>();
    if (lists.length === 0) return found;
    const needed = Math.ceil(lists.length * SAME_STATEMENT_COVERAGE);
    const rarest = [...lists]
      .sort((a, b) => a.length - b.length)
      .slice(0, lists.length - needed + 1);
    // When only a few confirmations are wanted, a few times as many candidates suffice.
    const cap = Number.isFinite(limit) ? Math.min(MAX_CANDIDATES, limit * 8) : MAX_CANDIDATES;
    const candidates = new Set<number>();
    for (const list of rarest) {
      for (const source of list) {
        candidates.add(source);
        if (candidates.size >= cap) break;
      }
      if (candidates.size >= cap) break;
    }
    // How many of the lists hold each candidate: searched for in every list by halves, or, when
    // that would cost well more than reading the lists twice (count, then reset; many candidates,
    // as when a statement is reported everywhere), counted in one pass over them. Either way the
    // same count, so the same sources are found.
    const total = lists.reduce((n, list) => n + list.length, 0);
    const searchCost = candidates.size * lists.length * Math.log2(2 + total / lists.length);
    const counted = 3 * total < searchCost ? countSources(lists) : null;
    for (const source of candidates) {
      let hits = 0;
      if (counted) hits = counted[source] ?? 0;
      else for (const list of lists) if (sortedHas(list, source)) hits++;
      if (hits >= needed && numeric.every((list) => sortedHas(list, source))) found.add(source);
      if (found.size >= limit) break;
    }
    if (counted) for (const list of lists) for (const source of list) counted[source] = 0;
    return found;
  };
  // One counter per source, zeroed after each use (only the sources counted are touched).
  let counts: Uint32Array | null = null;
  const countSources = (lists: readonly (readonly number[])[]): Uint32Array => {
    if (!counts) {
      let sources = 0;
      for (const list of pairPostings.values())
        sources = Math.max(sources, (list.at(-1) ?? -1) + 1);
      counts = new Uint32Array(sources);
    }
    for (const list of lists) for (const source of list) counts[source] = (counts[source] ?? 0) + 1;
    return counts;
  };
  return {
    data,
    sourcesRepeating: (text, limit = Number.POSITIVE_INFINITY) =>
      [...repeating(text, limit)].sort((a, b) => a - b),
    sourcesRepeatingPairs: (pairs, limit = Number.POSITIVE_INFINITY) =>
      [...repeatingPairs(pairs, limit)].sort((a, b) => a - b),
    sourcesReporting(text) {
      const reporting = repeating(text, Number.POSITIVE_INFINITY);
      for (const run of factRuns(text)) {
        for (const source of factPostings.get(run) ?? []) reporting.add(source);
      }
      return [...reporting].sort((a, b) => a - b);
    },
    overlap: (text, other) => signatureOverlap(signature(text), signature(other)),
  };
}
