/**
 * The runtime of a stories folder: every story is built (or read from its snapshot) in a build
 * worker under the build budget, then a pool of story workers each holds every story and answers
 * with `runLibrary`. Each story reloads on its own: a rescan rebuilds only the stories whose
 * articles or config changed, adds new folders and drops removed ones; the other stories' bytes
 * are reused as they are. The new pool is swapped in when ready, as for one story.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_MESSAGE_CHARS } from '../commands/definitions.ts';
import { parseCommandText } from '../commands/grammar.ts';
import { listingReply } from '../commands/library.ts';
import { corpusSignature } from '../commands/open.ts';
import type { OpenRiftOptions } from '../commands/rift.ts';
import type { Command } from '../commands/types.ts';
import { DEFAULT_OPS, type RuntimeConfig } from '../config/rift-config.ts';
import { RiftError } from '../core/errors.ts';
import type { Reply, StoryListing } from '../core/reply.ts';
import type { Logger } from '../log.ts';
import { buildBudgetMs } from './build-budget.ts';
import type { LibraryBuildData, LibraryBuildMessage } from './library-build-worker.ts';
import { createStoryPool, type StoryPool, WORKER_ENTRY, WORKER_LIMITS } from './pool.ts';
import type { LibrarySnapshot } from './protocol.ts';
import { type ServingRift, unansweredReply } from './serving-rift.ts';
import { findStories, type StoryEntry } from './stories-folder.ts';

/** The library build worker module. */
export const LIBRARY_BUILD_WORKER = new URL('./library-build-worker.ts', import.meta.url).href;
/** The library story worker module. */
export const LIBRARY_WORKER = new URL('./library-worker-main.ts', import.meta.url).href;

/** Options of {@link openServingLibrary}. */
export interface ServingLibraryOptions extends Pick<OpenRiftOptions, 'cache' | 'limits'> {
  /** The stories folder. */
  readonly dir: string;
  readonly log: Logger;
  readonly runtime?: Partial<RuntimeConfig>;
  /** Aborting it stops a build under way (a signal during start-up). */
  readonly signal?: AbortSignal;
}

/** A `ServingRift` over a stories folder. */
export interface ServingLibrary extends ServingRift {
  /** The stories served, in id order. */
  stories(): readonly StoryListing[];
}

interface Generation {
  readonly pool: StoryPool;
  readonly snapshots: ReadonlyMap<string, LibrarySnapshot>;
  /** Per story: what its articles and config looked like when built. */
  readonly signatures: ReadonlyMap<string, string>;
  /** The lexicon the stories were built with, for the next generation's workers. */
  readonly lexicon: {
    readonly data: unknown;
    readonly file: string;
    readonly vectors: SharedArrayBuffer | null;
  } | null;
}

/**
 * Builds every story of `options.dir` and starts the workers. Rejects with a {@link RiftError}
 * when the folder has no story that can be built.
 *
 * @example
 * const rift = await openServingLibrary({ dir: 'stories', log });
 * (await rift.run({ name: 'stories', private: false })).kind // 'stories'
 */
