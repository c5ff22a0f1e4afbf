/**
 * A supervised, elastic pool of story workers: worker threads that each hold one story and answer
 * one request at a time. `minSize` workers start with the pool and are always kept; up to `size`
 * in all start only when a request has waited `startAfterMs` for busy ones, and one that then
 * stays idle for `idleMs` is stopped. Each worker is a whole copy of the story, so the memory of a
 * second copy is paid while questions really overlap, not for as long as the process runs.
 * Every request has a time budget; past it the worker is terminated (the work really stops), the
 * caller is told, and a new worker is started from the same snapshot bytes when one is needed.
 * A worker that crashes is replaced the same way. The main thread only posts messages and keeps
 * timers, so it stays free to acknowledge the platforms and answer health checks.
 */
import { performance } from 'node:perf_hooks';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import type {
  CoreRequest,
  CoreResult,
  LoadMessage,
  RequestMessage,
  SpareWorkerData,
  StoryWorkerData,
  StoryWorkerMessage,
} from './protocol.ts';

/** The file every worker thread starts from (it registers tsx, then imports the module). */
export const WORKER_ENTRY = new URL('./worker-entry.js', import.meta.url);

/**
 * V8 limits of the workers that build or load many stories. Loading allocates millions of
 * short-lived objects (passages, index maps); with V8's default young generation most of a load
 * goes to scavenges. A 64 MB young generation halves the CPU of starting 100 stories from their
 * snapshots (26 s -> 16 s on the bench's stories). It stays reserved for the thread's life,
 * though, so one story's workers take {@link STORY_LIMITS} instead.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;
/**
 * V8 limits of one story's build worker and story workers: a 16 MB young generation (V8's
 * default is 48 MB). Every worker holds its whole young generation for as long as it lives, and
 * it is what a worker's heap grows by first while it answers; at 1,000 articles the smaller one
 * took 20 to 40 MB off the process's peak per worker, with the build's CPU time and the
 * answers' latency unchanged within the noise of `npm run bench` (see the README's figures).
 */
export const STORY_LIMITS = { maxYoungGenerationSizeMb: 16 } as const;
/** The production story worker module. */
export const STORY_WORKER = new URL('./story-worker-main.ts', import.meta.url).href;

/** Why a request got no result. */
export type FailureReason = 'timeout' | 'busy' | 'failed' | 'closed';

/** The outcome of one request. */
export type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: FailureReason; readonly message: string };

/** Options of {@link createStoryPool}. */
export interface PoolOptions {
  /** Most story workers (threads) at once, each with its own copy of the story. */
  readonly size: number;
  /**
   * Workers started with the pool and kept for its life (default `size`: every worker, always).
   * The others start when a request has waited `startAfterMs` for busy ones, and stop after
   * `idleMs` idle.
   */
  readonly minSize?: number;
  /** How long a worker beyond `minSize` may wait for a request before it is stopped (default 60 s). */
  readonly idleMs?: number;
  /**
   * How long a request waits for a busy worker before another is started for it (default
   * 1 s): a question usually takes tens of milliseconds, and loading a story takes seconds of
   * CPU and a second copy of its memory, worth paying only when the busy worker is really slow.
   */
  readonly startAfterMs?: number;
  /**
   * Keep a *spare* while the pool has room for another worker: a thread with the code loaded and
   * no story (a few MB), so that a worker started on demand only loads the story, which is about
   * half its start. The worker module must support it (`serveStory` does).
   */
  readonly spare?: boolean;
  /** How long one request may run before its worker is stopped. */
  readonly requestMs: number;
  /** Requests waiting for a free worker beyond this many are refused at once as busy. */
  readonly queueMax: number;
  /** How long a worker may take to load the story and say it is ready. */
  readonly startMs: number;
  readonly worker: Omit<StoryWorkerData, 'module'> & { readonly module?: string };
  /**
   * A worker that already holds the story (the build worker that built it): it becomes the first
   * story worker when told to `serve`, instead of a new thread loading the bytes.
   */
  readonly adopt?: Worker;
  /**
   * When `ready` resolves: once every worker has loaded the story (`all`, the default), or once
   * the first has (`first`: the pool answers, one request at a time, while the others load;
   * many stories take seconds per worker to load).
   */
  readonly readyWhen?: 'all' | 'first';
  /**
   * V8 limits of each worker started: {@link WORKER_LIMITS} for a pool that loads many stories,
   * {@link STORY_LIMITS} for one story's workers; V8's defaults when absent.
   */
  readonly limits?: ResourceLimits;
  readonly log: Logger;
}

