/**
 * Scale benchmark: synthetic corpora of 1,000 and 10,000 articles grown from the seeds, each
 * measured in a fresh process for rift (full build and answer pipeline) and for plain
 * minisearch over the same sentences (the baseline), with the ratios; then the worker runtime
 * `npm start` serves from (one story worker; the default, a second started while questions
 * overlap; two always running), against rift in-process, with questions one at a time and two
 * at a time.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readGoldQuestions } from '../eval/questions-eval.ts';
import type { Percentiles } from './percentiles.ts';
import { generateCorpus, writeCorpus } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKER = resolve(import.meta.dirname, 'scale-worker.ts');

/** Targets from the issue, at 10,000 articles. */
export const TARGETS = { askP99Ms: 25, buildRatio: 2, peakMB: 1536 } as const;

interface RiftFigures {
  passages: number;
  buildMs: number;
  /** CPU time of the process up to the story built (all its threads, GC included). */
  buildCpuMs: number;
  peakMB: number;
  ask: Percentiles;
  quotes: Percentiles;
  complete: Percentiles;
}
/** The worker runtime (`npm start`): the whole process, main thread and every worker. */
interface ServingFigures {
  workers: number;
  /** Workers always running; null: the runtime's default. */
  minWorkers: number | null;
  /** `workerStartAfterMs` as measured; `null` for the runtime's default. */
  startAfterMs: number | null;
  readyMs: number;
  /** CPU time of the process up to the pool ready (all its threads, the build included). */
  readyCpuMs: number;
  /** Peak with the questions asked one after another. */
  peakSequentialMB: number;
  /** Peak once they have also been asked two at a time. */
  peakMB: number;
  rssAskedMB: number;
  mainHeapMB: number;
  /** Story workers running after the questions one at a time, and after two at a time. */
  workersSequential: number;
  workersConcurrent: number;
  /** Start-to-ready time of each worker started after the pool was ready (on demand). */
  laterStartMs: number[];
  ask: Percentiles;
  /** Each pair's slower answer, from when both were asked. */
  pairs: Percentiles;
}
interface BaselineFigures {
  passages: number;
  buildMs: number;
  peakMB: number;
  search: Percentiles;
  fuzzy: Percentiles;
}

/**
 * The worker runtimes measured: one worker; the default (a second started for a question that
 * has waited `workerStartAfterMs` for a busy one), as configured and with the second started as
 * soon as two questions overlap (`startAfterMs: 0`: what a second copy of the story costs); two
 * always running.
 */
const SERVING = [
  { workers: 1, minWorkers: 1, startAfterMs: 0 },
  { workers: 2, minWorkers: null, startAfterMs: null },
  { workers: 2, minWorkers: null, startAfterMs: 0 },
  { workers: 2, minWorkers: 2, startAfterMs: 0 },
] as const;

/** A worker runtime to measure: `null` keeps the runtime's default. */
interface ServingSetting {
  readonly workers: number;
  readonly minWorkers: number | null;
  readonly startAfterMs: number | null;
}

function run<T>(
  mode: string,
  dir: string,
  questionsFile: string,
  cache = '',
  workers: ServingSetting = { workers: 2, minWorkers: null, startAfterMs: null },
): T {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', WORKER, mode, dir, questionsFile],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: {
        ...process.env,
        RIFT_BENCH_CACHE: cache,
        RIFT_BENCH_WORKERS: String(workers.workers),
        RIFT_BENCH_MIN_WORKERS: workers.minWorkers === null ? '' : String(workers.minWorkers),
        RIFT_BENCH_START_AFTER: workers.startAfterMs === null ? '' : String(workers.startAfterMs),
      },
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
}

