import { fileURLToPath } from 'node:url';
import { loadCorpus, parseArticle } from '../../../src/core/corpus/load.ts';
import type { Article } from '../../../src/core/corpus/types.ts';
import {
  buildQuoteIndex,
  type PersonAlias,
  type QuoteIndex,
} from '../../../src/core/quotes/index.ts';

/** Repository root, so tests run from any working directory. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SEEDS = `${ROOT}seeds`;
export const STADIUM = `${ROOT}test/fixtures/corpora/stadium`;
export const SEED_ALIASES: readonly PersonAlias[] = [
  { name: 'Kanye West', aliases: ['Ye', 'Yeezy'] },
  { name: 'John Legend', aliases: ['JL'] },
];

/** An article built from text, one paragraph per line. */
export function article(text: string, id = 'test'): Article {
  return parseArticle(id, text, `/tmp/${id}.txt`, { boilerplate: [] });
}

/** The quote index of a few articles given as text. */
export function indexOf(
  texts: readonly string[],
  aliases: readonly PersonAlias[] = [],
): QuoteIndex {
  return buildQuoteIndex(
    texts.map((text, i) => article(text, `a${i}`)),
    { aliases },
  );
}

/** The quote (per mention) whose text contains `fragment`. */
export function mentionOf(index: QuoteIndex, fragment: string) {
  const all = index.quotes.flatMap((q) => q.mentions);
  return all.find((m) => m.text.includes(fragment));
}

export function seedArticles(): readonly Article[] {
  return loadCorpus(SEEDS, { boilerplate: [] }).articles;
}

export function stadiumArticles(): readonly Article[] {
  return loadCorpus(STADIUM, { boilerplate: [] }).articles;
}
