import { quoteWords } from './fold.ts';

/** What clustering needs of a quotation: where it appeared and its words. */
export interface Clusterable {
  readonly source: string;
  readonly text: string;
}

const MIN_SHARED_BIGRAMS = 3;
const MIN_CONTAINMENT = 0.5;

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
  const grams = items.map((item) => bigrams(quoteWords(item.text)));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i]?.source === items[j]?.source) continue;
      if (similar(grams[i] ?? new Set(), grams[j] ?? new Set())) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
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
