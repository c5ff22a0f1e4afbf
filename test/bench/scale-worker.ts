/**
 * One benchmark measurement in its own process, so peak memory (maxRSS) belongs to it alone.
 * `node --import tsx test/bench/scale-worker.ts <rift|serving|minisearch|index|cold> <corpus dir> <questions json>`
 * prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { createRift, indexStory, loadStory } from '../../src/commands/open.ts';
import { loadCorpus } from '../../src/core/corpus/load.ts';
import { silentLogger } from '../../src/log.ts';
import { openServingRift } from '../../src/runtime/serving-rift.ts';
import { percentiles } from './percentiles.ts';

const [mode, dir, questionsFile] = process.argv.slice(2);
const questions: string[] = JSON.parse(readFileSync(questionsFile ?? '', 'utf8'));

function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const start = process.hrtime.bigint();
    run(input);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
}

const started = process.hrtime.bigint();
const cache = process.env.RIFT_BENCH_CACHE ?? '';
if (mode === 'index' || mode === 'cold') {
  // Cold start: the whole process, from launch to a story ready to answer, with or without
  // the snapshot `rift index` writes.
  if (mode === 'index') indexStory({ corpus: dir, cache });
  else loadStory({ corpus: dir, cache: cache || false });
  console.log(
    JSON.stringify({ ms: process.uptime() * 1000, peakMB: process.resourceUsage().maxRSS / 1024 }),
  );
} else if (mode === 'serving') {
  // The runtime `npm start` serves from: the story built in a build worker, answered by up to
  // RIFT_BENCH_WORKERS story workers, RIFT_BENCH_MIN_WORKERS of them always running (default: the
  // runtime's). Peak and settled memory of the whole process, all threads: first with the
  // questions asked one after another, then asked two at a time, which starts a second worker
  // when the pool may have one (a second copy of the story).
  const workers = Number(process.env.RIFT_BENCH_WORKERS ?? 2);
  const minWorkers = process.env.RIFT_BENCH_MIN_WORKERS
    ? Math.min(workers, Number(process.env.RIFT_BENCH_MIN_WORKERS))
    : undefined;
  const startAfterMs = process.env.RIFT_BENCH_START_AFTER
    ? Number(process.env.RIFT_BENCH_START_AFTER)
    : null;
  // How long each story worker took from its start to ready, from the pool's log.
  const startMs: number[] = [];
  const log = {
    ...silentLogger,
    info(message: string, fields?: Record<string, unknown>) {
      if (message === 'story worker ready' && typeof fields?.ms === 'number')
        startMs.push(fields.ms);
    },
  };
  const serving = await openServingRift({
    corpus: dir,
    cache: false,
    log,
    // RIFT_BENCH_START_AFTER=0: a second worker as soon as two questions overlap (the default
    // waits a second for a busy one first, which these questions are done within), to
    // measure the memory of the second copy; empty: the runtime's default.
    runtime: {
      workers,
      ...(minWorkers ? { minWorkers } : {}),
      ...(startAfterMs === null ? {} : { workerStartAfterMs: startAfterMs }),
      requestMs: 60_000,
      // A measurement, not a budget check: a shared machine can take minutes to build.
      buildMs: 3_600_000,
    },
  });
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const readyCpu = process.cpuUsage();
  const rssReady = process.memoryUsage().rss / 2 ** 20;
  const started0 = startMs.length;
  const asked: number[] = [];
  for (const q of questions) {
    const t = process.hrtime.bigint();
    await serving.run({ name: 'ask', question: q, private: false });
    asked.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const rssAsked = process.memoryUsage().rss / 2 ** 20;
  const peakSequential = process.resourceUsage().maxRSS / 1024;
  // The main thread's own heap: it holds no story, only the shared bytes' handles.
  const mainHeap = process.memoryUsage().heapUsed / 2 ** 20;
  const workersSequential = serving.stats().workers;
  // Two at a time: each pair's slower answer, timed from when both were asked.
  const pairs: number[] = [];
  for (let i = 0; i + 1 < questions.length; i += 2) {
    const t = process.hrtime.bigint();
    await Promise.all(
      [questions[i], questions[i + 1]].map((q) =>
        serving.run({ name: 'ask', question: q ?? '', private: false }),
      ),
    );
    pairs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const workersConcurrent = serving.stats().workers;
  const rssConcurrent = process.memoryUsage().rss / 2 ** 20;
  await serving.close();
  console.log(
    JSON.stringify({
      workers,
      minWorkers: minWorkers ?? null,
      startAfterMs,
      readyMs,
      readyCpuMs: (readyCpu.user + readyCpu.system) / 1000,
      peakSequentialMB: peakSequential,
      peakMB: process.resourceUsage().maxRSS / 1024,
      rssReadyMB: rssReady,
      rssAskedMB: rssAsked,
      rssConcurrentMB: rssConcurrent,
      mainHeapMB: mainHeap,
      workersSequential,
      workersConcurrent,
      // Workers started after the pool was ready: on demand, or replacing one.
      laterStartMs: startMs.slice(started0),
      ask: percentiles(asked),
      pairs: percentiles(pairs),
    }),
  );
} else if (mode === 'rift') {
  const story = loadStory({ corpus: dir, cache: false });
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  // CPU time as well as wall time: on a shared machine the wall time mostly measures the others.
  const cpu = process.cpuUsage();
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  const rift = createRift(story);
  const ask = timeEach(questions, (q) => rift.run({ name: 'ask', question: q, private: false }));
  const speakers = story.quotes.speakers.slice(0, 50).map((s) => s.name);
  const quotes = timeEach(speakers, (s) =>
    rift.run({ name: 'quotes', speaker: s, about: null, private: false }),
  );
  const prefixes = speakers.flatMap((s) => [
    s.slice(0, 1),
    s.slice(0, 3),
    s.toLowerCase().slice(0, 5),
  ]);
  const complete = timeEach(prefixes, (p) => rift.completeSpeakers(p, 25));
  console.log(
    JSON.stringify({
      passages: story.index.passages.length,
      buildMs,
      buildCpuMs,
      peakMB: process.resourceUsage().maxRSS / 1024,
      ask: percentiles(ask),
      quotes: percentiles(quotes),
      complete: percentiles(complete),
    }),
  );
} else {
  // The baseline: plain minisearch over the same sentences, default options.
  const corpus = loadCorpus(dir ?? '', { boilerplate: [] });
  const sentences = corpus.articles.flatMap((a) => a.sentences.map((s) => s.text));
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const t = process.hrtime.bigint();
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  search.addAll(sentences.map((text, id) => ({ id, text })));
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const plain = timeEach(questions, (q) => search.search(q));
  const fuzzy = timeEach(questions, (q) => search.search(q, { prefix: true, fuzzy: 0.2 }));
  console.log(
    JSON.stringify({
      passages: sentences.length,
      loadMs,
      buildMs,
      peakMB: process.resourceUsage().maxRSS / 1024,
      search: percentiles(plain),
      fuzzy: percentiles(fuzzy),
    }),
  );
}