/** Counters for health checks, logs and the benchmark. */
export interface PoolStats {
  /** Most workers at once. */
  readonly size: number;
  /** Workers running now, loading or ready. */
  readonly workers: number;
  readonly ready: number;
  readonly busy: number;
  readonly queued: number;
  /**
   * Workers stopped past their budget, or crashed, since the pool started (each replaced by a new
   * one at once when fewer than `minSize` are left or requests are waiting, otherwise when needed).
   */
  readonly replaced: number;
  /** Workers started beyond `minSize` because requests were waiting. */
  readonly grown: number;
  /** Workers beyond `minSize` stopped after `idleMs` without a request. */
  readonly retired: number;
  /** 1 while a spare thread (code loaded, no story) waits to become the next worker. */
  readonly spare: number;
}

/** A running pool. */
export interface StoryPool {
  /** Resolves when every worker (or the first, see `readyWhen`) has loaded the story; rejects if one cannot. */
  readonly ready: Promise<void>;
  /** Runs one request within the time budget. Never rejects. */
  call<R extends CoreRequest>(request: R): Promise<CallResult<CoreResult<R>>>;
  stats(): PoolStats;
  /** Waits (up to `ms`) for requests under way, then stops every worker. */
  drain(ms: number): Promise<void>;
  /** Stops every worker now; requests under way or waiting resolve as `closed`. */
  close(): Promise<void>;
}

interface Task {
  readonly id: number;
  readonly request: CoreRequest;
  readonly settle: (result: CallResult<unknown>) => void;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  task: Task | null;
  /** Set when we stop the worker ourselves, so its exit is not taken for a crash. */
  stopping: boolean;
  /** Stops an idle worker beyond `minSize`; armed whenever such a worker has nothing to do. */
  idleTimer: NodeJS.Timeout | null;
}

/** A worker that fails to start this many times in a row is not started again. */
const MAX_START_FAILURES = 3;

/** How long a worker beyond `minSize` waits for a request before it is stopped, by default. */
export const DEFAULT_IDLE_MS = 60_000;
/** How long a request waits for a busy worker before another is started, by default. */
export const DEFAULT_START_AFTER_MS = 1000;

/**
 * Starts a pool over the snapshot bytes: its first `minSize` workers now, one after another,
 * the others when requests would wait for them.
 *
 * @example
 * const pool = createStoryPool({ size: 2, minSize: 1, requestMs: 5000, queueMax: 100, startMs: 60_000, worker, log });
 * await pool.ready;
 * await pool.call({ type: 'run', command: { name: 'why', private: false } }) // { ok: true, value: { kind: 'answer', ... } }
 */
