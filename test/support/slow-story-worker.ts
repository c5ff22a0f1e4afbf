/**
 * The real story worker, made slow on request: an `ask` whose question contains `slow-for-<ms>`
 * first spins the worker's CPU for that long (a busy loop, checking nothing, as a quadratic
 * snippet over a 400 KB passage would), and one with `stuck-for-<ms>` blocks the thread that long
 * without using the CPU (Atomics.wait: a shared 2-core machine keeps its cores for the other
 * tests); either way the worker answers nothing meanwhile, then answers as usual. Tests and the benchmark start
 * the runtime with this module (see `slow-core.ts`) to have a question that really takes 10 s on any version of the
 * core, instead of relying on a core path staying slow.
 */
import { serveStory } from '../../src/runtime/story-worker.ts';

serveStory({
  beforeRun(command) {
    if (command.name !== 'ask') return;
    const stuck = /stuck-for-(\d+)/.exec(command.question);
    if (stuck) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(stuck[1]));
    const match = /slow-for-(\d+)/.exec(command.question);
    if (!match) return;
    const until = Date.now() + Number(match[1]);
    let spins = 0;
    while (Date.now() < until) spins += 1;
    if (spins < 0) throw new Error('unreachable');
  },
});
