/**
 * `npm run bench`: speed figures, each beside a baseline measured in the same run.
 * Targets live here, not in tests: Discord and Slack acknowledgements p99 < 100 ms.
 */
import { EVAL_CORPORA } from '../eval/corpora.ts';
import { readGoldQuestions } from '../eval/questions-eval.ts';
import { benchCoreLatency } from './core-latency.ts';
import { benchDiscordAck } from './discord-ack.ts';
import { benchIsolation, benchStoreMemory, benchWorkerHop, SLOW_MS } from './isolation.ts';
import { benchScale, TARGETS } from './scale.ts';
import { benchSlackAck } from './slack-ack.ts';
import { benchStories } from './stories.ts';

const ms = (x: number) => `${x.toFixed(2)} ms`;
const ACK_TARGET_MS = 100;
const count = Number(process.argv[2] ?? 200);

console.log('rift benchmark\n');
for (const corpus of EVAL_CORPORA) {
  const story = corpus.load();
  const questions = readGoldQuestions(corpus.questions).map((g) =>
    g.q === 'why' ? (story.mainQuestion ?? g.q) : g.q,
  );
  const { ask, baseline } = benchCoreLatency(story, questions);
  console.log(
    `ask on ${corpus.name} (${story.index.passages.length} passages, ${questions.length} questions x 5)`,
  );
  console.log(`  rift ask (full pipeline)     p50 ${ms(ask.p50)}  p99 ${ms(ask.p99)}`);
  console.log(`  plain minisearch search      p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}`);
  console.log(
    `  ratio rift / minisearch      p50 ${(ask.p50 / baseline.p50).toFixed(1)}x  p99 ${(ask.p99 / baseline.p99).toFixed(1)}x\n`,
  );
}

const discord = await benchDiscordAck(count);
console.log(
  `Discord ack, dispatch -> interaction callback (${count} interactions via the stand-in)`,
);
console.log(
  `  p50 ${ms(discord.p50)}  p99 ${ms(discord.p99)}  target p99 < ${ACK_TARGET_MS} ms: ${discord.p99 < ACK_TARGET_MS ? 'met' : 'MISSED'} (${(ACK_TARGET_MS / discord.p99).toFixed(0)}x headroom)\n`,
);
const slack = await benchSlackAck(count);
console.log(`Slack ack, signed HTTP request -> ack response (${count} requests, HTTP mode)`);
console.log(
  `  p50 ${ms(slack.p50)}  p99 ${ms(slack.p99)}  target p99 < ${ACK_TARGET_MS} ms: ${slack.p99 < ACK_TARGET_MS ? 'met' : 'MISSED'} (${(ACK_TARGET_MS / slack.p99).toFixed(0)}x headroom)`,
);
console.log('');

const seedQuestions = readGoldQuestions(EVAL_CORPORA[0]?.questions ?? '').map((g) => g.q);
const hop = await benchWorkerHop(seedQuestions);
console.log(`Worker hop: ask on the seeds (${seedQuestions.length} questions x 5)`);
console.log(
  `  through the worker runtime  p50 ${ms(hop.workers.p50)}  p99 ${ms(hop.workers.p99)}\n  in-process core             p50 ${ms(hop.inProcess.p50)}  p99 ${ms(hop.inProcess.p99)}\n  hop cost                    p50 ${ms(hop.workers.p50 - hop.inProcess.p50)}  p99 ${ms(hop.workers.p99 - hop.inProcess.p99)}\n`,
);

const busy = await benchIsolation();
console.log(
  `While one question keeps the core busy for ${SLOW_MS / 1000} s (Slack HTTP mode, seeds)`,
);
console.log(
  `  /healthz        workers p50 ${ms(busy.workers.health.p50)} p99 ${ms(busy.workers.health.p99)}   core on the event loop p50 ${ms(busy.eventLoop.health.p50)} p99 ${ms(busy.eventLoop.health.p99)}`,
);
console.log(
  `  other user ack  workers p50 ${ms(busy.workers.ack.p50)} p99 ${ms(busy.workers.ack.p99)}   core on the event loop p50 ${ms(busy.eventLoop.ack.p50)} p99 ${ms(busy.eventLoop.ack.p99)}`,
);
const worst = Math.max(busy.workers.health.p99, busy.workers.ack.p99);
console.log(
  `  target p99 < ${ACK_TARGET_MS} ms with workers: ${worst < ACK_TARGET_MS ? 'met' : 'MISSED'}\n`,
);

const store = await benchStoreMemory();
console.log(
  `Memory store, heap per 100,000 keys: rate counters ${store.rate.toFixed(1)} MB, delivery ids ${store.seen.toFixed(1)} MB\n`,
);

benchStories(100, 20);

// Large synthetic corpora; `npm run bench -- 200 1000` runs only the smaller size.
const sizes = process.argv
  .slice(3)
  .map(Number)
  .filter((n) => n > 0);
const scale = benchScale(sizes.length > 0 ? sizes : [1000, 10000]);
const largest = scale.at(-1);
if (largest) {
  const { rift, baseline } = largest;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`Targets at ${largest.size.toLocaleString('en-US')} articles:`);
  console.log(
    `  ask p99 <= ${TARGETS.askP99Ms} ms: ${rift.ask.p99.toFixed(1)} ms, ${verdict(rift.ask.p99 <= TARGETS.askP99Ms)}`,
  );
  console.log(
    `  build <= ${TARGETS.buildRatio}x minisearch: ${(rift.buildMs / baseline.buildMs).toFixed(1)}x, ${verdict(rift.buildMs / baseline.buildMs <= TARGETS.buildRatio)}`,
  );
  console.log(
    `  peak memory <= ${TARGETS.peakMB} MB: ${rift.peakMB.toFixed(0)} MB, ${verdict(rift.peakMB <= TARGETS.peakMB)}`,
  );
}
process.exit(0);
