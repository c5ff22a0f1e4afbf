import { quoteWords } from './fold.ts';

/** What clustering needs of a quotation: where it appeared and its words. */
export interface Clusterable {
  readonly source: string;
  readonly text: string;
}

const MIN_SHARED_BIGRAMS = 3;
const MIN_CONTAINMENT = 0.5;
/** A word pair in more distinct quotes than this is too common to propose comparisons. */
const MAX_CANDIDATE_POSTINGS = 200;

function bigrams(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * Groups quotations that are the same statement reported by different outlets. Two quotations
 * from different sources match when they share at least three word pairs and those cover half
 * of the shorter one: robust to curly vs straight marks, `[sic]`, a misspelt word (`alining`),
 * a dropped comma (`Hey it's`), ellipses, a bracketed `[Kanye and I]` for `We`, and one outlet
 * quoting only part of what another did. Quotations of one source are never merged directly.
 * Returns groups of indices into `items`, in order of first appearance.
 *
 * @example
 * clusterQuotes([{ source: 'a', text: 'We aren’t friends as much as we used to be' },
 *   { source: 'b', text: '[Kanye and I] aren’t friends as much as we used to be' }]) // [[0, 1]]
 */
export function clusterQuotes(items: readonly Clusterable[]): number[][] {
  const words = items.map((item) => quoteWords(item.text));
  const grams = words.map(bigrams);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  // The same words are the same statement: join them without comparing pairs of quotes.
  const representative = new Map<string, number>();
  const unique: number[] = [];
  words.forEach((w, i) => {
    // Too short to be told apart from a chance match: compared like any other, never joined.
    if ((grams[i]?.size ?? 0) < MIN_SHARED_BIGRAMS) {
      unique.push(i);
      return;
    }
    const key = w.join(' ');
    const first = representative.get(key);
    if (first === undefined) {
      representative.set(key, i);
      unique.push(i);
    } else if (items[first]?.source === items[i]?.source) {
      unique.push(i);
    } else union(first, i);
  });
  // Compare only quotes sharing an uncommon word pair; a pair found in very many quotes
  // ("i think") proposes no candidates, though it still counts when two quotes are compared.
  const postings = new Map<string, number[]>();
  for (const i of unique) {
    for (const gram of grams[i] ?? []) {
      const list = postings.get(gram);
      if (list) list.push(i);
      else postings.set(gram, [i]);
    }
  }
  for (const i of unique) {
    const candidates = new Set<number>();
    for (const gram of grams[i] ?? []) {
      const list = postings.get(gram) ?? [];
      if (list.length > MAX_CANDIDATE_POSTINGS) continue;
      for (const j of list) if (j > i) candidates.add(j);
    }
    for (const j of candidates) {
      if (items[i]?.source === items[j]?.source || find(i) === find(j)) continue;
      if (similar(grams[i] ?? new Set(), grams[j] ?? new Set())) union(i, j);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}

function similar(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared >= MIN_SHARED_BIGRAMS && shared / small.size >= MIN_CONTAINMENT;
}
