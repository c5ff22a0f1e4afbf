/**
 * The elastic story pool with real worker threads: one story worker runs from the start, a
 * second starts only when a request would wait for a busy one, and it stops again once it has
 * been idle for `runtime.workerIdleMs`. Memory for a second copy of the story is paid while
 * questions overlap; a slow question still never makes the next person wait for it.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import type { Command } from '../../src/commands/types.ts';
import type { Logger } from '../../src/log.ts';
import { openServingRift, type ServingRift } from '../../src/runtime/serving-rift.ts';
import { SLOW_STORY_WORKER, slowQuestion } from '../support/slow-core.ts';

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

/** What the pools logged, for failure messages: when workers started, stopped or failed. */
const logged: string[] = [];
const log: Logger = {
  info: (message, fields) => logged.push(`info ${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => logged.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => logged.push(`error ${message} ${JSON.stringify(fields ?? {})}`),
};

async function serving(runtime: Parameters<typeof openServingRift>[0]['runtime']) {
  logged.length = 0;
  const rift = await openServingRift({
    cache: false,
    log,
    storyWorker: SLOW_STORY_WORKER,
    runtime,
  });
  closers.push(() => rift.close());
  return rift;
}

/** Polls `rift.stats()` until `done` holds, or fails after `ms`. */
async function until(
  rift: ServingRift,
  done: (stats: ReturnType<ServingRift['stats']>) => boolean,
  ms: number,
  what: string,
): Promise<void> {
  const end = Date.now() + ms;
  while (!done(rift.stats())) {
    if (Date.now() > end)
      assert.fail(`${what}: ${JSON.stringify(rift.stats())}\n${logged.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the elastic story pool', () => {
  it('starts with one worker, starts a second when a question would wait, and answers it before the slow one ends', async () => {
    const rift = await serving({ workers: 2, minWorkers: 1, spareWorker: true, requestMs: 30_000 });
    assert.equal(rift.stats().workers, 1, 'one worker until questions overlap');
    // Questions one after another never start a second worker.
    const commands: Command[] = [
      { name: 'why', private: false },
      { name: 'who', person: null, private: false },
      { name: 'sources', private: false },
    ];
    for (const command of commands)
      assert.notEqual((await rift.run(command)).kind, 'notice', command.name);
    assert.equal(rift.stats().workers, 1);
    assert.equal(rift.stats().grown, 0);

    const slowStarted = performance.now();
    const slow = rift.run({ name: 'ask', question: slowQuestion(12_000), private: false });
    await until(rift, (s) => s.busy === 1, 5000, 'the slow question reached the worker');
    const next = await rift.run({ name: 'why', private: false });
    const answeredAfter = performance.now() - slowStarted;
    assert.equal(next.kind, 'answer');
    assert.ok(
      answeredAfter < 12_000,
      `answered after ${answeredAfter.toFixed(0)} ms: it waited for the slow question`,
    );
    assert.equal(rift.stats().workers, 2, 'a second worker answered it');
    assert.equal(rift.stats().grown, 1);
    assert.ok(
      logged.some((line) => /story worker ready.*"from":"spare"/.test(line)),
      `the second worker was the spare thread, with its code loaded:\n${logged.join('\n')}`,
    );
    assert.equal(rift.stats().spare, 0, 'no room for another spare');
    const slowReply = await slow;
    assert.match(JSON.stringify(slowReply), /stuck-for-12000/, "the slow question's own answer");
  });

  it('stops a worker beyond runtime.minWorkers once it has been idle for runtime.workerIdleMs', async () => {
    const rift = await serving({
      workers: 2,
      minWorkers: 1,
      workerIdleMs: 1000,
      spareWorker: true,
      requestMs: 30_000,
    });
    const slow = rift.run({ name: 'ask', question: slowQuestion(8000), private: false });
    await until(rift, (s) => s.busy === 1, 5000, 'the slow question reached the worker');
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
    assert.equal(rift.stats().workers, 2, logged.join('\n'));
    await slow;
    await until(rift, (s) => s.workers === 1, 15_000, 'the idle worker stopped');
    assert.equal(rift.stats().retired, 1);
    assert.equal(rift.stats().ready, 1, 'the kept worker still serves');
    assert.equal(rift.stats().spare, 1, 'a spare waits again');
    // The kept worker answers; nothing else starts while questions do not overlap.
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
    assert.equal(rift.stats().workers, 1);
    assert.equal(rift.stats().grown, 1);
  });

  it('answers the next question from another worker while one runs past its budget, and stops only the slow one', async () => {
    // The budget leaves a loaded machine room to start the second worker (seconds at worst).
    const rift = await serving({ workers: 2, minWorkers: 1, requestMs: 10_000 });
    assert.equal(rift.stats().spare, 0, 'no spare thread unless runtime.spareWorker');
    const started = performance.now();
    const stuck = rift.run({ name: 'ask', question: slowQuestion(120_000), private: false });
    await until(rift, (s) => s.busy === 1, 5000, 'the slow question reached the worker');
    const next = await rift.run({ name: 'why', private: false });
    assert.equal(next.kind, 'answer', 'answered by a second worker, not after the budget');
    assert.ok(performance.now() - started < 10_000, 'before the slow question was stopped');
    const reply = await stuck;
    assert.equal(reply.kind, 'notice');
    assert.match(reply.kind === 'notice' ? reply.message : '', /took too long to answer/);
    // The stuck worker was stopped; the second one is enough, so nothing replaces it.
    assert.equal(rift.stats().replaced, 1);
    assert.equal(rift.stats().workers, 1);
    assert.equal(rift.stats().ready, 1);
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
  });

  it('keeps runtime.minWorkers workers running, idle or not', async () => {
    const rift = await serving({
      workers: 2,
      minWorkers: 2,
      workerIdleMs: 1000,
      requestMs: 30_000,
    });
    assert.equal(rift.stats().workers, 2);
    assert.equal(rift.stats().ready, 2, 'both loaded before the story is served');
    assert.equal(rift.stats().spare, 0, 'no room for a spare');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(rift.stats().workers, 2);
    assert.equal(rift.stats().retired, 0);
  });

  it('starts a second worker for a reloaded story only when its questions overlap too', async () => {
    const rift = await serving({ workers: 2, minWorkers: 1, requestMs: 30_000 });
    assert.equal(await rift.reload('test'), true);
    assert.equal(rift.generation, 1);
    assert.equal(rift.stats().workers, 1);
    assert.equal(rift.stats().grown, 0);
  });
});
