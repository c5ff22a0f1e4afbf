/**
 * The runtime `npm start` serves from: the story is built in a worker thread under a build
 * budget, then answered by a pool of story workers under a per-request budget. A reload builds
 * the new story in a worker and starts a new pool from it; only when that pool is ready is it
 * swapped in (one assignment), and the old pool finishes what it was doing and stops. A reload
 * that fails or runs out of time keeps the old story serving.
 */
import { type FSWatcher, watch } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ConversationAnswer } from '../commands/conversation.ts';
import { MAX_MESSAGE_CHARS } from '../commands/definitions.ts';
import { parseCommandText } from '../commands/grammar.ts';
import type { OpenRiftOptions, Rift } from '../commands/rift.ts';
import type { Command } from '../commands/types.ts';
import { DEFAULT_OPS, type RuntimeConfig } from '../config/rift-config.ts';
import { RiftError, type RiftErrorCode } from '../core/errors.ts';
import type { Reply } from '../core/reply.ts';
import type { Logger } from '../log.ts';
import { buildBudgetMs } from './build-budget.ts';
import type { BuildWorkerData } from './build-worker.ts';
import { failedReply } from './in-process.ts';
import {
  type CallResult,
  createStoryPool,
  type FailureReason,
  type PoolStats,
  STORY_LIMITS,
  type StoryPool,
  WORKER_ENTRY,
} from './pool.ts';
import type { BuildWorkerMessage, StoryInfo } from './protocol.ts';

/** The production build worker module. */
export const BUILD_WORKER = new URL('./build-worker.ts', import.meta.url).href;

/** Options of {@link openServingRift}. */
export interface ServingOptions extends OpenRiftOptions {
  readonly log: Logger;
  readonly runtime?: Partial<RuntimeConfig>;
  /** The story worker module; tests pass a wrapper that can be made slow. */
  readonly storyWorker?: string;
  /** Aborting it stops a build under way (a signal during start-up). */
  readonly signal?: AbortSignal;
}

/** A `Rift` served from worker threads, which can reload its story. */
export interface ServingRift extends Rift {
  /** How many stories have been swapped in since start-up (0 = the first one). */
  readonly generation: number;
  /** The corpus folder being served. */
  readonly corpusDir: string;
  /**
   * Rebuilds in a worker and swaps the new story in; false (old story kept) when the build fails
   * or runs out of time, or when `onlyIfChanged` and no article file changed.
   */
  reload(reason: string, options?: { readonly onlyIfChanged?: boolean }): Promise<boolean>;
  /** Watches the corpus folder and reloads, debounced, when an article file changes. */
  watch(debounceMs: number): void;
  stats(): PoolStats & { readonly generation: number };
  /** Stops watching and stops every worker. */
  close(): Promise<void>;
}

interface Generation {
  readonly pool: StoryPool;
  readonly info: StoryInfo;
}

/**
 * Builds the story in a worker, starts the story workers and resolves when they are ready.
 * Rejects with a {@link RiftError} when the story cannot be built (the message says why and how
 * to fix it), including when the build runs past its budget (`runtime.buildMs` plus
 * `runtime.buildMsPerMB` per megabyte of articles).
 *
 * @example
 * const rift = await openServingRift({ log, runtime: { workers: 2, requestMs: 5000 } });
 * (await rift.run({ name: 'why', private: false })).kind // 'answer'
 */
