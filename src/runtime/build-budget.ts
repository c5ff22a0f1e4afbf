/**
 * The build budget scales with the corpus: a fixed part (config, workers starting, word vectors
 * converted on a cold start) plus a part per megabyte of article text. A small story that hangs
 * (a boilerplate pattern that backtracks in a way the config check cannot see) is stopped within
 * about a minute, while a corpus of tens of thousands of articles still has the time it needs.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeConfig } from '../config/rift-config.ts';
import { type CorpusLimits, DEFAULT_CORPUS_LIMITS } from '../core/corpus/load.ts';

/**
 * The build budget for `bytes` of articles.
 *
 * @example
 * buildBudgetMs({ buildMs: 60_000, buildMsPerMB: 10_000 }, 4_100_000) // 101_000
 */
export function buildBudgetMs(
  runtime: Pick<RuntimeConfig, 'buildMs' | 'buildMsPerMB'>,
  bytes: number,
): number {
  return Math.round(runtime.buildMs + (runtime.buildMsPerMB * bytes) / 1_000_000);
}

/**
 * Bytes of article text a build of `dir` reads at most: the regular `.txt` files among the first
 * `maxArticles` names, each counted up to `maxArticleBytes` (what the corpus loader reads). Only
 * metadata is read (never a file's contents), so a FIFO or a device cannot block it; an
 * unreadable folder counts as empty.
 *
 * @example
 * corpusBytes('seeds') // 24_000 or so
 */
export function corpusBytes(dir: string, limits: CorpusLimits = DEFAULT_CORPUS_LIMITS): number {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .slice(0, limits.maxArticles);
  } catch {
    return 0;
  }
  let total = 0;
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) total += Math.min(stat.size, limits.maxArticleBytes);
    } catch {
      // A dangling link or an entry removed meanwhile: the loader skips it too.
    }
  }
  return total;
}
