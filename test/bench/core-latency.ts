/**
 * Core answer latency on a story, beside plain minisearch searching the same sentences with
 * default options, measured in the same run so the ratio is meaningful on any machine.
 */
import MiniSearch from 'minisearch';
import { createRift } from '../../src/commands/open.ts';
import type { Story } from '../../src/core/story.ts';
import { percentiles } from './percentiles.ts';

function time(run: () => unknown, rounds: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/** ask latency through the full pipeline vs plain minisearch, over the given questions. */
export function benchCoreLatency(story: Story, questions: readonly string[], rounds = 5) {
  const rift = createRift(story);
  const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  plain.addAll(story.index.passages.map((p) => ({ id: p.id, text: p.text })));
  // Warm up both so the first compile does not count.
  for (const q of questions) {
    rift.run({ name: 'ask', question: q, private: false });
    plain.search(q);
  }
  const ask = questions.flatMap((q) =>
    time(() => rift.run({ name: 'ask', question: q, private: false }), rounds),
  );
  const baseline = questions.flatMap((q) => time(() => plain.search(q), rounds));
  return { ask: percentiles(ask), baseline: percentiles(baseline) };
}
