/**
 * The event loop only talks: `/healthz` and another user's Slack acknowledgement while one
 * question keeps the core busy for 10 s, with the core in worker threads (the runtime `npm start`
 * uses) beside the core on the event loop (how rift ran before, the same-run baseline); what the
 * worker hop costs per question; and the store's memory per 100,000 keys.
 *
 * Run alone: `node --import tsx test/bench/isolation.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openRift } from '../../src/commands/open.ts';
import type { CoreRift, Rift } from '../../src/commands/rift.ts';
import { silentLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/ops/store.ts';
import { inProcessRift } from '../../src/runtime/in-process.ts';
import { openServingRift } from '../../src/runtime/serving-rift.ts';
import { startSlackHarness } from '../support/slack-harness.ts';
import { postSigned, slashCommandBody } from '../support/slack-standin.ts';
import { SLOW_STORY_WORKER, slowQuestion } from '../support/slow-core.ts';
import { type Percentiles, percentiles } from './percentiles.ts';

/** How long the one slow question keeps the core busy. */
export const SLOW_MS = 10_000;

/** What the other users see while one question runs for {@link SLOW_MS}. */
export interface BusyFigures {
  readonly health: Percentiles;
  readonly ack: Percentiles;
}

/** The core on the event loop, made slow the same way as the slow story worker. */
function slowInProcess(core: CoreRift): Rift {
  const rift = inProcessRift(core);
  return {
    ...rift,
    get corpusSize() {
      return rift.corpusSize;
    },
    get storyTitle() {
      return rift.storyTitle;
    },
    async run(command) {
      const match = command.name === 'ask' ? /slow-for-(\d+)/.exec(command.question) : null;
      if (match) {
        const until = Date.now() + Number(match[1]);
        while (Date.now() < until) {}
      }
      return rift.run(command);
    },
  };
}

/**
 * Sends one slow question, then a health check and another user's command every 225 ms while it
 * runs. Each is timed from when it was due, not from when this process got round to sending it:
 * the client shares the server's thread, so with the core on the event loop a request due during
 * the block waits with everything else, and that wait is what a load balancer or Slack would see.
 */
async function whileBusy(rift: Rift): Promise<BusyFigures> {
  const harness = await startSlackHarness(rift);
  const health: number[] = [];
  const acks: number[] = [];
  try {
    const slow = slashCommandBody({
      text: `ask ${slowQuestion(SLOW_MS, 'spin')}`,
      response_url: harness.standin.responseUrl('slow'),
      user_id: 'U0SLOW',
    });
    // Due times count from before the slow question is sent: with the core on the event loop
    // the block may start before this process even reads the acknowledgement.
    const started = performance.now();
    const slowSent = postSigned(harness.port, slow);
    const samples = Math.floor((SLOW_MS - 1000) / 225);
    const at = async (due: number, send: () => Promise<unknown>, into: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      await send();
      into.push(performance.now() - due);
    };
    await Promise.all([
      slowSent,
      ...Array.from({ length: samples }, (_, i) => [
        at(
          started + 200 + i * 225,
          () => fetch(`http://127.0.0.1:${harness.port}/healthz`),
          health,
        ),
        at(
          started + 300 + i * 225,
          () =>
            postSigned(
              harness.port,
              slashCommandBody({
                text: 'why',
                response_url: harness.standin.responseUrl(`other${i}`),
                user_id: `U0OTHER${i}`,
              }),
            ),
          acks,
        ),
      ]).flat(),
    ]);
    await harness.standin.waitFor((c) => c.id === 'slow', SLOW_MS * 3);
  } finally {
    await harness.close();
  }
  return { health: percentiles(health), ack: percentiles(acks) };
}

/** `/healthz` and acks while one question runs 10 s: worker runtime vs core on the event loop. */
export async function benchIsolation(): Promise<{ workers: BusyFigures; eventLoop: BusyFigures }> {
  const serving = await openServingRift({
    log: silentLogger,
    storyWorker: SLOW_STORY_WORKER,
    runtime: { workers: 2, requestMs: SLOW_MS * 2 },
  });
  let workers: BusyFigures;
  try {
    workers = await whileBusy(serving);
  } finally {
    await serving.close();
  }
  const eventLoop = await whileBusy(slowInProcess(openRift()));
  return { workers, eventLoop };
}

/** Per-question latency through the worker runtime and in-process, on the same questions. */
export async function benchWorkerHop(
  questions: readonly string[],
  rounds = 5,
): Promise<{ workers: Percentiles; inProcess: Percentiles }> {
  const serving = await openServingRift({ log: silentLogger, runtime: { workers: 2 } });
  const core = openRift();
  const time = async (run: (q: string) => Promise<unknown> | unknown) => {
    for (const q of questions) await run(q);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of questions) {
        const t = performance.now();
        await run(q);
        times.push(performance.now() - t);
      }
    }
    return percentiles(times);
  };
  try {
    const workers = await time((q) => serving.run({ name: 'ask', question: q, private: false }));
    const inProcess = await time((q) => core.run({ name: 'ask', question: q, private: false }));
    return { workers, inProcess };
  } finally {
    await serving.close();
  }
}

/** Heap used per 100,000 keys of one kind in the memory store, in MB. */
export async function benchStoreMemory(): Promise<{ rate: number; seen: number }> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const measure = async (fill: (store: ReturnType<typeof createMemoryStore>) => Promise<void>) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const store = createMemoryStore();
    await fill(store);
    gc();
    const used = process.memoryUsage().heapUsed - before;
    await store.close();
    return used / 1e6;
  };
  const rate = await measure(async (store) => {
    for (let i = 0; i < 100_000; i++)
      await store.increment(`rate:slack:user:U${String(i).padStart(10, '0')}`, 60_000);
  });
  const seen = await measure(async (store) => {
    for (let i = 0; i < 100_000; i++)
      await store.claim(
        `seen:discord:interaction:13020000000${String(i).padStart(8, '0')}`,
        900_000,
      );
  });
  return { rate, seen };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIsolation()));
  console.log(JSON.stringify(await benchStoreMemory()));
  process.exit(0);
}
