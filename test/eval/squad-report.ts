/**
 * Prints the squad-dev tables: per story and in total, rift beside BM25 from the same run, and
 * rift's misses grouped by kind. Run alone: `node --import tsx test/eval/squad-report.ts [--squad DIR]`.
 */
import { fileURLToPath } from 'node:url';
import {
  evaluateSquadStory,
  type MissKind,
  readSquadStories,
  type SquadScores,
  type SquadStoryResult,
  scoreOutcomes,
  squadDir,
} from './squad.ts';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function row(name: string, s: SquadScores): string {
  return `  ${name.padEnd(28)}${f3(s.passAt1).padStart(8)}${f3(s.passAt3).padStart(8)}${pct(s.wrongAbstentions).padStart(9)}${`${s.foreignAbstained}/${s.foreign}`.padStart(9)}${s.meanSnippetChars.toFixed(0).padStart(8)}`;
}

const HEADER = `  ${'story'.padEnd(28)}${'pass@1'.padStart(8)}${'pass@3'.padStart(8)}${'wr.abst'.padStart(9)}${'foreign'.padStart(9)}${'chars'.padStart(8)}`;

/**
 * Evaluates every story and prints the tables; returns the results, or null when the data is
 * missing (then it says so and how to point at it).
 */
export function printSquadEval(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): SquadStoryResult[] | null {
  const dir = squadDir(argv, env);
  const stories = readSquadStories(dir);
  if (stories.length === 0) {
    console.log(
      `squad-dev: skipped, no stories at ${dir} (pass --squad DIR or set RIFT_SQUAD_DEV to the squad-dev folder).`,
    );
    return null;
  }
  const verbose = argv.includes('--verbose');
  const only = argv.filter((a) => a.startsWith('--story=')).map((a) => a.slice(8));
  const chosen = only.length
    ? stories.filter((s) => only.some((o) => s.title.includes(o)))
    : stories;
  const started = Date.now();
  const results = chosen.map(evaluateSquadStory);
  console.log(
    `squad-dev: ${chosen.length} stories from ${dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  console.log(
    `rift per story (pass@k, wrong abstentions of answerable, foreign abstained, mean snippet chars)`,
  );
  console.log(HEADER);
  for (const r of results) console.log(row(r.title.slice(0, 28), scoreOutcomes(r.rift)));
  console.log('');
  console.log(
    'BM25 per story (k1 1.2, b 0.75, Porter, Lucene stop words, Intl.Segmenter sentences, top 3)',
  );
  console.log(HEADER);
  for (const r of results) console.log(row(r.title.slice(0, 28), scoreOutcomes(r.bm25)));
  console.log('');
  console.log('squad-dev total');
  console.log(HEADER);
  const rift = scoreOutcomes(results.flatMap((r) => r.rift));
  const bm25 = scoreOutcomes(results.flatMap((r) => r.bm25));
  console.log(row('rift', rift));
  console.log(row('BM25 + stemming', bm25));
  console.log(
    `  rift - BM25: pass@1 ${((rift.passAt1 - bm25.passAt1) * 100).toFixed(1)} points, pass@3 ${((rift.passAt3 - bm25.passAt3) * 100).toFixed(1)} points`,
  );
  console.log('');
  const kinds = new Map<MissKind, string[]>();
  for (const r of results)
    for (const [kind, qs] of r.misses) kinds.set(kind, [...(kinds.get(kind) ?? []), ...qs]);
  console.log('rift misses at rank 1 by kind');
  for (const [kind, qs] of [...kinds].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${kind.padEnd(28)}${String(qs.length).padStart(6)}`);
    if (verbose) for (const q of qs) console.log(`      ${q}`);
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printSquadEval(process.argv.slice(2), process.env);
}