export async function openServingRift(options: ServingOptions): Promise<ServingRift> {
  const { log } = options;
  const runtime: RuntimeConfig = { ...DEFAULT_OPS.runtime, ...options.runtime };
  const first = await buildGeneration(options, runtime, null);
  if (first === 'unchanged') throw new Error('a first build cannot be unchanged');
  let current: Generation = first;
  let generation = 0;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reloading: Promise<boolean> | null = null;
  let closed = false;

  const reloadOnce = async (reason: string, onlyIfChanged: boolean): Promise<boolean> => {
    const started = performance.now();
    let next: Generation | 'unchanged';
    try {
      next = await buildGeneration(options, runtime, onlyIfChanged ? current.info.signature : null);
    } catch (error) {
      log.warn('reload failed; still serving the previous story', {
        reason,
        error: error instanceof Error ? error.message : String(error),
        articles: current.info.corpusSize,
      });
      return false;
    }
    if (next === 'unchanged') return false;
    if (closed) {
      await next.pool.close();
      return false;
    }
    const old = current;
    current = next;
    generation += 1;
    log.info('story reloaded', {
      reason,
      generation,
      articles: next.info.corpusSize,
      ms: Math.round(performance.now() - started),
    });
    // Requests already given to the old workers finish there; then those workers stop.
    void old.pool.drain(runtime.requestMs);
    return true;
  };

  const call = async <T>(request: Parameters<StoryPool['call']>[0]): Promise<CallResult<T>> =>
    (await current.pool.call(request)) as CallResult<T>;

  const rift: ServingRift = {
    get corpusSize() {
      return current.info.corpusSize;
    },
    get storyTitle() {
      return current.info.storyTitle;
    },
    get generation() {
      return generation;
    },
    get corpusDir() {
      return current.info.corpusDir;
    },
    async run(command) {
      const result = await call<Reply>({ type: 'run', command });
      if (result.ok) return result.value;
      if (result.reason === 'failed')
        log.error('core request failed', { command: command.name, error: result.message });
      return unansweredReply(command, result.reason, runtime.requestMs);
    },
    async converse(message) {
      const result = await call<ConversationAnswer>({ type: 'converse', message });
      if (result.ok) return result.value;
      const command = parseCommandText(message.text.slice(0, MAX_MESSAGE_CHARS));
      if (result.reason === 'failed')
        log.error('core request failed', { command: 'converse', error: result.message });
      return {
        reply: unansweredReply(command, result.reason, runtime.requestMs),
        page: 0,
        turn: null,
        followUp: null,
      };
    },
    async completeSpeakers(query, limit) {
      const result = await call<readonly string[]>({
        type: 'complete',
        of: 'speakers',
        query,
        limit,
      });
      return result.ok ? result.value : [];
    },
    async completePeople(query, limit) {
      const result = await call<readonly string[]>({
        type: 'complete',
        of: 'people',
        query,
        limit,
      });
      return result.ok ? result.value : [];
    },
    reload(reason, { onlyIfChanged = false } = {}) {
      // One build at a time: a reload asked for during another waits for it, then runs.
      const previous = reloading ?? Promise.resolve(false);
      const next = previous.then(() => reloadOnce(reason, onlyIfChanged));
      reloading = next;
      void next.finally(() => {
        if (reloading === next) reloading = null;
      });
      return next;
    },
    watch(debounceMs) {
      if (watcher) return;
      const dir = current.info.corpusDir;
      try {
        watcher = watch(dir, { persistent: false }, (_event, file) => {
          if (file !== null && !String(file).endsWith('.txt')) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            timer = null;
            void rift.reload('corpus changed', { onlyIfChanged: true });
          }, debounceMs);
        });
        watcher.on('error', (error) =>
          log.warn('corpus watch failed; reload with SIGHUP', { dir, error: error.message }),
        );
      } catch (error) {
        log.warn('cannot watch the corpus; reload with SIGHUP', {
          dir,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    stats: () => ({ ...current.pool.stats(), generation }),
    async close() {
      closed = true;
      watcher?.close();
      watcher = null;
      if (timer) clearTimeout(timer);
      timer = null;
      await current.pool.close();
    },
  };
  return rift;
}

/** The reply to a command that got no answer from the core: it ran out of time, or failed. */
export function unansweredReply(command: Command, reason: FailureReason, budgetMs: number): Reply {
  switch (reason) {
    case 'timeout':
      return {
        kind: 'notice',
        command,
        level: 'warning',
        message: `That took too long to answer (over ${seconds(budgetMs)}), so I stopped. Try a shorter or more specific question.`,
      };
    case 'busy':
      return {
        kind: 'notice',
        command,
        level: 'warning',
        message: "I'm answering a lot of questions right now. Please try again in a moment.",
      };
    case 'closed':
      return {
        kind: 'notice',
        command,
        level: 'info',
        message: 'rift is restarting. Please ask again in a moment.',
      };
    case 'failed':
      return failedReply(command);
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}

/** Builds a story in a build worker, then starts and awaits a pool over it. */
async function buildGeneration(
  options: ServingOptions,
  runtime: RuntimeConfig,
  unlessSignature: string | null,
): Promise<Generation | 'unchanged'> {
  const { log } = options;
  const built = await buildInWorker(options, runtime, unlessSignature);
  if (built.type === 'unchanged') return 'unchanged';
  // A test's own story worker module (a slow one) must serve every request: then the build
  // worker is not kept as a story worker.
  const adopt = options.storyWorker ? undefined : built.worker;
  if (!adopt) void built.worker.terminate();
  for (const w of built.warnings) log.warn('skipped article', { file: w.file, reason: w.message });
  const pool = createStoryPool({
    size: runtime.workers,
    minSize: runtime.minWorkers,
    idleMs: runtime.workerIdleMs,
    startAfterMs: runtime.workerStartAfterMs,
    // A thread with the code loaded waits to become the next worker: about half of its start.
    spare: runtime.spareWorker,
    requestMs: runtime.requestMs,
    queueMax: runtime.queueMax,
    // Loading the snapshot is a fraction of building the story: the same budget is ample.
    startMs: built.budgetMs,
    worker: {
      snapshot: built.snapshot,
      lexicon: built.lexicon,
      lexiconFile: built.lexiconFile,
      vectors: built.vectors,
      ...(options.storyWorker ? { module: options.storyWorker } : {}),
    },
    ...(adopt ? { adopt } : {}),
    limits: STORY_LIMITS,
    log,
  });
  try {
    await pool.ready;
  } catch (error) {
    await pool.close();
    throw new RiftError(
      'BUILD_FAILED',
      `The story was built but its workers could not load it: ${(error as Error).message}.`,
    );
  }
  return { pool, info: built.info };
}

type Built =
  | (Extract<BuildWorkerMessage, { type: 'built' }> & {
      readonly worker: Worker;
      /** The build budget this corpus got. */
      readonly budgetMs: number;
    })
  | Extract<BuildWorkerMessage, { type: 'unchanged' }>;

/**
 * Runs one build worker within its budget ({@link buildBudgetMs}: `runtime.buildMs` until the
 * worker says how large the corpus is, then that plus `runtime.buildMsPerMB` per megabyte, all
 * counted from the start); rejects with a RiftError saying what went wrong.
 */
function buildInWorker(
  options: ServingOptions,
  runtime: RuntimeConfig,
  unlessSignature: string | null,
): Promise<Built> {
  const data: BuildWorkerData = {
    module: BUILD_WORKER,
    options: {
      corpus: options.corpus ?? null,
      config: options.config ?? null,
      cache: options.cache ?? null,
      ...(options.limits ? { limits: options.limits } : {}),
    },
    unlessSignature,
  };
  return new Promise((resolve, reject) => {
    // The build worker usually becomes the first story worker: it takes a story worker's limits.
    const worker = new Worker(WORKER_ENTRY, { workerData: data, resourceLimits: STORY_LIMITS });
    let settled = false;
    const done = (outcome: () => void, keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!keep) void worker.terminate();
      outcome();
    };
    const fail = (code: RiftErrorCode, message: string) =>
      done(() => reject(new RiftError(code, message)));
    const started = performance.now();
    let budgetMs = runtime.buildMs;
    const outOfTime = () =>
      fail(
        'BUILD_FAILED',
        `Building the story took longer than ${seconds(budgetMs)} (runtime.buildMs plus runtime.buildMsPerMB for each MB of articles, in config/rift.json), so it was stopped. A cleaning.boilerplate pattern that backtracks, or an article far larger than the others, is the usual cause; raise the budget if the corpus is unusually slow to build.`,
      );
    let timer = setTimeout(outOfTime, budgetMs);
    const onAbort = () =>
      fail('BUILD_FAILED', 'Building the story was stopped: rift is shutting down.');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    worker.on('message', (message: BuildWorkerMessage) => {
      if (message.type === 'sized') {
        if (settled) return;
        budgetMs = buildBudgetMs(runtime, message.bytes);
        options.log.info('build budget', { articleBytes: message.bytes, budgetMs });
        clearTimeout(timer);
        timer = setTimeout(outOfTime, Math.max(0, budgetMs - (performance.now() - started)));
      } else if (message.type === 'failed') {
        const code = (message.code ?? 'BUILD_FAILED') as RiftErrorCode;
        fail(code, message.message);
      } else if (message.type === 'built')
        done(() => resolve({ ...message, worker, budgetMs }), true);
      else done(() => resolve(message));
    });
    worker.on('error', (error) =>
      fail('BUILD_FAILED', `Building the story failed: ${error.message}`),
    );
    worker.on('exit', (code) => {
      if (!settled) fail('BUILD_FAILED', `The build worker exited with code ${code}.`);
    });
  });
}
