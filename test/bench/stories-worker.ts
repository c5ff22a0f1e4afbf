/**
 * One measurement of the many-stories benchmark, in a fresh process (so start-up and peak memory
 * are its own): `index` writes the snapshots, `library` starts a stories folder from them and asks
 * routed and story-named questions through the worker runtime, `single` does the same for one
 * story of the same total size. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { indexStory } from '../../src/commands/open.ts';
import { silentLogger } from '../../src/log.ts';
import { openServingLibrary } from '../../src/runtime/serving-library.ts';
import { openServingRift } from '../../src/runtime/serving-rift.ts';
import { findStories } from '../../src/runtime/stories-folder.ts';
import { percentiles } from './percentiles.ts';

const [mode = '', dir = '', questionsFile = '', cache = ''] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
// Two workers always running, as this benchmark measured them before the pool was elastic, so
// its figures stay comparable: the warm-up below keeps both busy.
const runtime = {
  workers: 2,
  minWorkers: 2,
  requestMs: 60_000,
  buildMs: 3_600_000,
  queueMax: 1000,
};
const peakMB = () => process.resourceUsage().maxRSS / 1024;

/**
 * Asks the first questions on both workers at once (each pair keeps both busy), returning the
 * slowest answer: what the first questions after start-up wait for.
 */
async function warmUp(ask: (q: string) => Promise<unknown>): Promise<number> {
  let slowest = 0;
  for (const q of questions.slice(0, 5)) {
    const started = performance.now();
    await Promise.all([ask(q), ask(q)]);
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

/**
 * Every question is asked this many times (in turn, not back to back): with 60 questions, p99 is
 * the 3rd slowest of 300 answers instead of the slowest of 60, which one pause of the machine
 * decides.
 */
const ROUNDS = 5;

async function timeAll(ask: (q: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const started = performance.now();
      await ask(q);
      times.push(performance.now() - started);
    }
  }
  return times;
}

if (mode === 'index-library') {
  for (const entry of findStories(dir))
    indexStory({ corpus: entry.corpus, config: entry.config, cache });
  console.log(JSON.stringify({ ok: true }));
} else if (mode === 'index-single') {
  indexStory({ corpus: dir, cache });
  console.log(JSON.stringify({ ok: true }));
} else if (mode === 'library') {
  const started = performance.now();
  const rift = await openServingLibrary({ dir, cache, log: silentLogger, runtime });
  const startMs = performance.now() - started;
  const first = rift.stories()[0]?.id ?? '';
  // The first questions a worker answers read what each story builds on first use (spelling
  // tables, word lists, vectors): timed on their own, so the percentiles are the steady state,
  // as for one story.
  const firstMs = await warmUp((q) => rift.run({ name: 'ask', question: q, private: false }));
  const routed = await timeAll((q) => rift.run({ name: 'ask', question: q, private: false }));
  const named = await timeAll((q) =>
    rift.run({ name: 'ask', question: q, private: false, story: first }),
  );
  const kinds: Record<string, number> = {};
  for (const q of questions.slice(0, 30)) {
    const reply = await rift.run({ name: 'ask', question: q, private: false });
    kinds[reply.kind] = (kinds[reply.kind] ?? 0) + 1;
  }
  await rift.close();
  console.log(
    JSON.stringify({
      startMs,
      firstMs,
      peakMB: peakMB(),
      routed: percentiles(routed),
      named: percentiles(named),
      kinds,
      stories: rift.stories().length,
      samples: routed.length,
    }),
  );
} else if (mode === 'single') {
  const started = performance.now();
  const rift = await openServingRift({ corpus: dir, cache, log: silentLogger, runtime });
  const startMs = performance.now() - started;
  const firstMs = await warmUp((q) => rift.run({ name: 'ask', question: q, private: false }));
  const ask = await timeAll((q) => rift.run({ name: 'ask', question: q, private: false }));
  await rift.close();
  console.log(JSON.stringify({ startMs, firstMs, peakMB: peakMB(), ask: percentiles(ask) }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