export async function openServingLibrary(options: ServingLibraryOptions): Promise<ServingLibrary> {
  const { log, dir } = options;
  const runtime: RuntimeConfig = { ...DEFAULT_OPS.runtime, ...options.runtime };
  const onSkip = (name: string, why: string) => log.warn('story skipped', { story: name, why });
  const first = await buildGeneration(options, runtime, null, findStories(dir, onSkip));
  if (!first) throw new RiftError('CORPUS_MISSING', `No story of "${dir}" could be built.`);
  let current: Generation = first;
  let generation = 0;
  let closed = false;
  let reloading: Promise<boolean> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const watchers = new Map<string, FSWatcher>();
  let debounceMs = -1;

  const listings = () => [...current.snapshots.values()].map((s) => s.listing);

  const reloadOnce = async (reason: string): Promise<boolean> => {
    const started = performance.now();
    let entries: StoryEntry[];
    try {
      entries = findStories(dir, onSkip);
    } catch (error) {
      log.warn('stories folder unreadable; still serving the previous stories', {
        reason,
        error: (error as Error).message,
      });
      return false;
    }
    const changed = entries.filter((e) => current.signatures.get(e.id) !== signatureOf(e));
    const removed = [...current.snapshots.keys()].filter((id) => !entries.some((e) => e.id === id));
    if (changed.length === 0 && removed.length === 0) return false;
    let next: Generation | null;
    try {
      next = await buildGeneration(options, runtime, current, changed, removed);
    } catch (error) {
      log.warn('reload failed; still serving the previous stories', {
        reason,
        error: (error as Error).message,
      });
      return false;
    }
    if (!next) return false;
    if (closed) {
      await next.pool.close();
      return false;
    }
    const old = current;
    current = next;
    generation += 1;
    log.info('stories reloaded', {
      reason,
      generation,
      rebuilt: changed.map((e) => e.id).filter((id) => next?.snapshots.has(id)),
      removed,
      stories: next.snapshots.size,
      ms: Math.round(performance.now() - started),
    });
    void old.pool.drain(runtime.requestMs);
    if (debounceMs >= 0) rearm();
    return true;
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void library.reload('stories changed', { onlyIfChanged: true });
    }, debounceMs);
  };
  /** One watcher on the folder (stories added or removed) and one per story (its articles). */
  const rearm = () => {
    const wanted = new Set(['', ...current.snapshots.keys()]);
    for (const [id, watcher] of watchers) {
      if (wanted.has(id)) continue;
      watcher.close();
      watchers.delete(id);
    }
    for (const id of wanted) {
      if (watchers.has(id)) continue;
      try {
        const watcher = watch(id ? join(dir, id) : dir, { persistent: false }, schedule);
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(id);
        });
        watchers.set(id, watcher);
      } catch (error) {
        log.warn('cannot watch a story folder; reload with SIGHUP', {
          story: id || null,
          error: (error as Error).message,
        });
      }
    }
  };

  const call = async (command: Command): Promise<Reply> => {
    const listed = command.name === 'stories' ? listingReply(listings(), command) : null;
    if (listed) return listed;
    const result = await current.pool.call({ type: 'run', command });
    if (result.ok) return result.value;
    if (result.reason === 'failed')
      log.error('core request failed', { command: command.name, error: result.message });
    return unansweredReply(command, result.reason, runtime.requestMs);
  };
  const complete = async (of: 'speakers' | 'people', query: string, limit: number) => {
    const result = await current.pool.call({ type: 'complete', of, query, limit });
    return result.ok ? result.value : [];
  };

  const library: ServingLibrary = {
    get corpusSize() {
      return listings().reduce((n, l) => n + l.articles, 0);
    },
    get storyTitle() {
      return `${current.snapshots.size} stories`;
    },
    get generation() {
      return generation;
    },
    corpusDir: dir,
    stories: listings,
    run: call,
    async converse(message) {
      const result = await current.pool.call({ type: 'converse', message });
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
    completeSpeakers: (query, limit) => complete('speakers', query, limit),
    completePeople: (query, limit) => complete('people', query, limit),
    reload(reason) {
      const previous = reloading ?? Promise.resolve(false);
      const next = previous.then(() => reloadOnce(reason));
      reloading = next;
      void next.finally(() => {
        if (reloading === next) reloading = null;
      });
      return next;
    },
    watch(ms) {
      if (debounceMs >= 0) return;
      debounceMs = ms;
      rearm();
    },
    stats: () => ({ ...current.pool.stats(), generation }),
    async close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      if (timer) clearTimeout(timer);
      await current.pool.close();
    },
  };
  return library;
}

/** What a story's build depends on: its articles' names, sizes and times, and its config's. */
function signatureOf(entry: StoryEntry): string {
  let config = '';
  if (entry.config) {
    try {
      const stat = statSync(entry.config);
      config = `${stat.size}:${stat.mtimeMs}`;
    } catch {}
  }
  return `${corpusSignature(entry.corpus)}\nconfig:${config}`;
}

/**
 * Builds `entries` in a build worker, merges them with `base`'s other stories (minus `removed`),
 * and starts a pool over the result. Null when nothing is left to serve.
 */