/** Runs the scale benchmark for each size and prints a table; returns the figures. */
export function benchScale(sizes: readonly number[]) {
  const gold = readGoldQuestions(resolve(ROOT, 'test/fixtures/questions.json')).map((g) => g.q);
  // Each question three times over, with the renamed people of the synthetic stories too.
  const questions = [
    ...gold,
    ...gold.map((q) => q.replace(/Kanye|Ye\b/g, 'Ava').replace(/Legend/g, 'Hart')),
    ...gold,
  ];
  const questionsFile = join(tmpdir(), 'rift-bench-questions.json');
  writeFileSync(questionsFile, JSON.stringify(questions));
  const results = [];
  for (const size of sizes) {
    const dir = join(tmpdir(), `rift-bench-${size}`);
    writeCorpus(dir, generateCorpus(resolve(ROOT, 'seeds'), size));
    const baseline = run<BaselineFigures>('minisearch', dir, questionsFile);
    const rift = run<RiftFigures>('rift', dir, questionsFile);
    const cache = join(tmpdir(), `rift-bench-cache-${size}`);
    const coldBuild = run<{ ms: number }>('cold', dir, questionsFile);
    run('index', dir, questionsFile, cache);
    const coldSnapshot = run<{ ms: number; peakMB: number }>('cold', dir, questionsFile, cache);
    // The worker runtime on the first (smallest) size only: three more builds per size.
    const serving =
      size === sizes[0]
        ? SERVING.map((w) => run<ServingFigures>('serving', dir, questionsFile, '', w))
        : [];
    results.push({ size, rift, baseline, coldBuild, coldSnapshot, serving });
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `${size.toLocaleString('en-US')} articles, ${rift.passages.toLocaleString('en-US')} passages (${questions.length} questions)`,
    );
    console.log(
      `  build        rift ${ms(rift.buildMs)} (load, clean, segment, quotes, people, index)  minisearch ${ms(baseline.buildMs)}  ratio ${(rift.buildMs / baseline.buildMs).toFixed(1)}x`,
    );
    console.log(
      `  build CPU    rift ${ms(rift.buildCpuMs)} (process start included; the wall time above also counts waiting for a shared CPU)`,
    );
    console.log(
      `  peak memory  rift ${rift.peakMB.toFixed(0)} MB  minisearch ${baseline.peakMB.toFixed(0)} MB`,
    );
    console.log(
      `  ask          p50 ${ms(rift.ask.p50)}  p99 ${ms(rift.ask.p99)}   minisearch search p50 ${ms(baseline.search.p50)} p99 ${ms(baseline.search.p99)}; prefix+fuzzy 0.2 p50 ${ms(baseline.fuzzy.p50)} p99 ${ms(baseline.fuzzy.p99)}`,
    );
    console.log(
      `  ask / minisearch  p50 ${(rift.ask.p50 / baseline.search.p50).toFixed(1)}x  p99 ${(rift.ask.p99 / baseline.search.p99).toFixed(1)}x;  vs prefix+fuzzy p99 ${(rift.ask.p99 / baseline.fuzzy.p99).toFixed(2)}x`,
    );
    console.log(
      `  quotes by speaker p50 ${ms(rift.quotes.p50)} p99 ${ms(rift.quotes.p99)};  autocomplete p50 ${ms(rift.complete.p50)} p99 ${ms(rift.complete.p99)}`,
    );
    console.log(
      `  cold start (process launch to story ready)  rebuilding ${ms(coldBuild.ms)}  from snapshot ${ms(coldSnapshot.ms)}  ${(coldBuild.ms / coldSnapshot.ms).toFixed(1)}x faster`,
    );
    // The runtime `npm start` serves from, against the in-process figures above (same corpus,
    // same questions): memory of the whole process, and what each question pays for the hop.
    if (serving.length > 0)
      console.log(
        '  worker runtime (npm start), whole process; questions asked one at a time, then two at a time:',
      );
    for (const s of serving) {
      const kept =
        s.minWorkers !== null
          ? `${s.minWorkers} kept`
          : s.startAfterMs === null
            ? 'default'
            : `default, a second started at once`;
      const ratio = (mb: number) => `${(mb / rift.peakMB).toFixed(2)}x`;
      const later =
        s.laterStartMs.length > 0
          ? `; a worker started on demand was ready in ${s.laterStartMs.map((x) => `${(x / 1000).toFixed(1)} s`).join(', ')}`
          : '';
      console.log(
        `    ${s.workers} worker${s.workers === 1 ? ' ' : 's'} (${kept})  ready ${ms(s.readyMs)} (CPU ${ms(s.readyCpuMs)})  peak one at a time ${s.peakSequentialMB.toFixed(0)} MB (${ratio(s.peakSequentialMB)} in-process, ${s.workersSequential} running), two at a time ${s.peakMB.toFixed(0)} MB (${ratio(s.peakMB)}, ${s.workersConcurrent} running)${later}`,
      );
      console.log(
        `      ask p50 ${ms(s.ask.p50)} (+${ms(s.ask.p50 - rift.ask.p50)} hop, ${(s.ask.p50 / rift.ask.p50).toFixed(2)}x)  p99 ${ms(s.ask.p99)};  two at a time, the later answer p50 ${ms(s.pairs.p50)} p99 ${ms(s.pairs.p99)};  main thread heap ${s.mainHeapMB.toFixed(0)} MB`,
      );
    }
    console.log('');
  }
  return results;
}
