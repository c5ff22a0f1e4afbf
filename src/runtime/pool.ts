/**
 * A supervised pool of story workers: worker threads that each hold one story and answer one
 * request at a time. Every request has a time budget; past it the worker is terminated (the work
 * really stops), the caller is told, and a new worker is started from the same snapshot bytes.
 * A worker that crashes is replaced the same way. The main thread only posts messages and keeps
 * timers, so it stays free to acknowledge the platforms and answer health checks.
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import type {
  CoreRequest,
  CoreResult,
  RequestMessage,
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
  /** Story workers (threads), each with its own copy of the story. */
  readonly size: number;
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
  readonly size: number;
  readonly ready: number;
  readonly busy: number;
  readonly queued: number;
  /** Workers stopped past their budget, or crashed, and replaced, since the pool started. */
  readonly replaced: number;
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
  worker: Worker;
  ready: boolean;
  task: Task | null;
  /** Set when we stop the worker ourselves, so its exit is not taken for a crash. */
  stopping: boolean;
}

/** A worker that fails to start this many times in a row is not started again. */
const MAX_START_FAILURES = 3;

/**
 * Starts `size` story workers over the snapshot bytes.
 *
 * @example
 * const pool = createStoryPool({ size: 2, requestMs: 5000, queueMax: 100, startMs: 60_000, worker, log });
 * await pool.ready;
 * await pool.call({ type: 'run', command: { name: 'why', private: false } }) // { ok: true, value: { kind: 'answer', ... } }
 */
export function createStoryPool(options: PoolOptions): StoryPool {
  const { log } = options;
  const workerData: StoryWorkerData = {
    ...options.worker,
    module: options.worker.module ?? STORY_WORKER,
  };
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let replaced = 0;
  let startFailures = 0;
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

  const spawn = (slot?: Slot, adopted?: Worker): Slot => {
    const worker =
      adopted ??
      new Worker(WORKER_ENTRY, {
        workerData,
        ...(options.limits ? { resourceLimits: options.limits } : {}),
      });
    const current: Slot = slot ?? { worker, ready: false, task: null, stopping: false };
    Object.assign(current, { worker, ready: false, task: null, stopping: false });
    const startTimer = setTimeout(() => {
      if (current.worker !== worker || current.ready) return;
      log.error('story worker did not start in time; stopping it', { ms: options.startMs });
      lost(current, worker, `did not load the story within ${options.startMs} ms`);
    }, options.startMs);
    startTimer.unref();
    worker.on('message', (message: StoryWorkerMessage) => {
      if (current.worker !== worker) return;
      if (message.type === 'ready') {
        clearTimeout(startTimer);
        current.ready = true;
        startFailures = 0;
        if (options.readyWhen === 'first' || (slots.length === size && slots.every((s) => s.ready)))
          markReady();
        startNext();
        pump();
        return;
      }
      const task = current.task;
      if (!task || task.id !== message.id) return;
      current.task = null;
      if (message.type === 'result') finish(task, { ok: true, value: message.value });
      else finish(task, { ok: false, reason: 'failed', message: message.message });
      pump();
    });
    worker.on('error', (error) => {
      if (current.worker !== worker) return;
      log.error('story worker failed', { error: error.message });
      lost(current, worker, error.message);
    });
    worker.on('exit', (code) => {
      clearTimeout(startTimer);
      if (current.worker !== worker || current.stopping) return;
      lost(current, worker, `exited with code ${code}`);
    });
    if (adopted) worker.postMessage({ type: 'serve' });
    return current;
  };

  /** A worker is gone (crashed, failed to start, or stopped by us): fail its task, replace it. */
  const lost = (slot: Slot, worker: Worker, why: string) => {
    const wasReady = slot.ready;
    slot.stopping = true;
    slot.ready = false;
    void worker.terminate();
    const task = slot.task;
    slot.task = null;
    if (task) finish(task, { ok: false, reason: 'failed', message: `story worker ${why}` });
    if (closed) return;
    if (!wasReady) {
      startFailures += 1;
      if (startFailures >= MAX_START_FAILURES) {
        const error = new Error(`story worker could not start: ${why}`);
        failReady(error);
        log.error('story workers cannot start; not retrying', { error: why });
        for (const waiting of queue.splice(0))
          finish(waiting, { ok: false, reason: 'failed', message: error.message });
        return;
      }
    }
    replaced += 1;
    spawn(slot);
  };

  const pump = () => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = queue.shift();
      if (!task) return;
      dispatch(slot, task);
    }
  };

  const dispatch = (slot: Slot, task: Task) => {
    if (task.timer) clearTimeout(task.timer);
    slot.task = task;
    const worker = slot.worker;
    task.timer = setTimeout(() => {
      if (slot.task !== task || slot.worker !== worker) return;
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
      // Terminate, then start afresh: the thread may be deep in a loop that checks nothing.
      slot.stopping = true;
      slot.ready = false;
      void worker.terminate();
      replaced += 1;
      if (!closed) spawn(slot);
    }, options.requestMs);
    worker.postMessage({ id: task.id, request: task.request } satisfies RequestMessage);
  };

  const size = Math.max(1, options.size);
  /**
   * Workers start one after another, each once the one before it is ready. Loading a story
   * leaves as much garbage again in the worker's heap until its collection after the load;
   * started together, every worker's garbage (and the build worker's, still collecting) is live
   * at once, which was the two-worker pool's peak memory. On a machine with cores to spare it
   * makes the pool ready later by the load time of each worker after the first.
   */
  const startNext = () => {
    if (closed || slots.length >= size) return;
    slots.push(spawn(undefined, slots.length === 0 ? options.adopt : undefined));
  };
  startNext();

  return {
    ready,
    call<R extends CoreRequest>(request: R): Promise<CallResult<CoreResult<R>>> {
      return new Promise((resolve) => {
        const settle = resolve as (result: CallResult<unknown>) => void;
        if (closed) return settle({ ok: false, reason: 'closed', message: 'shutting down' });
        const task: Task = { id: nextId++, request, settle, timer: null };
        const idle = slots.find((s) => s.ready && !s.task);
        if (idle && queue.length === 0) return dispatch(idle, task);
        if (queue.length >= options.queueMax)
          return settle({ ok: false, reason: 'busy', message: 'too many requests waiting' });
        // Waiting for a worker counts against the budget too: nobody waits forever.
        task.timer = setTimeout(() => {
          const at = queue.indexOf(task);
          if (at < 0) return;
          queue.splice(at, 1);
          finish(task, { ok: false, reason: 'busy', message: 'no worker became free in time' });
        }, options.requestMs);
        queue.push(task);
      });
    },
    stats: () => ({
      size,
      ready: slots.filter((s) => s.ready).length,
      busy: slots.filter((s) => s.task).length,
      queued: queue.length,
      replaced,
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
      for (const task of queue.splice(0))
        finish(task, { ok: false, reason: 'closed', message: 'shutting down' });
      await Promise.all(
        slots.map(async (slot) => {
          slot.stopping = true;
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