export function createStoryPool(options: PoolOptions): StoryPool {
  const { log } = options;
  const workerData: StoryWorkerData = {
    ...options.worker,
    module: options.worker.module ?? STORY_WORKER,
  };
  const size = Math.max(1, options.size);
  const minSize = Math.min(size, Math.max(1, options.minSize ?? size));
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const startAfterMs = options.startAfterMs ?? DEFAULT_START_AFTER_MS;
  /** Starts another worker if requests are still waiting when it fires. */
  let growTimer: NodeJS.Timeout | null = null;
  const queue: Task[] = [];
  /** The running workers, loading or ready, oldest first: a request goes to the oldest free one. */
  const slots: Slot[] = [];
  let adopt = options.adopt;
  let nextId = 1;
  let replaced = 0;
  let grown = 0;
  let retired = 0;
  let startFailures = 0;
  /** Why workers are no longer started (three failed starts in a row), or null. */
  let gaveUp: string | null = null;
  let closed = false;
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A pool nobody awaits must not turn a failed start into an unhandled rejection.
  ready.catch(() => {});

  const finish = (task: Task, result: CallResult<unknown>) => {
    if (task.timer) clearTimeout(task.timer);
    task.timer = null;
    task.settle(result);
  };

  const newWorker = (data: StoryWorkerData | SpareWorkerData) =>
    new Worker(WORKER_ENTRY, {
      workerData: data,
      ...(options.limits ? { resourceLimits: options.limits } : {}),
    });

  /** A thread with the code loaded and no story (see `spare`), or null. */
  let spare: Worker | null = null;
  let spareFailed = false;

  /**
   * Boots a spare when the pool has room for another worker and nothing is loading, so that
   * starting one later only loads the story. A spare that fails is not booted again.
   */
  const bootSpare = () => {
    if (!options.spare || spare || spareFailed || !canStart() || slots.length < minSize) return;
    const worker = newWorker({ module: workerData.module, spare: true });
    spare = worker;
    const failed = (why: string) => {
      if (spare !== worker) return;
      spare = null;
      spareFailed = true;
      void worker.terminate();
      log.warn('spare story worker failed; workers will start from scratch', { error: why });
    };
    worker.on('error', (error) => failed(error.message));
    worker.on('exit', (code) => failed(`exited with code ${code}`));
  };

  /** The spare, taken over to load the story; null when there is none. */
  const takeSpare = (): Worker | null => {
    const worker = spare;
    if (!worker) return null;
    spare = null;
    worker.removeAllListeners();
    // Posted before the spare has booted, it waits in the port until the spare listens.
    worker.postMessage({ type: 'load', data: workerData } satisfies LoadMessage);
    return worker;
  };

  const spawn = (): Slot => {
    const adopted = adopt;
    adopt = undefined;
    const fromSpare = adopted ? null : takeSpare();
    const worker = adopted ?? fromSpare ?? newWorker(workerData);
    const slot: Slot = { worker, ready: false, task: null, stopping: false, idleTimer: null };
    const started = performance.now();
    const startTimer = setTimeout(() => {
      if (slot.stopping || slot.ready) return;
      log.error('story worker did not start in time; stopping it', { ms: options.startMs });
      lost(slot, `did not load the story within ${options.startMs} ms`);
    }, options.startMs);
    startTimer.unref();
    worker.on('message', (message: StoryWorkerMessage) => {
      if (slot.stopping || message.type === 'booted') return;
      if (message.type === 'ready') {
        clearTimeout(startTimer);
        slot.ready = true;
        startFailures = 0;
        log.info('story worker ready', {
          ms: Math.round(performance.now() - started),
          workers: slots.length,
          from: adopted ? 'build worker' : fromSpare ? 'spare' : 'new thread',
        });
        if (options.readyWhen === 'first' || slots.filter((s) => s.ready).length >= minSize)
          markReady();
        pump();
        grow(false);
        growSoon();
        bootSpare();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      slot.task = null;
      if (message.type === 'result') finish(task, { ok: true, value: message.value });
      else finish(task, { ok: false, reason: 'failed', message: message.message });
      pump();
    });
    worker.on('error', (error) => {
      if (slot.stopping) return;
      log.error('story worker failed', { error: error.message });
      lost(slot, error.message);
    });
    worker.on('exit', (code) => {
      clearTimeout(startTimer);
      if (slot.stopping) return;
      lost(slot, `exited with code ${code}`);
    });
    if (adopted) worker.postMessage({ type: 'serve' });
    return slot;
  };

  /** Terminates a worker and forgets it; the request it was running, if any, is the caller's. */
  const stop = (slot: Slot) => {
    slot.stopping = true;
    slot.ready = false;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    void slot.worker.terminate();
  };

  /** A worker is gone (crashed, or failed to start): fail its request, start another if needed. */
  const lost = (slot: Slot, why: string) => {
    const wasReady = slot.ready;
    const task = slot.task;
    slot.task = null;
    stop(slot);
    if (task) finish(task, { ok: false, reason: 'failed', message: `story worker ${why}` });
    if (closed) return;
    if (!wasReady) {
      startFailures += 1;
      if (startFailures >= MAX_START_FAILURES) {
        gaveUp = `story worker could not start: ${why}`;
        failReady(new Error(gaveUp));
        log.error('story workers cannot start; not retrying', { error: why });
        if (slots.length === 0)
          for (const waiting of queue.splice(0))
            finish(waiting, { ok: false, reason: 'failed', message: gaveUp });
        return;
      }
    }
    replaced += 1;
    grow(false);
    growSoon();
    bootSpare();
  };

  /** True when another worker may start now: under `size`, and none is loading. */
  const canStart = () =>
    !closed && gaveUp === null && slots.length < size && slots.every((s) => s.ready);

  /**
   * Starts a worker when one is wanted: fewer than `minSize` are running, or requests wait
   * (`demand`: see {@link growSoon}), up to `size` in all. Workers load one at a time, each once
   * the one before it is ready: loading a story leaves as much garbage again in the worker's heap
   * until its collection after the load, and loads side by side (the build worker's too) would
   * hold all of it at once. A request waiting for the new worker is answered by whichever is free
   * first, the new one or one that finishes.
   */
  const grow = (demand: boolean) => {
    if (!canStart()) return;
    if (slots.length >= minSize) {
      if (!demand) return;
      grown += 1;
      log.info('starting another story worker: requests are waiting for busy ones', {
        workers: slots.length,
        queued: queue.length,
      });
    }
    slots.push(spawn());
  };

  /** Requests are waiting: another worker starts if they still are after `startAfterMs`. */
  const growSoon = () => {
    if (queue.length === 0 || growTimer || !canStart()) return;
    if (startAfterMs === 0) return grow(true);
    growTimer = setTimeout(() => {
      growTimer = null;
      if (queue.length > 0) grow(true);
    }, startAfterMs);
  };

  /** Gives waiting requests to free workers; arms the idle timer of free workers beyond `minSize`. */
  const pump = () => {
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.task) continue;
      const task = queue.shift();
      if (task) dispatch(slot, task);
    }
    if (slots.length <= minSize) return;
    for (const slot of slots) if (slot.ready && !slot.task && !slot.idleTimer) retireLater(slot);
  };

  const retireLater = (slot: Slot) => {
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (slot.stopping || slot.task || !slot.ready || slots.length <= minSize) return;
      retired += 1;
      log.info('stopping an idle story worker', { idleMs, workers: slots.length - 1 });
      stop(slot);
      bootSpare();
    }, idleMs);
    // An idle worker must not keep a process that is otherwise done alive.
    slot.idleTimer.unref();
  };

  const dispatch = (slot: Slot, task: Task) => {
    if (task.timer) clearTimeout(task.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.task = task;
    task.timer = setTimeout(() => {
      if (slot.task !== task || slot.stopping) return;
      log.warn('request over its time budget; stopping its worker', {
        request: describeRequest(task.request),
        budgetMs: options.requestMs,
      });
      slot.task = null;
      finish(task, {
        ok: false,
        reason: 'timeout',
        message: `took longer than ${options.requestMs} ms`,
      });
      // Terminate: the thread may be deep in a loop that checks nothing. Requests waiting meanwhile
      // have started another worker already when the pool may have one more; a replacement
      // starts now only when fewer than `minSize` are left.
      stop(slot);
      replaced += 1;
      grow(false);
      growSoon();
      bootSpare();
    }, options.requestMs);
    slot.worker.postMessage({ id: task.id, request: task.request } satisfies RequestMessage);
  };

  grow(false);

  return {
    ready,
    call<R extends CoreRequest>(request: R): Promise<CallResult<CoreResult<R>>> {
      return new Promise((resolve) => {
        const settle = resolve as (result: CallResult<unknown>) => void;
        if (closed) return settle({ ok: false, reason: 'closed', message: 'shutting down' });
        if (gaveUp !== null && slots.length === 0)
          return settle({ ok: false, reason: 'failed', message: gaveUp });
        const task: Task = { id: nextId++, request, settle, timer: null };
        const idle = slots.find((s) => s.ready && !s.task);
        if (idle && queue.length === 0) return dispatch(idle, task);
        if (queue.length >= options.queueMax) {
          // Not this one, but the next request may find another worker.
          grow(true);
          return settle({ ok: false, reason: 'busy', message: 'too many requests waiting' });
        }
        // Waiting for a worker counts against the budget too: nobody waits forever.
        task.timer = setTimeout(() => {
          const at = queue.indexOf(task);
          if (at < 0) return;
          queue.splice(at, 1);
          finish(task, { ok: false, reason: 'busy', message: 'no worker became free in time' });
        }, options.requestMs);
        queue.push(task);
        growSoon();
      });
    },
    stats: () => ({
      size,
      workers: slots.length,
      ready: slots.filter((s) => s.ready).length,
      busy: slots.filter((s) => s.task).length,
      queued: queue.length,
      replaced,
      grown,
      retired,
      spare: spare === null ? 0 : 1,
    }),
    async drain(ms) {
      const end = Date.now() + ms;
      while ((queue.length > 0 || slots.some((s) => s.task)) && Date.now() < end)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await this.close();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (growTimer) clearTimeout(growTimer);
      growTimer = null;
      const idleSpare = spare;
      spare = null;
      if (idleSpare) await idleSpare.terminate();
      for (const task of queue.splice(0))
        finish(task, { ok: false, reason: 'closed', message: 'shutting down' });
      await Promise.all(
        slots.splice(0).map(async (slot) => {
          slot.stopping = true;
          if (slot.idleTimer) clearTimeout(slot.idleTimer);
          slot.idleTimer = null;
          const task = slot.task;
          slot.task = null;
          if (task) finish(task, { ok: false, reason: 'closed', message: 'shutting down' });
          await slot.worker.terminate();
        }),
      );
      failReady(new Error('pool closed before it was ready'));
    },
  };
}

/** A request as logs show it: the command's name and its text's length, not the text. */
function describeRequest(request: CoreRequest): Record<string, unknown> {
  if (request.type === 'complete') return { complete: request.of };
  if (request.type === 'converse')
    return {
      command: 'converse',
      chars: request.message.text.length,
      turns: request.message.turns.length,
    };
  const command = request.command;
  return command.name === 'ask'
    ? { command: command.name, chars: command.question.length }
    : { command: command.name };
}