async function buildGeneration(
  options: ServingLibraryOptions,
  runtime: RuntimeConfig,
  base: Generation | null,
  entries: readonly StoryEntry[],
  removed: readonly string[] = [],
): Promise<Generation | null> {
  const { log } = options;
  const signatures = new Map(base?.signatures ?? []);
  // Signatures are taken before building: a change during the build is seen by the next rescan.
  for (const entry of entries) signatures.set(entry.id, signatureOf(entry));
  // A first build of every story can keep its build worker as the first library worker.
  const adoptable = base === null;
  const built =
    entries.length > 0 ? await buildInWorker(options, runtime, entries, adoptable) : null;
  const adopt = adoptable && built && built.failed.length === 0 ? built.worker : undefined;
  if (built?.worker && !adopt) void built.worker.terminate();
  const snapshots = new Map(base?.snapshots ?? []);
  for (const id of removed) {
    snapshots.delete(id);
    signatures.delete(id);
  }
  for (const story of built?.stories ?? []) snapshots.set(story.id, story);
  for (const failure of built?.failed ?? []) {
    // A story that no longer builds keeps serving its previous version, if it had one.
    log.warn('story could not be built', { story: failure.id, error: failure.message });
    if (!snapshots.has(failure.id)) signatures.delete(failure.id);
  }
  for (const w of built?.warnings ?? [])
    log.warn('skipped article', { story: w.story, file: w.file, reason: w.message });
  if (snapshots.size === 0) return null;
  const sorted = new Map([...snapshots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const lexicon = built?.lexicon ?? base?.lexicon ?? null;
  const pool = createStoryPool({
    size: runtime.workers,
    minSize: runtime.minWorkers,
    idleMs: runtime.workerIdleMs,
    startAfterMs: runtime.workerStartAfterMs,
    requestMs: runtime.requestMs,
    queueMax: runtime.queueMax,
    startMs: runtime.buildMs,
    worker: {
      module: LIBRARY_WORKER,
      snapshot: new SharedArrayBuffer(0),
      lexicon: lexicon?.data ?? null,
      lexiconFile: lexicon?.file ?? '',
      vectors: lexicon?.vectors ?? null,
      library: [...sorted.values()],
    },
    ...(adopt ? { adopt } : {}),
    // The build worker holds every story already: serve from it while the others load them.
    readyWhen: 'first',
    limits: WORKER_LIMITS,
    log,
  });
  try {
    await pool.ready;
  } catch (error) {
    await pool.close();
    throw new RiftError(
      'BUILD_FAILED',
      `The stories were built but the workers could not load them: ${(error as Error).message}.`,
    );
  }
  return { pool, snapshots: sorted, signatures, lexicon };
}

type LibraryBuilt = Extract<LibraryBuildMessage, { type: 'built' }>;

/**
 * Runs one library build worker within its budget ({@link buildBudgetMs} over every story's
 * articles: `runtime.buildMs` until the worker has sized them, then that plus
 * `runtime.buildMsPerMB` per MB).
 */
function buildInWorker(
  options: ServingLibraryOptions,
  runtime: RuntimeConfig,
  entries: readonly StoryEntry[],
  keep: boolean,
): Promise<
  LibraryBuilt & {
    lexicon: { data: unknown; file: string; vectors: SharedArrayBuffer | null };
    worker: Worker | null;
  }
> {
  const data: LibraryBuildData = {
    module: LIBRARY_BUILD_WORKER,
    entries,
    options: {
      cache: options.cache ?? null,
      ...(options.limits ? { limits: options.limits } : {}),
    },
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: data, resourceLimits: WORKER_LIMITS });
    let settled = false;
    const done = (outcome: () => void, alive = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!alive) void worker.terminate();
      outcome();
    };
    const fail = (message: string) => done(() => reject(new RiftError('BUILD_FAILED', message)));
    const started = performance.now();
    let budgetMs = runtime.buildMs;
    const outOfTime = () =>
      fail(
        `Building ${entries.length} stor${entries.length === 1 ? 'y' : 'ies'} took longer than ${budgetMs} ms (runtime.buildMs plus runtime.buildMsPerMB for each MB of articles, in config/rift.json), so it was stopped.`,
      );
    let timer = setTimeout(outOfTime, budgetMs);
    const onAbort = () => fail('Building the stories was stopped: rift is shutting down.');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    worker.on('message', (message: LibraryBuildMessage) => {
      if (message.type === 'sized') {
        if (settled) return;
        budgetMs = buildBudgetMs(runtime, message.bytes);
        options.log.info('build budget', { articleBytes: message.bytes, budgetMs });
        clearTimeout(timer);
        timer = setTimeout(outOfTime, Math.max(0, budgetMs - (performance.now() - started)));
      } else if (message.type === 'failed') fail(message.message);
      else
        done(
          () =>
            resolve({
              ...message,
              lexicon: {
                data: message.lexicon,
                file: message.lexiconFile,
                vectors: message.vectors,
              },
              worker: keep ? worker : null,
            }),
          keep,
        );
    });
    worker.on('error', (error) => fail(`Building the stories failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!settled) fail(`The build worker exited with code ${code}.`);
    });
  });
}
